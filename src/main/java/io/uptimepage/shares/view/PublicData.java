package io.uptimepage.shares.view;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.core.CheckResult;
import io.uptimepage.shares.core.CoreRejectedException;
import io.uptimepage.shares.core.CoreUnavailableException;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.view.CoreReads.Incidents;
import io.uptimepage.shares.view.CoreReads.Key;
import io.uptimepage.shares.view.CoreReads.LiveWindow;
import io.uptimepage.shares.view.CoreReads.Monitor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The public pages' one cache layer over the core (DESIGN §6): per {@link Key} (read, org, target, range) one
 * {@link Slot} holding the last good answer, the load in flight, and the bytes rendered from it ({@link Rendered}).
 * Every age and size is configuration ({@code shares.view.*}):
 * <ul>
 * <li>younger than {@code fresh-for}: served as it is, nothing is written (a hit is a map read and a clock read);</li>
 * <li>younger than {@code serve-while-refreshing}: served at once, and ONE background refresh per key starts for all
 * viewers — nobody waits for the core on a warm link;</li>
 * <li>older, or absent: the caller waits for the (single, shared) load; if the core cannot answer, the last good answer
 * younger than {@code stale-for} is served {@link State#STALE} with its age, else {@link State#UNAVAILABLE}.</li>
 * </ul>
 * A failed load never replaces a good answer; a load is never cancelled by a viewer who goes away (it is shared).
 */
@ApplicationScoped
public class PublicData {

    /** How a value was obtained. */
    public enum State {
        FRESH, STALE, UNAVAILABLE
    }

    /** A value from the core (possibly remembered), with the time the core gave it; {@code value} null if UNAVAILABLE. */
    public record Fetched<T>(T value, Instant at, State state) {

        static final Fetched<?> UNAVAILABLE = new Fetched<>(null, null, State.UNAVAILABLE);

        @SuppressWarnings("unchecked")
        static <T> Fetched<T> unavailable() {
            return (Fetched<T>) UNAVAILABLE;
        }

        public boolean available() {
            return state != State.UNAVAILABLE;
        }

        /** Same data, same state: a rendering of one is a rendering of the other (identity, not a deep compare). */
        boolean sameAs(Fetched<?> other) {
            return other != null && value == other.value && state == other.state && at == other.at;
        }
    }

    /** What a request got from the layer (a metric tag: {@code shares_view_data_total{outcome}}). */
    enum Outcome {
        FRESH, REFRESHING, WAITED, STALE, UNAVAILABLE
    }

    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    private final CoreReads reads;
    private final long freshForNanos;
    private final long serveForNanos;
    private final long staleForNanos;
    private final Cache<Key, Slot<?>> slots;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Counter loads;
    private final AtomicLong lastWarn = new AtomicLong();

    public PublicData(CoreReads reads, ViewConfig view, MeterRegistry metrics) {
        this.reads = reads;
        this.freshForNanos = view.freshFor().toNanos();
        this.serveForNanos = Math.max(freshForNanos, view.serveWhileRefreshing().toNanos());
        this.staleForNanos = Math.max(serveForNanos, view.staleFor().toNanos());
        // A slot nobody asked for during stale-for holds nothing servable any more.
        this.slots = Caffeine.newBuilder().expireAfterAccess(Duration.ofNanos(staleForNanos))
                .maximumSize(view.cacheSize()).build();
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("shares.view.data").tag("outcome", o.name().toLowerCase())
                    .description("Public reads by how the cache layer answered them").register(metrics));
        }
        this.loads = Counter.builder("shares.view.data.loads")
                .description("Loads from the core the public cache layer started (each shared by every caller)")
                .register(metrics);
        Gauge.builder("shares.view.data.entries", slots, Cache::estimatedSize)
                .description("Entries in the public cache layer").register(metrics);
        this.lastWarn.set(System.nanoTime() - WARN_EVERY.toNanos() - 1);
    }

    public Uni<Fetched<Monitor>> monitor(PublicShare share) {
        return fetch(Key.monitor(share.org(), share.targetId()), reads::monitor);
    }

    public Uni<Fetched<CheckResult>> latest(PublicShare share) {
        return fetch(Key.latest(share.org(), share.targetId()), reads::latest);
    }

    public Uni<Fetched<LiveWindow>> live(PublicShare share, TimeWindow.Range range) {
        return fetch(Key.live(share.org(), share.targetId(), range), reads::live);
    }

    public Uni<Fetched<Incidents>> incidents(PublicShare share, TimeWindow.Range range) {
        return fetch(Key.incidents(share.org(), share.targetId(), range), reads::incidents);
    }

    public Uni<Fetched<LatencySeries>> latency(PublicShare share, TimeWindow.Range range) {
        return fetch(Key.latency(share.org(), share.targetId(), range), reads::latency);
    }

    /** The rendering slot of {@code key}'s data, for bytes rendered from it (see {@link Rendered}). */
    Rendered rendered(Key key) {
        return slot(key).rendered;
    }

    private <T> Uni<Fetched<T>> fetch(Key key, Function<Key, Uni<T>> read) {
        Slot<T> slot = slot(key);
        Supplier<Uni<T>> load = () -> read.apply(key);
        Fetched<T> good = slot.good;
        long age = good == null ? Long.MAX_VALUE : System.nanoTime() - slot.loadedAt;
        if (age < freshForNanos) {
            outcomes.get(Outcome.FRESH).increment();
            return Uni.createFrom().item(good);
        }
        if (age < serveForNanos) {
            outcomes.get(Outcome.REFRESHING).increment();
            slot.load(load, key, loads); // in the background: its outcome lands in the slot
            return Uni.createFrom().item(good);
        }
        return shielded(slot.load(load, key, loads)).map(fresh -> {
            outcomes.get(Outcome.WAITED).increment();
            return fresh;
        }).onFailure(PublicData::coreCannotAnswer).recoverWithItem(failure -> {
            Fetched<T> last = slot.good;
            boolean servable = last != null && System.nanoTime() - slot.loadedAt < staleForNanos;
            warn(key, failure, servable);
            outcomes.get(servable ? Outcome.STALE : Outcome.UNAVAILABLE).increment();
            return servable ? new Fetched<>(last.value(), last.at(), State.STALE) : Fetched.unavailable();
        });
    }

    @SuppressWarnings("unchecked")
    private <T> Slot<T> slot(Key key) {
        return (Slot<T>) slots.get(key, k -> new Slot<>());
    }

    /** Test seam: every entry is older than {@code serve-while-refreshing} (the next read waits), still servable stale. */
    void expireAll() {
        long past = System.nanoTime() - serveForNanos - 1;
        slots.asMap().values().forEach(s -> s.loadedAt = Math.min(s.loadedAt, past));
    }

    /** Test seam: every entry is older than {@code fresh-for} but young enough to be served while it refreshes. */
    void ageAll() {
        long past = System.nanoTime() - freshForNanos - 1;
        slots.asMap().values().forEach(s -> s.loadedAt = Math.min(s.loadedAt, past));
    }

    /** Loads started since start-up. */
    long loadsStarted() {
        return (long) loads.count();
    }

    /** Test seam: how many loads are in flight (background refreshes included). */
    int loadsInFlight() {
        return (int) slots.asMap().values().stream().filter(s -> s.loading.get() != null).count();
    }

    /** Test seam: forget everything, the last good answers included. */
    void invalidateAll() {
        slots.invalidateAll();
    }

    /**
     * One key's state. {@code good} and {@code loadedAt} change together, only when a load succeeds; {@code loading}
     * holds the load in flight so that every caller (waiting or not) joins it.
     */
    static final class Slot<T> {
        volatile Fetched<T> good;
        volatile long loadedAt;
        final Rendered rendered = new Rendered();
        private final AtomicReference<CompletableFuture<Fetched<T>>> loading = new AtomicReference<>();

        /** The load in flight, or a new one; it runs to the end whoever listens. */
        CompletableFuture<Fetched<T>> load(Supplier<Uni<T>> read, Key key, Counter started) {
            CompletableFuture<Fetched<T>> mine;
            do {
                CompletableFuture<Fetched<T>> inFlight = loading.get();
                if (inFlight != null) {
                    return inFlight;
                }
                mine = new CompletableFuture<>();
            } while (!loading.compareAndSet(null, mine));
            CompletableFuture<Fetched<T>> result = mine;
            started.increment();
            Uni<T> uni;
            try {
                uni = read.get();
            } catch (RuntimeException e) {
                uni = Uni.createFrom().failure(e);
            }
            uni.subscribe().with(value -> {
                Fetched<T> fresh = new Fetched<>(value, Instant.now(), State.FRESH);
                good = fresh;
                loadedAt = System.nanoTime();
                loading.set(null);
                result.complete(fresh);
            }, failure -> {
                loading.set(null);
                if (!coreCannotAnswer(failure)) {
                    Log.errorf(failure, "public %s read of target %s failed", key.read(), key.targetId());
                }
                result.completeExceptionally(failure);
            });
            return result;
        }
    }

    /**
     * Bytes rendered from one slot's data, shared by every viewer: per variant (the live region, a page of one link in
     * one layout, the badge…) the last rendering and what it was rendered from — the {@link Fetched} values it read,
     * compared by identity, and the second it was rendered in, since its timestamps and "ago" texts have second
     * granularity. A variant is replaced at most about once per second while viewers ask for it, and only read
     * otherwise. Variants are bounded by the links to one monitor times the layouts; {@code MAX_VARIANTS} guards it.
     */
    static final class Rendered {
        private static final int MAX_VARIANTS = 256;
        private final ConcurrentHashMap<Object, Entry> last = new ConcurrentHashMap<>();

        private record Entry(Fetched<?>[] from, long second, EncodedBody body) {
        }

        /** The rendering of {@code variant} from {@code from} in {@code second}, if it is the last one made. */
        EncodedBody get(Object variant, long second, Fetched<?>... from) {
            Entry e = last.get(variant);
            if (e == null || e.second != second || e.from.length != from.length) {
                return null;
            }
            for (int i = 0; i < from.length; i++) {
                if (!from[i].sameAs(e.from[i])) {
                    return null;
                }
            }
            return e.body;
        }

        void put(Object variant, long second, EncodedBody body, Fetched<?>... from) {
            if (last.size() >= MAX_VARIANTS) {
                last.clear();
            }
            last.put(variant, new Entry(from, second, body));
        }
    }

    /**
     * Listens to a shared load without being able to cancel it: Mutiny cancels a CompletableFuture it was created from
     * when the subscriber cancels, and one viewer who closed the page would fail the load for every other viewer. The
     * item is emitted on the caller's own Vert.x context.
     */
    static <T> Uni<T> shielded(CompletableFuture<T> shared) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            shared.whenComplete((item, failure) -> onContext(context, () -> {
                if (failure != null) {
                    emitter.fail(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                } else {
                    emitter.complete(item);
                }
            }));
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
