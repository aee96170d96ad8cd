package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Coalesces concurrent lookups by key into batched queries, linearizably: a lookup only ever joins a batch that is
 * sent AFTER it arrived, so whatever committed before the lookup began (a revoke) is in the snapshot that answers it.
 *
 * <p>At most {@code maxInFlight} queries run at once. Below that, a lookup is sent at once, alone (no added latency
 * on a quiet service); at the limit, lookups wait for the next free slot and every key waiting then goes in ONE query,
 * each distinct key once, however many lookups asked for it (the hundreds of viewers of one busy link). A failed
 * query fails only the lookups of its batch.
 *
 * <p>Each lookup completes on the Vert.x context it was made on, and a batch is sent from its first lookup's
 * context, so its database span belongs to that request's trace and not to an unrelated earlier one.
 */
final class LookupBatches<K, V> {

    private record Waiter<V>(UniEmitter<? super V> emitter, Context context) {
    }

    private final Function<Set<K>, Uni<Map<K, V>>> query;
    private final int maxInFlight;
    private final Object lock = new Object();
    /** Keys waiting for a free slot, each with the lookups that asked for it, in arrival order. Guarded by lock. */
    private Map<K, List<Waiter<V>>> waiting = new LinkedHashMap<>();
    /** Queries sent and not yet answered. Guarded by lock. */
    private int inFlight;

    /** {@code query} answers a set of keys with a map holding the keys it found (absent → the lookup yields null). */
    LookupBatches(Function<Set<K>, Uni<Map<K, V>>> query, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.query = query;
        this.maxInFlight = maxInFlight;
    }

    /** The value of {@code key}, or null when the query does not find it. */
    Uni<V> lookup(K key) {
        return Uni.createFrom().emitter(emitter -> {
            Map<K, List<Waiter<V>>> batch = null;
            synchronized (lock) {
                waiting.computeIfAbsent(key, k -> new ArrayList<>(1)).add(new Waiter<>(emitter, Vertx.currentContext()));
                if (inFlight < maxInFlight) {
                    batch = takeWaiting();
                }
            }
            if (batch != null) {
                send(batch);
            }
        });
    }

    /** Lookups asked for and not yet sent (a test seam). */
    int waitingKeys() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** Caller holds lock. */
    private Map<K, List<Waiter<V>>> takeWaiting() {
        Map<K, List<Waiter<V>>> batch = waiting;
        waiting = new LinkedHashMap<>();
        inFlight++;
        return batch;
    }

    private void send(Map<K, List<Waiter<V>>> batch) {
        Uni<Map<K, V>> answer;
        try {
            answer = query.apply(batch.keySet());
        } catch (RuntimeException e) {
            answer = Uni.createFrom().failure(e);
        }
        answer.subscribe().with(found -> done(batch, found, null), failure -> done(batch, null, failure));
    }

    private void done(Map<K, List<Waiter<V>>> batch, Map<K, V> found, Throwable failure) {
        Map<K, List<Waiter<V>>> next = null;
        synchronized (lock) {
            inFlight--;
            if (!waiting.isEmpty()) {
                next = takeWaiting();
            }
        }
        if (next != null) {
            Waiter<V> first = next.values().iterator().next().get(0);
            Map<K, List<Waiter<V>>> sending = next;
            on(first.context(), () -> send(sending));
        }
        for (Map.Entry<K, List<Waiter<V>>> e : batch.entrySet()) {
            V value = found == null ? null : found.get(e.getKey());
            for (Waiter<V> w : e.getValue()) {
                on(w.context(), failure == null ? () -> w.emitter().complete(value) : () -> w.emitter().fail(failure));
            }
        }
    }

    /** Runs {@code task} on {@code context} (at once when already on it, or when the lookup had none). */
    private static void on(Context context, Runnable task) {
        if (context == null || context == Vertx.currentContext()) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }
}
