package io.uptimepage.shares.share;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.uptimepage.shares.contract.ContractExtension;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.Jwts;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static io.uptimepage.shares.support.CoreStubs.targetDeleted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The periodic pass revokes links of monitors the core no longer knows, and only those. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class TargetReconcilerTest {

    @Inject
    TargetReconciler reconciler;

    @Test
    void linksOfADeletedMonitorAreRevokedAndOthersKept() throws Throwable {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String gone = newTargetId(), kept = newTargetId();
        target(org, gone);
        target(org, kept);
        for (String t : new String[] { gone, kept }) {
            given().header("Authorization", Jwts.bearer(Jwts.operator(org))).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/targets/{id}/shares", t).then().statusCode(201);
        }
        targetDeleted(gone); // deleted in the core, and its deletion callback never arrived

        int revoked = VertxContextSupport.subscribeAndAwait(() -> reconciler.reconcile());

        assertTrue(revoked >= 1, "revoked " + revoked);
        assertEquals("target_deleted", Db.query("select revoke_reason from shares where target_id = ?::uuid", gone)
                .get(0).get("revoke_reason"));
        assertNull(Db.query("select revoked_at from shares where target_id = ?::uuid", kept).get(0).get("revoked_at"));
    }
}
