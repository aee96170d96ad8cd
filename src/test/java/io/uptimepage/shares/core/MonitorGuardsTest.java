package io.uptimepage.shares.core;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DESIGN §3 "Isolation", the per-monitor guard on its own: what a burst on one monitor does to that monitor. */
@QuarkusTest
class MonitorGuardsTest {

    @Inject
    MonitorGuards guards;

    /**
     * 100 calls at once on one monitor whose core answers each in 400 ms: 10 run at a time, so the last wait about
     * 3.6 s for a slot, longer than one attempt's 3 s timeout. The wait is not the core's failure: every call is
     * answered, none is attempted twice, and the monitor's breaker stays closed (the replica suite's 100 concurrent
     * mints on one monitor opened it under load: 503 CORE_UNAVAILABLE from CircuitBreakerOpenException).
     */
    @Test
    void aBurstWaitingForTheMonitorsSlotsIsNotTimedOutRetriedOrCountedByItsBreaker() throws Exception {
        String org = "org-burst-" + UUID.randomUUID();
        String targetId = UUID.randomUUID().toString();
        AtomicInteger attempts = new AtomicInteger();
        long openBefore = guards.openBreakers();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(guards.call(org, targetId, () -> Uni.createFrom().item(() -> attempts.incrementAndGet())
                    .onItem().delayIt().by(Duration.ofMillis(400))).subscribeAsCompletionStage());
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (CompletableFuture<Integer> c : calls) {
            try {
                c.get(30, TimeUnit.SECONDS);
                outcomes.merge("answered", 1, Integer::sum);
            } catch (ExecutionException e) {
                outcomes.merge(e.getCause().getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("answered", 100), outcomes);
        assertEquals(100, attempts.get(), "attempts (a retry means a wait was taken for a core timeout)");
        assertEquals(openBefore, guards.openBreakers(), "open breakers");
    }
}
