package io.uptimepage.shares.share;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.plan.PlanService;
import io.uptimepage.shares.support.Db;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where persistence may be called from is explicit (issue 13): {@code @WithSession} reads and the plan lookup work
 * with no session of the caller's and join the caller's when there is one; the org lock refuses to run where it
 * would lock nothing.
 */
@QuarkusTest
class SessionBoundaryTest {

    @Inject
    ShareRepository repository;
    @Inject
    PlanService plans;

    final String org = "org-sess-" + UUID.randomUUID().toString().substring(0, 8);
    final UUID target = UUID.randomUUID();

    private UUID insertShare() {
        UUID id = UUID.randomUUID();
        Db.update("insert into shares (id, org, target_id, token_hash, token_sealed) values (?, ?, ?, ?, ?)",
                id, org, target, Tokens.hash(Tokens.generate()), "x");
        return id;
    }

    @Test
    @RunOnVertxContext
    void sessionReadsNeedNoSessionOfTheCallers(UniAsserter asserter) {
        UUID id = insertShare();
        asserter.assertThat(() -> repository.listForTarget(org, target, true), list -> {
            assertEquals(1, list.size());
            assertEquals(id, list.get(0).id);
        });
        asserter.assertThat(() -> repository.findOnTarget(org, target, id), found -> assertEquals(id, found.id));
        asserter.assertThat(() -> repository.findOnTarget(org, target, UUID.randomUUID()), found -> assertEquals(null, found));
    }

    @Test
    @RunOnVertxContext
    void planLookupNeedsNoSessionOfTheCallers(UniAsserter asserter) {
        asserter.assertThat(() -> plans.limitsFor(org, null), limits -> assertEquals(PlanService.DEFAULT_PLAN, limits.plan()));
        asserter.assertThat(() -> plans.effective(org, "no-such-plan"), limits -> assertEquals(PlanService.DEFAULT_PLAN,
                limits.limits().plan()));
    }

    @Test
    @RunOnVertxContext
    void sessionReadsJoinTheCallersTransaction(UniAsserter asserter) {
        UUID id = insertShare();
        // The entity is managed by the caller's session: a change to it is written when the caller commits.
        asserter.assertThat(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(session ->
                        repository.findOnTarget(org, target, id).invoke(found -> found.label = "renamed in the caller's transaction")
                                .map(session::contains))),
                managed -> assertTrue(managed, "findOnTarget opened a session of its own inside the caller's transaction"));
        asserter.execute(() -> assertEquals("renamed in the caller's transaction",
                Db.query("select label from shares where id = ?", id).get(0).get("label")));
    }

    @Test
    @RunOnVertxContext
    void orgLockOutsideATransactionIsRefused(UniAsserter asserter) {
        asserter.assertFailedWith(() -> Panache.withSession(() -> repository.lockOrg(org)), e -> {
            assertEquals(IllegalStateException.class, e.getClass());
            assertTrue(e.getMessage().contains("outside a transaction"), e.getMessage());
        });
    }

    @Test
    @RunOnVertxContext
    void orgLockInsideATransactionHoldsAnAdvisoryLockUntilItEnds(UniAsserter asserter) {
        asserter.assertThat(() -> Panache.withTransaction(() -> repository.lockOrg(org)
                        .flatMap(v -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()",
                                Long.class).getSingleResult()))),
                held -> {
                    assertNotNull(held);
                    assertEquals(1L, held.longValue());
                });
    }
}
