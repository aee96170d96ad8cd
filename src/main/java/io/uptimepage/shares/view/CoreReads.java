package io.uptimepage.shares.view;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.core.CheckResult;
import io.uptimepage.shares.core.CoreClient;
import io.uptimepage.shares.core.IncidentsPage;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.core.ResultsPage;
import io.uptimepage.shares.core.Target;
import io.uptimepage.shares.core.UptimeStats;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The core reads behind the public pages, one per {@link Key}: what {@link PublicData} (the one cache layer, which
 * coalesces and times them) loads. Uncached themselves; the core calls inside carry {@link CoreClient}'s per-monitor
 * timeout, retry, circuit breaker and bulkhead, so a load costs at most one logical (retried) call per core endpoint.
 *
 * <p>{@link Key#read()} keeps the different reads of one (org, target, range) apart in the layer.
 */
@ApplicationScoped
public class CoreReads {

    /** Recent results shown in the live region (the core's {@code RESULTS_PAGE_LIMIT}). */
    public static final int RESULTS_ON_PAGE = 60;
    /** Incidents shown on the incidents tab. */
    public static final int INCIDENTS_ON_PAGE = 100;
    /** "Current status" is the newest result of this many days (the core's {@code LAST_RESULT_WINDOW_DAYS}). */
    static final Duration LAST_RESULT_WINDOW = Duration.ofDays(7);

    /** Which read, for which monitor, over which preset range ({@code ""} when the read has none). */
    public record Key(Read read, String org, String targetId, String range) {

        public static Key monitor(String org, String targetId) {
            return new Key(Read.MONITOR, org, targetId, "");
        }

        public static Key latest(String org, String targetId) {
            return new Key(Read.LATEST, org, targetId, "");
        }

        public static Key live(String org, String targetId, TimeWindow.Range range) {
            return new Key(Read.LIVE, org, targetId, range.key());
        }

        public static Key incidents(String org, String targetId, TimeWindow.Range range) {
            return new Key(Read.INCIDENTS, org, targetId, range.key());
        }

        public static Key latency(String org, String targetId, TimeWindow.Range range) {
            return new Key(Read.LATENCY, org, targetId, range.key());
        }
    }

    public enum Read {
        MONITOR, LATEST, LIVE, INCIDENTS, LATENCY
    }

    /** The target ({@code null} when the core says it is gone) and how many regions probe it. */
    public record Monitor(Target target, int regions) {
    }

    /** The live region's window data: recent results, uptime now and in the prior window, ongoing incidents. */
    public record LiveWindow(TimeWindow window, List<CheckResult> results, boolean moreResults, UptimeStats uptime,
            UptimeStats prior, int ongoing) {
    }

    /** The incidents tab's rows for a window, newest first. */
    public record Incidents(TimeWindow window, IncidentsPage page) {
    }

    private final CoreClient core;

    public CoreReads(CoreClient core) {
        this.core = core;
    }

    /** The target and its region count; a region-count failure is not worth failing the page for (→ 0). */
    public Uni<Monitor> monitor(Key key) {
        return core.target(key.org(), key.targetId()).flatMap(target -> target == null
                ? Uni.createFrom().item(new Monitor(null, 0))
                : core.regionCount(key.org(), key.targetId()).onFailure().recoverWithItem(0)
                        .map(regions -> new Monitor(target, regions)));
    }

    /** The newest result of the last 7 days ({@code null} value: none, "checking…"). */
    public Uni<CheckResult> latest(Key key) {
        Instant now = Instant.now();
        return core.results(key.org(), key.targetId(), now.minus(LAST_RESULT_WINDOW), now, 1, 0)
                .map(CoreReads::first);
    }

    /** Everything the live region shows for a preset range, fetched in parallel. */
    public Uni<LiveWindow> live(Key key) {
        TimeWindow w = TimeWindow.monitorRange(key.range()).endingAt(Instant.now());
        TimeWindow prior = w.prior();
        return Uni.combine().all().unis(
                core.results(key.org(), key.targetId(), w.from(), w.to(), RESULTS_ON_PAGE, 0),
                core.uptime(key.org(), key.targetId(), w.from(), w.to()),
                core.uptime(key.org(), key.targetId(), prior.from(), prior.to()),
                core.incidents(key.org(), key.targetId(), w.from(), w.to(), true, 1000, 0))
                .with((results, uptime, priorUptime, ongoing) -> new LiveWindow(w,
                        results == null || results.items() == null ? List.of() : results.items(),
                        results != null && results.hasMore(), uptime, priorUptime,
                        ongoing == null || ongoing.items() == null ? 0 : ongoing.items().size()));
    }

    /** The incidents tab for a preset range (100 rows; {@code has_more} says whether there are more). */
    public Uni<Incidents> incidents(Key key) {
        TimeWindow w = TimeWindow.incidentRange(key.range()).endingAt(Instant.now());
        return core.incidents(key.org(), key.targetId(), w.from(), w.to(), false, INCIDENTS_ON_PAGE, 0)
                .map(page -> new Incidents(w, page));
    }

    /** The charts' series for a preset range: the page asks by range so every viewer shares one entry. */
    public Uni<LatencySeries> latency(Key key) {
        TimeWindow w = TimeWindow.monitorRange(key.range()).endingAt(Instant.now());
        return core.latency(key.org(), key.targetId(), w.from(), w.to());
    }

    private static CheckResult first(ResultsPage page) {
        return page == null || page.items() == null || page.items().isEmpty() ? null : page.items().get(0);
    }
}
