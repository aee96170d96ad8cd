package io.uptimepage.shares.view;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.config.SharesConfig;
import io.uptimepage.shares.core.CheckResult;
import io.uptimepage.shares.core.CoreRejectedException;
import io.uptimepage.shares.core.CoreUnavailableException;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.view.CoreReads.Incidents;
import io.uptimepage.shares.view.CoreReads.Key;
import io.uptimepage.shares.view.CoreReads.LiveWindow;
import io.uptimepage.shares.view.CoreReads.Monitor;
import io.uptimepage.shares.view.CoreReads.Stamped;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The public pages' view of the core: {@link CoreReads} (shared 5 s cache) plus an explicit fallback when the core
 * cannot answer. Every good answer is remembered per key for {@code shares.view.stale-for}; while the core is down
 * or slow the last good answer is served marked STALE with its age, and with none the state is UNAVAILABLE. Neither
 * is an error: the page still answers 200 and recovers by itself on the next poll once the core is back.
 */
@ApplicationScoped
public class PublicData {

    /** How a value was obtained. */
    public enum State {
        FRESH, STALE, UNAVAILABLE
    }

    /** A value from the core (possibly remembered), with the time the core gave it; {@code value} null if UNAVAILABLE. */
    public record Fetched<T>(T value, Instant at, State state) {

        static <T> Fetched<T> unavailable() {
            return new Fetched<>(null, null, State.UNAVAILABLE);
        }

        public boolean available() {
            return state != State.UNAVAILABLE;
        }
    }

    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    private final CoreReads reads;
    private final Cache<Key, Stamped<?>> lastGood;
    private final AtomicLong lastWarn = new AtomicLong();

    public PublicData(CoreReads reads, SharesConfig config) {
        this.reads = reads;
        this.lastGood = Caffeine.newBuilder().expireAfterWrite(config.view().staleFor()).maximumSize(50_000).build();
        this.lastWarn.set(System.nanoTime() - WARN_EVERY.toNanos() - 1);
    }

    public Uni<Fetched<Monitor>> monitor(PublicShare share) {
        Key key = Key.monitor(share.org(), share.targetId());
        return fetch(key, () -> reads.monitor(key));
    }

    public Uni<Fetched<CheckResult>> latest(PublicShare share) {
        Key key = Key.latest(share.org(), share.targetId());
        return fetch(key, () -> reads.latest(key));
    }

    public Uni<Fetched<LiveWindow>> live(PublicShare share, TimeWindow.Range range) {
        Key key = Key.live(share.org(), share.targetId(), range);
        return fetch(key, () -> reads.live(key));
    }

    public Uni<Fetched<Incidents>> incidents(PublicShare share, TimeWindow.Range range) {
        Key key = Key.incidents(share.org(), share.targetId(), range);
        return fetch(key, () -> reads.incidents(key));
    }

    public Uni<Fetched<LatencySeries>> latency(PublicShare share, TimeWindow.Range range) {
        Key key = Key.latency(share.org(), share.targetId(), range);
        return fetch(key, () -> reads.latency(key));
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<Fetched<T>> fetch(Key key, Supplier<Uni<Stamped<T>>> read) {
        return shielded(read.get())
                .map(s -> {
                    lastGood.put(key, s);
                    return new Fetched<>(s.value(), s.at(), State.FRESH);
                })
                .onFailure(PublicData::coreCannotAnswer).recoverWithItem(failure -> {
                    Stamped<T> last = (Stamped<T>) lastGood.getIfPresent(key);
                    warn(key, failure, last != null);
                    return last == null ? Fetched.unavailable() : new Fetched<>(last.value(), last.at(), State.STALE);
                });
    }

    /**
     * The cache hands every caller the SAME in-flight load, and Mutiny cancels the underlying CompletableFuture when
     * a subscriber cancels. Unshielded, one viewer who closed the page while a load was in flight failed that load
     * (HTTP 500, CancellationException) for every other viewer waiting on it, and threw the load away. Through this
     * shield a caller that goes away only stops listening; the item is emitted on the caller's own Vert.x context.
     */
    static <T> Uni<T> shielded(Uni<T> shared) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            shared.subscribe().with(
                    item -> onContext(context, () -> emitter.complete(item)),
                    failure -> onContext(context, () -> emitter.fail(failure)));
        });
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || context == Vertx.currentContext()) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    /**
     * The core is down, slow, its circuit is open or its bulkhead full, or it refused one of the page's own reads
     * (a 4xx the viewer cannot fix): worth a stale answer, not an error page.
     */
    static boolean coreCannotAnswer(Throwable t) {
        return t instanceof CoreUnavailableException || t instanceof CoreRejectedException
                || t instanceof FaultToleranceException;
    }

    /** One WARN per 30 s at most: during an outage every poll of every viewer lands here. */
    private void warn(Key key, Throwable failure, boolean stale) {
        long now = System.nanoTime();
        long last = lastWarn.get();
        String reason = failure instanceof CoreUnavailableException c ? c.reason()
                : failure instanceof CoreRejectedException r ? "core answered " + r.coreStatus()
                : failure.getClass().getSimpleName();
        if (now - last > WARN_EVERY.toNanos() && lastWarn.compareAndSet(last, now)) {
            Log.warnf("core cannot answer public %s reads of target %s (%s): serving %s data", key.read(), key.targetId(),
                    reason, stale ? "stale" : "no");
        } else {
            Log.debugf("core cannot answer %s of target %s (%s)", key.read(), key.targetId(), reason);
        }
    }
}
