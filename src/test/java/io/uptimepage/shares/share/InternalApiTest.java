package io.uptimepage.shares.share;

import io.uptimepage.shares.contract.ContractExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code /internal/v1/*}: the core's deletion callback and the re-seal call, behind SHARES_INTERNAL_TOKEN. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class InternalApiTest {

    static final String INTERNAL = "Bearer test-internal-token";
    final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void targetDeletionRevokesEveryLinkWithReasonTargetDeleted() {
        String t = newTargetId();
        target(org, t);
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", Jwts.bearer(Jwts.operator(org, "team"))).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/targets/{id}/shares", t).then().statusCode(201);
        }
        given().header("Authorization", INTERNAL).post("/internal/v1/targets/{id}/deleted", t).then()
                .statusCode(200).body("revoked", equalTo(2));
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).get("/api/v1/targets/{id}/shares", t).then()
                .statusCode(200).body("$", hasSize(0));
        List<Map<String, Object>> rows = Db.query("select revoke_reason from shares where target_id = ?::uuid", t);
        assertEquals(List.of("target_deleted", "target_deleted"), rows.stream().map(r -> r.get("revoke_reason")).toList());
        assertEquals(2L, Db.query("select count(*) as n from share_audit where target_id = ?::uuid and action = 'share.revoked' "
                + "and reason = 'target_deleted'", t).get(0).get("n"));
        // a repeated callback is a no-op
        given().header("Authorization", INTERNAL).post("/internal/v1/targets/{id}/deleted", t).then()
                .statusCode(200).body("revoked", equalTo(0));
    }

    @Test
    void wrongInternalTokenIs401AndOperatorJwtIsNotEnough() {
        String t = newTargetId();
        given().header("Authorization", "Bearer nope").post("/internal/v1/targets/{id}/deleted", t).then()
                .statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).post("/internal/v1/targets/{id}/deleted", t)
                .then().statusCode(401);
        given().post("/internal/v1/reseal").then().statusCode(401);
    }

    @Test
    void resealReportsWhatItExamined() {
        given().header("Authorization", INTERNAL).post("/internal/v1/reseal").then().statusCode(200)
                .body("primary_key_id", matchesPattern("[0-9a-f]{8}"));
    }
}
