package io.uptimepage.shares.share;

import io.uptimepage.shares.contract.ContractExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.uptimepage.shares.crypto.KeyRing;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the shares table and the audit table hold after API calls. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class ShareAuditAndSealingTest {

    final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);

    String mint(String t) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org))).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/targets/{id}/shares", t).then().statusCode(201).extract().path("id");
    }

    @Test
    void mintAndRevokeWriteOneAuditRowEachAndANoOpRevokeWritesNothing() {
        String t = newTargetId();
        target(org, t);
        String id = mint(t);
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).delete("/api/v1/targets/{t}/shares/{s}", t, id)
                .then().statusCode(204);
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).delete("/api/v1/targets/{t}/shares/{s}", t, id)
                .then().statusCode(404);
        List<Map<String, Object>> audit = Db.query(
                "select action, actor, share_id::text as share_id, target_id::text as target_id, reason from share_audit where org = ? order by id", org);
        assertEquals(2, audit.size(), audit.toString());
        assertEquals("share.created", audit.get(0).get("action"));
        assertEquals("share.revoked", audit.get(1).get("action"));
        assertEquals("user-" + org, audit.get(1).get("actor"));
        assertEquals(id, audit.get(1).get("share_id"));
        assertEquals(t, audit.get(1).get("target_id"));
        assertEquals("revoked", audit.get(1).get("reason"));
    }

    @Test
    void tokenIsStoredSealedAndBoundToItsShareWithOnlyItsHashInClear() {
        String t = newTargetId();
        target(org, t);
        String token = given().header("Authorization", Jwts.bearer(Jwts.operator(org))).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/targets/{id}/shares", t).then().statusCode(201).extract().path("token");
        Map<String, Object> row = Db.query("select token_hash, token_sealed from shares where org = ?", org).get(0);
        String sealed = (String) row.get("token_sealed");
        assertEquals(Tokens.hash(token), row.get("token_hash"));
        assertTrue(sealed.startsWith("v2:"), sealed);
        assertFalse(sealed.contains(token));
    }

    @Test
    void rowSealedUnderARetiredKeyListsAsUncopyableButStaysListed() {
        String t = newTargetId();
        target(org, t);
        UUID id = UUID.randomUUID();
        KeyRing retired = KeyRing.of(Optional.of("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"), List.of());
        String token = Tokens.generate();
        Db.update("insert into shares (id, org, target_id, token_hash, token_sealed, created_by) values (?, ?, ?::uuid, ?, ?, 'u')",
                id, org, t, Tokens.hash(token), retired.seal(token, id));
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).get("/api/v1/targets/{t}/shares", t).then()
                .statusCode(200)
                .body("[0].id", equalTo(id.toString()))
                .body("[0].token", nullValue())
                .body("[0].url", nullValue())
                .body("[0].copyable", equalTo(false))
                .body("[0].state", equalTo("active"));
    }

    @Test
    void plaintextRowFromBeforeAKekExistedIsStillCopyable() {
        String t = newTargetId();
        target(org, t);
        String token = Tokens.generate();
        Db.update("insert into shares (id, org, target_id, token_hash, token_sealed) values (?, ?, ?::uuid, ?, ?)",
                UUID.randomUUID(), org, t, Tokens.hash(token), token);
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).get("/api/v1/targets/{t}/shares", t).then()
                .statusCode(200).body("[0].token", equalTo(token)).body("[0].copyable", equalTo(true));
    }
}
