package io.uptimepage.shares.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptimepage.shares.core.CheckResult;
import io.uptimepage.shares.core.Incident;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.core.Target;
import io.uptimepage.shares.core.UptimeStats;
import io.uptimepage.shares.view.CoreReads.Incidents;
import io.uptimepage.shares.view.CoreReads.LiveWindow;
import io.uptimepage.shares.view.CoreReads.Monitor;
import io.uptimepage.shares.view.PublicData.Fetched;
import io.uptimepage.shares.view.PublicData.State;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The core's (redacted, possibly stale) data → the templates' view models: the live region, the status badge, the
 * incidents region, the header and the page chrome. Pure functions of their arguments and {@code now}: every
 * monitor detail goes through {@link PublicRedactor} first, and no view model carries an org or target id.
 */
final class ViewModels {

    private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private ViewModels() {
    }

    static LiveView liveView(Fetched<Monitor> monitor, Fetched<CheckResult> latest, Fetched<LiveWindow> window,
            TimeWindow.Range range, Instant now, long pollSeconds, Fetched<LatencySeries> latency,
            Fetched<Incidents> incidents) {
        CheckSummary summary = summary(monitor);
        CheckResult newest = latest.available() ? latest.value() : null;
        LiveView.Kpis kpis = null;
        List<LiveView.ResultRow> rows = List.of();
        boolean more = false;
        if (window.available()) {
            LiveWindow w = window.value();
            kpis = kpis(w);
            rows = w.results().stream().map(ViewModels::row).toList();
            more = w.moreResults();
        }
        LiveView.Heartbeat heartbeat = null;
        if (summary != null && "heartbeat".equals(summary.kind())) {
            heartbeat = new LiveView.Heartbeat(summary.address(),
                    newest == null ? "never pinged" : "last ping " + ViewFormat.ago(newest.timestamp().toInstant(), now));
        }
        int regions = monitor.available() ? monitor.value().regions() : 0;
        return new LiveView(range.key(), range.span().toSeconds(), pollSeconds, ViewFormat.iso(now),
                status(monitor, latest, now), newest == null ? null : utc(newest.timestamp()),
                newest == null ? null : ViewFormat.ago(newest.timestamp().toInstant(), now),
                notice(now, monitor, latest, window), kpis, heartbeat,
                summary != null && summary.latencyChart(), summary != null && summary.phaseChart(),
                regions > 1 ? " · all regions" : "", rows, more,
                StatusStrip.of(range, now, latency.available() ? latency.value() : null,
                        incidents.available() && incidents.value().page() != null && incidents.value().page().items() != null
                                ? incidents.value().page().items() : null));
    }

    /**
     * The badge: the newest result of the last 7 days; for heartbeats "waiting" when never pinged and "late" when
     * the newest ping is older than its period but still within period + grace.
     */
    static StatusBadge status(Fetched<Monitor> monitor, Fetched<CheckResult> latest, Instant now) {
        if (!latest.available()) {
            return StatusBadge.UNKNOWN;
        }
        CheckResult newest = latest.value();
        ObjectNode check = monitor.available() ? PublicRedactor.redact(monitor.value().target().check()) : null;
        if (check != null && "heartbeat".equals(check.path("type").asText())) {
            if (newest == null) {
                return StatusBadge.WAITING;
            }
            long period = check.path("period").asLong(0);
            long grace = check.path("grace").asLong(0);
            long age = Duration.between(newest.timestamp().toInstant(), now).toMillis();
            if ("up".equals(newest.status()) && period > 0 && age > period && age <= period + grace) {
                return StatusBadge.LATE;
            }
        }
        return newest == null ? StatusBadge.CHECKING : StatusBadge.ofResult(newest.status());
    }

    private static Notice notice(Instant now, Fetched<?>... parts) {
        Instant oldest = null;
        boolean missing = false;
        for (Fetched<?> f : parts) {
            if (f.state() == State.UNAVAILABLE) {
                missing = true;
            } else if (f.state() == State.STALE && (oldest == null || f.at().isBefore(oldest))) {
                oldest = f.at();
            }
        }
        if (missing) {
            return Notice.unavailable();
        }
        return oldest == null ? null : Notice.stale(ViewFormat.ago(oldest, now));
    }

    private static LiveView.Kpis kpis(LiveWindow w) {
        UptimeStats now = w.uptime() == null ? new UptimeStats(0, 0, 0, 0, 0, null) : w.uptime();
        UptimeStats prior = w.prior() == null ? new UptimeStats(0, 0, 0, 0, 0, null) : w.prior();
        return new LiveView.Kpis(ViewFormat.uptime(now.uptimePct()), now.uptimePct() != null,
                ViewFormat.uptimeDelta(now.uptimePct(), prior.uptimePct()), now.total(), now.up(), now.down(),
                now.degraded(), now.error(), ViewFormat.countDelta(now.up(), prior.up()),
                ViewFormat.countDelta(now.down(), prior.down()), ViewFormat.countDelta(now.error(), prior.error()),
                w.ongoing());
    }

    private static LiveView.ResultRow row(CheckResult r) {
        List<LiveView.Phase> phases = new ArrayList<>();
        phase(phases, "dns", r.dnsMs());
        phase(phases, "connect", r.connectMs());
        phase(phases, "tls", r.tlsMs());
        phase(phases, "ttfb", r.ttfbMs());
        if (r.durationMs() != null && !phases.isEmpty()) {
            long measured = Stream.of(r.dnsMs(), r.connectMs(), r.tlsMs(), r.ttfbMs())
                    .mapToLong(v -> v == null ? 0 : v).sum();
            phases.add(new LiveView.Phase("processing", Math.max(0, r.durationMs() - measured) + " ms"));
        }
        if (r.responseSize() != null) {
            phases.add(new LiveView.Phase("size", r.responseSize() + " B"));
        }
        return new LiveView.ResultRow(utc(r.timestamp()), r.status(),
                r.durationMs() == null ? "–" : r.durationMs() + " ms",
                r.responseCode() == null ? "" : r.responseCode().toString(), ViewFormat.error(r.error()), phases);
    }

    private static void phase(List<LiveView.Phase> phases, String name, Integer ms) {
        if (ms != null) {
            phases.add(new LiveView.Phase(name, ms + " ms"));
        }
    }

    static IncidentsView incidentsOf(TimeWindow.Range range, Fetched<Incidents> fetched, Instant now,
            long pollSeconds) {
        if (!fetched.available() || fetched.value().page() == null) {
            return new IncidentsView(range.key(), fetched.available() ? null : Notice.unavailable(),
                    false, List.of(), false, pollSeconds, ViewFormat.iso(now));
        }
        List<Incident> items = fetched.value().page().items() == null ? List.of() : fetched.value().page().items();
        List<IncidentsView.Row> rows = items.stream().map(i -> incidentRow(i, now)).toList();
        Notice notice = fetched.state() == State.STALE ? Notice.stale(ViewFormat.ago(fetched.at(), now)) : null;
        return new IncidentsView(range.key(), notice, true, rows, fetched.value().page().hasMore(), pollSeconds,
                ViewFormat.iso(now));
    }

    private static IncidentsView.Row incidentRow(Incident i, Instant now) {
        Instant start = i.startedAt().toInstant();
        Instant end = i.ongoing() ? now : i.endedAt().toInstant();
        long seconds = i.durationSecs() != null ? i.durationSecs() : Duration.between(start, end).toSeconds();
        return new IncidentsView.Row(i.status(), i.severity() == null ? "major" : i.severity(), utc(i.startedAt()),
                utc(i.endedAt()), i.ongoing(), ViewFormat.span(seconds), i.checkCount(), ViewFormat.error(i.errorSample()),
                i.countsAsDowntime(), ViewFormat.iso(start.minusSeconds(5)), ViewFormat.iso(end.plusSeconds(30)));
    }

    static MonitorHeader header(Fetched<Monitor> monitor) {
        if (!monitor.available()) {
            return MonitorHeader.unavailable();
        }
        Target t = monitor.value().target();
        ObjectNode check = PublicRedactor.redact(t.check());
        CheckSummary summary = CheckSummary.of(check);
        return new MonitorHeader(true, t.name() == null ? "" : t.name(), summary.kind(), summary.label(),
                summary.address(), ViewFormat.span(t.interval()), t.tags() == null ? List.of() : t.tags(), t.enabled(),
                pretty(check));
    }

    private static CheckSummary summary(Fetched<Monitor> monitor) {
        return monitor.available() ? CheckSummary.of(PublicRedactor.redact(monitor.value().target().check())) : null;
    }

    private static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    static PageChrome chrome(String token, String tab, TimeWindow.Range range, List<TimeWindow.Range> ranges,
            String tabPath, int ongoing) {
        String base = "/m/" + token;
        List<PageChrome.Pill> pills = ranges.stream()
                .map(r -> new PageChrome.Pill(r.key(), base + tabPath + "?range=" + r.key(), r.key().equals(range.key())))
                .toList();
        return new PageChrome(base, Assets.VERSION, tab, range.key(), pills, ongoing);
    }

    static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
