package io.uptimepage.shares.view;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.share.PublicShares;
import io.uptimepage.shares.stats.DailySalt;
import io.uptimepage.shares.stats.ViewStatsRepository;
import io.uptimepage.shares.stats.ViewerKey;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Page views, buffered in memory and written every {@code shares.view.view-flush-interval} with ONE {@code UPDATE}
 * per share per flush, so a popular link costs the database a write per interval, not per view. Only the two full
 * pages record views (never the live poll or the JSON twins).
 *
 * <p>Each view is also tallied per UTC day for the operator's stats: a link-preview bot ({@link ViewerKey#isBot}) is
 * a bot view and nothing else (not a view, not a viewer, not {@code view_count}); a person is a view, and a viewer
 * identified only by {@link ViewerKey#hash} under the day's {@link DailySalt}. The IP and User-Agent are never
 * buffered: the hash is taken when the view is recorded.
 *
 * <p>A failed flush puts its counts back (nothing is lost) and never touches a page: recording is a map update.
 * Buffered counts are flushed on graceful shutdown, before the embedded PostgreSQL stops
 * ({@code EmbeddedPostgres.onStop} observes with {@code Integer.MAX_VALUE}).
 */
@ApplicationScoped
public class ViewCounter {

    /** One link's tally of one UTC day. */
    record DayKey(UUID shareId, LocalDate day) {
    }

    private final PublicShares shares;
    private final ViewStatsRepository stats;
    private final DailySalt salts;
    private final ConcurrentHashMap<DayKey, ViewTally> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    /** When buffered views were last all written (or the counter started): the basis of the flush-lag gauge. */
    private volatile long lastCleanNanos = System.nanoTime();

    public ViewCounter(PublicShares shares, ViewStatsRepository stats, DailySalt salts, MeterRegistry metrics) {
        this.shares = shares;
        this.stats = stats;
        this.salts = salts;
        Gauge.builder("shares.views.buffered", this, ViewCounter::buffered)
                .description("page views counted in memory and not yet written").register(metrics);
        Gauge.builder("shares.views.flush.lag", this, ViewCounter::lagSeconds).baseUnit("seconds")
                .description("how long buffered views have waited for a successful flush (0 when none wait)")
                .register(metrics);
    }

    private double lagSeconds() {
        return pending.isEmpty() ? 0 : (System.nanoTime() - lastCleanNanos) / 1e9;
    }

    /**
     * Counts one page view of a share now. Never fails: if the day's salt cannot be had (database away at the first
     * view of the day), the view still counts, without its viewer.
     */
    public Uni<Void> record(UUID shareId, Viewer viewer) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        DayKey key = new DayKey(shareId, now.toLocalDate());
        if (ViewerKey.isBot(viewer.userAgent())) {
            pending.compute(key, (k, t) -> (t == null ? new ViewTally() : t).bot());
            return Uni.createFrom().voidItem();
        }
        return salts.forDay(key.day())
                .map(salt -> ViewerKey.hash(salt, viewer.clientIp(), viewer.userAgent()))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("viewer salt unavailable (%s); view counted without its viewer", failure.getClass().getSimpleName());
                    return null;
                })
                .invoke(hash -> pending.compute(key, (k, t) -> (t == null ? new ViewTally() : t).view(now, hash)))
                .replaceWithVoid();
    }

    /** Human views buffered and not yet written (for tests and metrics). */
    public long buffered() {
        return pending.values().stream().mapToLong(t -> t.views).sum();
    }

    @Scheduled(every = "${shares.view.view-flush-interval:5s}", delayed = "${shares.view.view-flush-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledFlush() {
        return flush().replaceWithVoid();
    }

    /** {@link #flush()} result: another flush is running (its snapshot is being written). */
    static final int BUSY = -1;
    /** {@link #flush()} result: the database refused; the counts are back in the buffer. */
    static final int FAILED = -2;

    /** Writes everything buffered; returns how many shares were updated, or {@link #BUSY} / {@link #FAILED}. */
    public Uni<Integer> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return Uni.createFrom().item(BUSY);
        }
        Map<DayKey, ViewTally> batch = drain();
        if (batch.isEmpty()) {
            lastCleanNanos = System.nanoTime();
            flushing.set(false);
            return Uni.createFrom().item(0);
        }
        // Rows in share-id order, the order the import's merges lock them in (share.ImportWriter): two writers that
        // lock the same rows in one order cannot deadlock.
        List<Map.Entry<DayKey, ViewTally>> rows = new ArrayList<>(batch.entrySet());
        rows.sort(Map.Entry.comparingByKey(Comparator.comparing(DayKey::shareId).thenComparing(DayKey::day)));
        return Panache.withTransaction(() -> write(rows, 0))
                .replaceWith(batch.size())
                .invoke(() -> lastCleanNanos = System.nanoTime())
                .onFailure().recoverWithItem(failure -> {
                    batch.forEach((key, t) -> pending.merge(key, t, ViewTally::plus));
                    Log.warnf("view-count flush of %d share(s) failed (%s); counts kept for the next flush", batch.size(),
                            failure.getClass().getSimpleName());
                    return FAILED;
                })
                .eventually(() -> flushing.set(false));
    }

    /**
     * Flushes now and waits for it, including a flush already running: for tests, and for shutdown. Returns the number
     * of shares written; stops at the first failed flush (its counts stay buffered). Blocking; runs the database work
     * on a fresh Vert.x context, so it can be called from any non-event-loop thread.
     */
    public int flushNow() {
        try {
            int total = 0;
            for (int attempt = 0; attempt < 500; attempt++) {
                Integer n = VertxContextSupport.subscribeAndAwait(this::flush);
                if (n == FAILED) {
                    return total; // counts are back in the buffer for the next scheduled flush
                }
                if (n >= 0) {
                    total += n;
                    if (pending.isEmpty()) {
                        return total;
                    }
                }
                Thread.sleep(10); // another flush holds the batch, or views arrived meanwhile
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Throwable e) {
            Log.warnf("view-count flush failed (%s)", e.getClass().getSimpleName());
            return 0;
        }
    }

    /** Graceful shutdown: write what is buffered while the database is still up. */
    void onStop(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent event) {
        // A scheduled flush may hold the counts right now (drained from the buffer, not yet committed): wait for it
        // too, or shutdown would close the pool under it and lose that interval's views (ReplicaSuiteIT check 5).
        if (!pending.isEmpty() || flushing.get()) {
            int n = flushNow();
            Log.infof("flushed buffered view counts of %d share(s) on shutdown", n);
        }
    }

    private Map<DayKey, ViewTally> drain() {
        Map<DayKey, ViewTally> batch = new HashMap<>();
        for (DayKey key : List.copyOf(pending.keySet())) {
            ViewTally t = pending.remove(key);
            if (t != null) {
                batch.put(key, t);
            }
        }
        return batch;
    }

    /** The share's view_count and its day's stats, per tally, all in the flush's one transaction. */
    private Uni<Void> write(List<Map.Entry<DayKey, ViewTally>> batch, int i) {
        if (i >= batch.size()) {
            return Uni.createFrom().voidItem();
        }
        DayKey key = batch.get(i).getKey();
        ViewTally t = batch.get(i).getValue();
        Uni<Integer> counted = t.views == 0 ? Uni.createFrom().item(0)
                : shares.addViews(key.shareId(), t.views, t.lastViewedAt);
        return counted.flatMap(updated -> stats.addDay(key.shareId(), key.day(), t.views, t.viewerHashes(), t.botViews))
                .flatMap(v -> write(batch, i + 1));
    }
}
