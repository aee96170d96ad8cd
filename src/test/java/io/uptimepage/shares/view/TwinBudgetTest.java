package io.uptimepage.shares.view;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.uptimepage.shares.error.PublicFailure;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The token bucket behind the per-link budget, on a fake clock: burst, refill rate, Retry-After, independence. */
class TwinBudgetTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final TwinBudget budget = new TwinBudget(3, 60, metrics, now::get);

    @Test
    void aLinkMayBurstThenGetsOneReadPerSecondAndIsToldWhenToComeBack() {
        UUID link = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            budget.take(link);
        }
        PublicFailure refused = assertThrows(PublicFailure.class, () -> budget.take(link));
        assertEquals(429, refused.status());
        assertEquals(1L, refused.retryAfterSeconds());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        assertThrows(PublicFailure.class, () -> budget.take(link), "not yet a whole read refilled");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        budget.take(link);
        assertEquals(2.0, metrics.counter("shares.public.budget.rejected").count());
    }

    @Test
    void aLinkIdleLongerThanTheBurstNeedsIsFullAgainButNeverAboveTheBurst() {
        UUID link = UUID.randomUUID();
        budget.take(link);
        now.addAndGet(TimeUnit.MINUTES.toNanos(10));
        for (int i = 0; i < 3; i++) {
            budget.take(link);
        }
        assertThrows(PublicFailure.class, () -> budget.take(link));
    }

    @Test
    void anExhaustedLinkLeavesEveryOtherLinksBudgetAlone() {
        UUID greedy = UUID.randomUUID(), other = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            budget.take(greedy);
        }
        assertThrows(PublicFailure.class, () -> budget.take(greedy));
        for (int i = 0; i < 3; i++) {
            budget.take(other);
        }
    }

    @Test
    void aBudgetBelowOneReadIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new TwinBudget(0, 60, metrics, now::get));
        assertThrows(IllegalArgumentException.class, () -> new TwinBudget(20, 0, metrics, now::get));
    }
}
