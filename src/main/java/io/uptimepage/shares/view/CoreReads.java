package io.uptimepage.shares.view;

import io.quarkus.cache.CacheResult;
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
 * The core reads behind the public pages, through the SHARED short-lived cache {@code core-live} (TTL in
 * {@code application.properties}, 5 s): N viewers of one monitor cost one core read per TTL, not N (DESIGN §6).
 *
 * <p>How the annotations interact: {@code @CacheResult} on a {@code Uni} method stores the in-flight computation
 * (Caffeine's {@code AsyncCache}), so concurrent callers for one key coalesce onto ONE core call, and a failed
 * computation is dropped instead of cached. The core calls inside carry {@link CoreClient}'s timeout, retry and
 * circuit breaker, so a cache miss costs at most one logical (retried) call. Results are emitted back on each
 * caller's own Vert.x context by the cache.
 *
 * <p>Each method takes one {@link Key}: the cache key is the record, and {@link Key#read()} keeps the different reads
 * of one (org, target, range) apart in the single cache. Values are {@link Stamped} with the time the core
 * answered, so stale fallbacks can say how old they are.
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

    /** A value and when the core gave it. */
    public record Stamped<T>(T value, Instant at) {
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
    @CacheResult(cacheName = "core-live")
    public Uni<Stamped<Monitor>> monitor(Key key) {
        return core.target(key.org(), key.targetId()).flatMap(target -> target == null
                ? Uni.createFrom().item(new Monitor(null, 0))
                : core.regionCount(key.org(), key.targetId()).onFailure().recoverWithItem(0)
                        .map(regions -> new Monitor(target, regions)))
                .map(CoreReads::stamp);
    }

    /** The newest result of the last 7 days ({@code null} value: none, "checking…"). */
    @CacheResult(cacheName = "core-live")
    public Uni<Stamped<CheckResult>> latest(Key key) {
        Instant now = Instant.now();
        return core.results(key.org(), key.targetId(), now.minus(LAST_RESULT_WINDOW), now, 1, 0)
                .map(page -> stamp(first(page)));
    }

    /** Everything the live region shows for a preset range, fetched in parallel. */
    @CacheResult(cacheName = "core-live")
    public Uni<Stamped<LiveWindow>> live(Key key) {
        TimeWindow w = TimeWindow.monitorRange(key.range()).endingAt(Instant.now());
        TimeWindow prior = w.prior();
        return Uni.combine().all().unis(
                core.results(key.org(), key.targetId(), w.from(), w.to(), RESULTS_ON_PAGE, 0),
                core.uptime(key.org(), key.targetId(), w.from(), w.to()),
                core.uptime(key.org(), key.targetId(), prior.from(), prior.to()),
                core.incidents(key.org(), key.targetId(), w.from(), w.to(), true, 1000, 0))
                .with((results, uptime, priorUptime, ongoing) -> stamp(new LiveWindow(w,
                        results == null || results.items() == null ? List.of() : results.items(),
                        results != null && results.hasMore(), uptime, priorUptime,
                        ongoing == null || ongoing.items() == null ? 0 : ongoing.items().size())));
    }

    /** The incidents tab for a preset range (100 rows; {@code has_more} says whether there are more). */
    @CacheResult(cacheName = "core-live")
    public Uni<Stamped<Incidents>> incidents(Key key) {
        TimeWindow w = TimeWindow.incidentRange(key.range()).endingAt(Instant.now());
        return core.incidents(key.org(), key.targetId(), w.from(), w.to(), false, INCIDENTS_ON_PAGE, 0)
                .map(page -> stamp(new Incidents(w, page)));
    }

    /** The charts' series for a preset range: the page asks by range so every viewer shares one entry. */
    @CacheResult(cacheName = "core-live")
    public Uni<Stamped<LatencySeries>> latency(Key key) {
        TimeWindow w = TimeWindow.monitorRange(key.range()).endingAt(Instant.now());
        return core.latency(key.org(), key.targetId(), w.from(), w.to()).map(CoreReads::stamp);
    }

    private static CheckResult first(ResultsPage page) {
        return page == null || page.items() == null || page.items().isEmpty() ? null : page.items().get(0);
    }

    private static <T> Stamped<T> stamp(T value) {
        return new Stamped<>(value, Instant.now());
    }
}
