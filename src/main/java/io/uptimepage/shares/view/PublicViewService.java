package io.uptimepage.shares.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.config.SharesConfig;
import io.uptimepage.shares.core.CheckResult;
import io.uptimepage.shares.core.CoreClient;
import io.uptimepage.shares.core.CoreUnavailableException;
import io.uptimepage.shares.core.Incident;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.core.Target;
import io.uptimepage.shares.core.UptimeStats;
import io.uptimepage.shares.error.PublicFailure;
import io.uptimepage.shares.view.CoreReads.Incidents;
import io.uptimepage.shares.view.CoreReads.LiveWindow;
import io.uptimepage.shares.view.CoreReads.Monitor;
import io.uptimepage.shares.view.PublicData.Fetched;
import io.uptimepage.shares.view.PublicData.State;
import io.uptimepage.shares.view.ShareResolver.Resolved;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the public routes show, composed from the resolved share and the core's (cached, possibly stale) data. Every
 * monitor detail goes through {@link PublicRedactor} before it is put into a view model or a JSON body; no view
 * model or JSON body carries an org or target id.
 */
@ApplicationScoped
public class PublicViewService {

    /** The JSON results twin: default page size (the page's own), and its cap (DESIGN §3). */
    public static final int RESULTS_DEFAULT_LIMIT = CoreReads.RESULTS_ON_PAGE;
    public static final int RESULTS_MAX_LIMIT = 1000;
    /** {@code Retry-After} of a 503 when the core cannot answer and nothing is remembered: about one breaker delay. */
    static final long RETRY_AFTER_SECONDS = 5;

    /** A full monitor tab. */
    public record MonitorPage(PageChrome chrome, MonitorHeader header, LiveView live) {
    }

    /** A full incidents tab. */
    public record IncidentsPage(PageChrome chrome, MonitorHeader header, StatusBadge status, IncidentsView incidents) {
    }

    /**
     * {@code /m/{token}/results}: never org or target ids, {@code served_stale:} stripped. {@code stale} and
     * {@code as_of} appear only on remembered data served while the core cannot answer (like the live region's
     * "stale" notice): {@code as_of} is when the core gave it.
     */
    public record PublicResults(List<PublicResult> items, @JsonProperty("has_more") boolean hasMore,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean stale,
            @JsonProperty("as_of") @JsonInclude(JsonInclude.Include.NON_NULL) OffsetDateTime asOf) {

        PublicResults(List<PublicResult> items, boolean hasMore) {
            this(items, hasMore, null, null);
        }
    }

    public record PublicResult(
            OffsetDateTime timestamp,
            String status,
            @JsonProperty("duration_ms") Long durationMs,
            @JsonProperty("response_code") @JsonInclude(JsonInclude.Include.NON_NULL) Integer responseCode,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

        static PublicResult of(CheckResult r) {
            return new PublicResult(utc(r.timestamp()), r.status(), r.durationMs(), r.responseCode(),
                    ViewFormat.error(r.error()));
        }
    }

    private final ShareResolver resolver;
    private final PublicData data;
    private final CoreClient core;
    private final ViewCounter views;
    private final TwinBudget budget;
    private final ObjectMapper json;
    private final long pollSeconds;
    private final Cache<RenderKey, byte[]> renderedLive =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(2)).maximumSize(10_000).build();

    /**
     * What a rendered live region depends on: the monitor and range, the data it was rendered from (identified by
     * when the core gave it and how it was obtained) and the second it was rendered in (its timestamps and "ago"
     * texts have second granularity). Equal keys render byte-identical HTML, so every viewer of a monitor shares one
     * rendering per second instead of rendering 60 result rows per poll.
     */
    record RenderKey(String org, String targetId, String range, Instant monitorAt, State monitorState,
            Instant latestAt, State latestState, Instant windowAt, State windowState, long second) {
    }

    public PublicViewService(ShareResolver resolver, PublicData data, CoreClient core, ViewCounter views,
            TwinBudget budget, ObjectMapper json, SharesConfig config) {
        this.resolver = resolver;
        this.data = data;
        this.core = core;
        this.views = views;
        this.budget = budget;
        this.json = json;
        this.pollSeconds = Math.max(1, config.view().pollInterval().toSeconds());
    }

    /** {@code GET /m/{token}}: counts a view. */
    public Uni<MonitorPage> monitorPage(String token, String rangeKey) {
        TimeWindow.Range range = TimeWindow.monitorRange(rangeKey);
        return resolver.resolve(token).flatMap(r -> {
            views.record(r.share().id());
            return liveOf(r, range).map(live -> new MonitorPage(
                    chrome(token, "monitor", range, TimeWindow.MONITOR_RANGES, "", live.kpis() == null ? 0 : live.kpis().ongoing()),
                    header(r.monitor()), live));
        });
    }

    /**
     * {@code GET /m/{token}/live}, rendered; never counts a view. The rendering is shared by every viewer of the
     * monitor within one second (see {@link RenderKey}); the share itself is still resolved on every request.
     */
    public Uni<byte[]> liveHtml(String token, String rangeKey) {
        TimeWindow.Range range = TimeWindow.monitorRange(rangeKey);
        return resolver.resolve(token).flatMap(r -> Uni.combine().all()
                .unis(data.latest(r.share()), data.live(r.share(), range)).asTuple()
                .flatMap(t -> {
                    Instant now = Instant.now();
                    Fetched<Monitor> m = r.monitor();
                    RenderKey key = new RenderKey(r.share().org(), r.share().targetId(), range.key(), m.at(), m.state(),
                            t.getItem1().at(), t.getItem1().state(), t.getItem2().at(), t.getItem2().state(),
                            now.getEpochSecond());
                    byte[] cached = renderedLive.getIfPresent(key);
                    if (cached != null) {
                        return Uni.createFrom().item(cached);
                    }
                    return ShareTemplates.monitor$live(liveView(m, t.getItem1(), t.getItem2(), range, now)).createUni()
                            .map(html -> {
                                byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
                                renderedLive.put(key, bytes);
                                return bytes;
                            });
                }));
    }

    /** {@code GET /m/{token}/incidents}: counts a view. */
    public Uni<IncidentsPage> incidentsPage(String token, String rangeKey) {
        TimeWindow.Range range = TimeWindow.incidentRange(rangeKey);
        return resolver.resolve(token).flatMap(r -> {
            views.record(r.share().id());
            return Uni.combine().all().unis(data.latest(r.share()), data.incidents(r.share(), range)).asTuple()
                    .map(t -> {
                        IncidentsView incidents = incidentsOf(range, t.getItem2(), Instant.now());
                        int ongoing = (int) incidents.rows().stream().filter(IncidentsView.Row::ongoing).count();
                        return new IncidentsPage(chrome(token, "incidents", range, TimeWindow.INCIDENT_RANGES,
                                "/incidents", ongoing), header(r.monitor()), status(r.monitor(), t.getItem1(), Instant.now()),
                                incidents);
                    });
        });
    }

    /**
     * {@code GET /m/{token}/latency}: by preset {@code range} (what the page asks: shared cache, stale fallback) or by
     * explicit {@code from}/{@code to} (read through, clamped to 90 days, drawn from the link's {@link TwinBudget}).
     * Core down with nothing remembered → 503 with {@code Retry-After}.
     */
    public Uni<LatencySeries> latency(String token, String rangeKey, String from, String to) {
        return resolver.resolve(token).map(Resolved::share).flatMap(share -> {
            if (from == null && to == null) {
                return data.latency(share, TimeWindow.monitorRange(rangeKey)).flatMap(f -> f.available()
                        ? Uni.createFrom().item(f.value())
                        : Uni.createFrom().failure(new CoreUnavailableException("latency unavailable")));
            }
            TimeWindow w = TimeWindow.parse(from, to, Duration.ofHours(24), Instant.now());
            budget.take(share.id());
            return core.latency(share.org(), share.targetId(), w.from(), w.to())
                    .map(s -> s == null ? new LatencySeries(60, List.of()) : s);
        });
    }

    /**
     * {@code GET /m/{token}/results}, limit default 60 and at most 1000. Without {@code from}/{@code to} (the window
     * the page itself shows: a preset {@code range}, default 24h) and within the page's 60 newest results, it is
     * served from the live region's shared cache, and while the core cannot answer from its last good data marked
     * {@code stale}. Any other window or page is read through, drawn from the link's {@link TwinBudget}; the core
     * down → 503 with {@code Retry-After}.
     */
    public Uni<PublicResults> results(String token, String rangeKey, String from, String to, String limit,
            String offset) {
        return resolver.resolve(token).map(Resolved::share).flatMap(share -> {
            int n = Math.min(Math.max(integer(limit, RESULTS_DEFAULT_LIMIT, "limit"), 1), RESULTS_MAX_LIMIT);
            int skip = Math.max(integer(offset, 0, "offset"), 0);
            if (blank(from) && blank(to) && n <= CoreReads.RESULTS_ON_PAGE && skip == 0) {
                return data.live(share, TimeWindow.monitorRange(rangeKey)).map(f -> pageResults(f, n));
            }
            TimeWindow w = TimeWindow.parse(from, to, TimeWindow.monitorRange(rangeKey).span(), Instant.now());
            budget.take(share.id());
            return core.results(share.org(), share.targetId(), w.from(), w.to(), n, skip)
                    .map(page -> page == null || page.items() == null ? new PublicResults(List.of(), false)
                            : new PublicResults(page.items().stream().map(PublicResult::of).toList(), page.hasMore()));
        });
    }

    /** The newest {@code n} results of the live window; remembered data is marked stale; none at all → 503. */
    private static PublicResults pageResults(Fetched<LiveWindow> f, int n) {
        if (!f.available()) {
            throw PublicFailure.unavailable(RETRY_AFTER_SECONDS);
        }
        List<CheckResult> all = f.value().results();
        List<PublicResult> items = all.stream().limit(n).map(PublicResult::of).toList();
        boolean more = all.size() > n || f.value().moreResults();
        return f.state() == State.STALE ? new PublicResults(items, more, true, utc(f.at().atOffset(ZoneOffset.UTC)))
                : new PublicResults(items, more);
    }

    // ---- composition ---------------------------------------------------------------------------------------

    private Uni<LiveView> liveOf(Resolved r, TimeWindow.Range range) {
        return Uni.combine().all().unis(data.latest(r.share()), data.live(r.share(), range)).asTuple()
                .map(t -> liveView(r.monitor(), t.getItem1(), t.getItem2(), range, Instant.now()));
    }

    LiveView liveView(Fetched<Monitor> monitor, Fetched<CheckResult> latest, Fetched<LiveWindow> window,
            TimeWindow.Range range, Instant now) {
        CheckSummary summary = summary(monitor);
        CheckResult newest = latest.available() ? latest.value() : null;
        LiveView.Kpis kpis = null;
        List<LiveView.ResultRow> rows = List.of();
        boolean more = false;
        if (window.available()) {
            LiveWindow w = window.value();
            kpis = kpis(w);
            rows = w.results().stream().map(PublicViewService::row).toList();
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
                regions > 1 ? " · all regions" : "", rows, more);
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

    private static IncidentsView incidentsOf(TimeWindow.Range range, Fetched<Incidents> fetched, Instant now) {
        if (!fetched.available() || fetched.value().page() == null) {
            return new IncidentsView(range.key(), fetched.available() ? null : Notice.unavailable(),
                    false, List.of(), false);
        }
        List<Incident> items = fetched.value().page().items() == null ? List.of() : fetched.value().page().items();
        List<IncidentsView.Row> rows = items.stream().map(i -> incidentRow(i, now)).toList();
        Notice notice = fetched.state() == State.STALE ? Notice.stale(ViewFormat.ago(fetched.at(), now)) : null;
        return new IncidentsView(range.key(), notice, true, rows, fetched.value().page().hasMore());
    }

    private static IncidentsView.Row incidentRow(Incident i, Instant now) {
        Instant start = i.startedAt().toInstant();
        Instant end = i.ongoing() ? now : i.endedAt().toInstant();
        long seconds = i.durationSecs() != null ? i.durationSecs() : Duration.between(start, end).toSeconds();
        return new IncidentsView.Row(i.status(), i.severity() == null ? "major" : i.severity(), utc(i.startedAt()),
                utc(i.endedAt()), i.ongoing(), ViewFormat.span(seconds), i.checkCount(), ViewFormat.error(i.errorSample()),
                i.countsAsDowntime(), ViewFormat.iso(start.minusSeconds(5)), ViewFormat.iso(end.plusSeconds(30)));
    }

    private MonitorHeader header(Fetched<Monitor> monitor) {
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

    private String pretty(JsonNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static PageChrome chrome(String token, String tab, TimeWindow.Range range, List<TimeWindow.Range> ranges,
            String tabPath, int ongoing) {
        String base = "/m/" + token;
        List<PageChrome.Pill> pills = ranges.stream()
                .map(r -> new PageChrome.Pill(r.key(), base + tabPath + "?range=" + r.key(), r.key().equals(range.key())))
                .toList();
        return new PageChrome(base, Assets.VERSION, tab, range.key(), pills, ongoing);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int integer(String value, int fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw PublicFailure.badRequest("'" + name + "' must be an integer");
        }
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
