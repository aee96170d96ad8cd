package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coalescing of public resolves ({@link LookupBatches}), against a query the test answers by hand: which keys
 * each query was sent with, and which query answered which lookup. Plain unit test (no Vert.x context: completions
 * run on the answering thread).
 */
class LookupBatchesTest {

    /** A query the test answers: every call is recorded with its keys; {@link #answer} completes the n-th. */
    static final class ManualQuery {
        final List<Set<String>> sent = new ArrayList<>();
        final List<UniEmitter<? super Map<String, String>>> pending = new ArrayList<>();

        synchronized Uni<Map<String, String>> apply(Set<String> keys) {
            sent.add(new TreeSet<>(keys));
            return Uni.createFrom().emitter(e -> {
                synchronized (this) {
                    pending.add(e);
                }
            });
        }

        /** Answers query {@code n} (0-based): each key it was sent with → "key@n", except those in {@code missing}. */
        void answer(int n, String... missing) {
            Map<String, String> found = new HashMap<>();
            Set<String> gone = Set.of(missing);
            for (String k : sent.get(n)) {
                if (!gone.contains(k)) {
                    found.put(k, k + "@" + n);
                }
            }
            emitter(n).complete(found);
        }

        synchronized UniEmitter<? super Map<String, String>> emitter(int n) {
            return pending.get(n);
        }

        synchronized int count() {
            return sent.size();
        }
    }

    private static UniAssertSubscriber<String> lookup(LookupBatches<String, String> batches, String key) {
        return batches.lookup(key).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void belowTheLimitEachLookupIsSentAtOnceAlone() {
        ManualQuery q = new ManualQuery();
        LookupBatches<String, String> batches = new LookupBatches<>(q::apply, 2);
        UniAssertSubscriber<String> a = lookup(batches, "a");
        UniAssertSubscriber<String> b = lookup(batches, "b");

        assertEquals(List.of(Set.of("a"), Set.of("b")), q.sent, "two queries in flight, one key each, nobody waiting");
        assertEquals(0, batches.waitingKeys());
        q.answer(1);
        q.answer(0);
        a.assertCompleted().assertItem("a@0");
        b.assertCompleted().assertItem("b@1");
    }

    @Test
    void lookupsWaitingForAFreeSlotGoInOneQueryEachKeyOnce() {
        ManualQuery q = new ManualQuery();
        LookupBatches<String, String> batches = new LookupBatches<>(q::apply, 1);
        UniAssertSubscriber<String> first = lookup(batches, "busy");
        List<UniAssertSubscriber<String>> busy = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            busy.add(lookup(batches, "busy"));
        }
        UniAssertSubscriber<String> other = lookup(batches, "other");
        assertEquals(1, q.count(), "the slot is taken: everyone after the first waits");
        assertEquals(2, batches.waitingKeys(), "51 lookups wait on 2 distinct keys");

        q.answer(0);
        first.assertCompleted().assertItem("busy@0");
        assertEquals(List.of(Set.of("busy"), Set.of("busy", "other")), q.sent, "the waiting keys went in ONE query");
        busy.forEach(s -> s.assertNotTerminated());
        q.answer(1);
        busy.forEach(s -> s.assertCompleted().assertItem("busy@1"));
        other.assertCompleted().assertItem("other@1");
    }

    @Test
    void aLookupIsNeverAnsweredByAQuerySentBeforeItArrived() {
        // The revoke case: query 0 for "t" is on its way; the link is revoked; a new lookup of "t" arrives. It must
        // not take query 0's answer (a snapshot from before it arrived) but the next query's.
        ManualQuery q = new ManualQuery();
        LookupBatches<String, String> batches = new LookupBatches<>(q::apply, 1);
        UniAssertSubscriber<String> before = lookup(batches, "t");
        UniAssertSubscriber<String> after = lookup(batches, "t");

        q.answer(0);
        before.assertCompleted().assertItem("t@0");
        after.assertNotTerminated();
        assertEquals(2, q.count(), "the later lookup got a query of its own, sent after query 0 answered");
        q.answer(1, "t"); // revoked meanwhile: query 1 no longer finds it
        after.assertCompleted();
        assertNull(after.getItem(), "the later lookup sees the revoke");
    }

    @Test
    void aFailedQueryFailsOnlyItsOwnLookupsAndTheNextBatchStillRuns() {
        ManualQuery q = new ManualQuery();
        LookupBatches<String, String> batches = new LookupBatches<>(q::apply, 1);
        UniAssertSubscriber<String> failing = lookup(batches, "a");
        UniAssertSubscriber<String> next = lookup(batches, "b");

        q.emitter(0).fail(new IllegalStateException("database down"));
        failing.assertFailedWith(IllegalStateException.class, "database down");
        next.assertNotTerminated();
        q.answer(1);
        next.assertCompleted().assertItem("b@1");
    }

    @Test
    void aQueryThatThrowsFailsItsLookupsAndFreesTheSlot() {
        List<Set<String>> seen = new ArrayList<>();
        LookupBatches<String, String> batches = new LookupBatches<>(keys -> {
            seen.add(Set.copyOf(keys));
            if (keys.contains("boom")) {
                throw new IllegalArgumentException("bad key");
            }
            return Uni.createFrom().item(Map.of("ok", "fine"));
        }, 1);

        lookup(batches, "boom").assertFailedWith(IllegalArgumentException.class, "bad key");
        lookup(batches, "ok").assertCompleted().assertItem("fine");
        assertEquals(List.of(Set.of("boom"), Set.of("ok")), seen);
    }

    @Test
    void concurrentLookupsFromManyThreadsAreEachAnsweredWithTheirOwnKey() throws Exception {
        // Every query answers at once (on the caller's thread): the in-flight count must go back to zero and no
        // lookup may be lost or answered with another key's value, whatever the interleaving.
        LookupBatches<String, String> batches = new LookupBatches<>(keys -> {
            Map<String, String> found = new HashMap<>();
            keys.forEach(k -> found.put(k, "v-" + k));
            return Uni.createFrom().item(found);
        }, 2);
        // Mutiny's context-propagation provider initialises lazily and not thread-safely: once, here, before the threads
        assertEquals("v-warm", batches.lookup("warm").await().atMost(java.time.Duration.ofSeconds(5)));
        int threads = 8, each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                int right = 0;
                for (int i = 0; i < each; i++) {
                    String key = "k" + ((thread * 31 + i) % 97);
                    String v = batches.lookup(key).await().atMost(java.time.Duration.ofSeconds(5));
                    right += ("v-" + key).equals(v) ? 1 : 0;
                }
                return right;
            }));
        }
        start.countDown();
        int right = 0;
        for (var r : results) {
            right += r.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(threads * each, right, "every lookup answered with its own key's value");
        assertEquals(0, batches.waitingKeys());
    }

    @Test
    void aLimitBelowOneIsRefused() {
        ManualQuery q = new ManualQuery();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LookupBatches<>(q::apply, 0));
        assertTrue(e.getMessage().contains("maxInFlight"));
    }
}
