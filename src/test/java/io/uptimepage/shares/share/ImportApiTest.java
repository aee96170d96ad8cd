package io.uptimepage.shares.share;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.contract.ContractExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.uptimepage.shares.contract.OpenApiContract;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.support.CoreShareRows;
import io.uptimepage.shares.support.CoreStubs;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.Jwts;
import io.uptimepage.shares.view.CoreFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreShareRows.sealV1;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN §11: {@code POST /internal/v1/import} brings the core's monitor_shares rows over, streamed, and
 * {@code POST /internal/v1/targets/{id}/shares} mints a status page's link. Against the real test PostgreSQL, with
 * core envelopes built here by an independent AES-GCM implementation.
 */
@QuarkusTest
@ExtendWith(ContractExtension.class)
class ImportApiTest {

    static final String INTERNAL = "Bearer test-internal-token";
    /** The test profile's SHARES_KEK ({@code %test.shares.kek}): the core's KEK as far as this test is concerned. */
    static final byte[] CORE_KEK = Base64.getDecoder().decode("P4vePEouIDlTEpz/dMRa6qki+ktheqt1MWyiuJiBXxE=");
    static final SecureRandom RANDOM = new SecureRandom();
    static final ObjectMapper JSON = new ObjectMapper();

    final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);

    /** One exported row, with the raw token kept aside (the test's knowledge, not part of the line). */
    record Row(ObjectNode json, String token) {
        String id() {
            return json.get("id").asText();
        }

        String target() {
            return json.get("target_id").asText();
        }
    }

    /** A row as row_to_json writes it (microsecond timestamps with an offset), the org slug added. */
    Row row(String target, String tokenEnc, String token) {
        return new Row(CoreShareRows.row(org, target, tokenEnc, token), token);
    }

    Row plaintext(String target) {
        String token = Tokens.generate();
        return row(target, token, token);
    }

    Row sealed(String target) throws Exception {
        String token = Tokens.generate();
        return row(target, sealV1(token, CORE_KEK), token);
    }

    static String ndjson(List<?> lines) {
        StringBuilder b = new StringBuilder();
        for (Object line : lines) {
            b.append(line instanceof Row r ? r.json().toString() : line).append('\n');
        }
        return b.toString();
    }

    static JsonPath importBody(String body, boolean dryRun) {
        return given().header("Authorization", INTERNAL).contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .queryParam("dry_run", dryRun).post("/internal/v1/import").then().statusCode(200).extract().jsonPath();
    }

    static byte[] page(String token) {
        return given().urlEncodingEnabled(false).get("/m/" + token).then().extract().asByteArray();
    }

    static int pageStatus(String token) {
        return given().urlEncodingEnabled(false).get("/m/" + token).statusCode();
    }

    /** The uniform public 404 (a well-formed token nobody minted). */
    static byte[] reference404() {
        Response r = given().get("/m/" + Tokens.generate());
        assertEquals(404, r.statusCode());
        return r.asByteArray();
    }

    List<Map<String, Object>> list(String target) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org, "free"))).queryParam("state", "all")
                .get("/api/v1/targets/{id}/shares", target)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    Map<String, Object> listed(String target, String id) {
        return list(target).stream().filter(s -> id.equals(s.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("share " + id + " not listed"));
    }

    Response mint(String target) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org, "free"))).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/targets/{id}/shares", target);
    }

    @Test
    void everyKindOfCoreRowImportsAndAnswersAsTheCoreWould() throws Exception {
        String t1 = newTargetId();
        String t2 = newTargetId();
        CoreFixtures.httpMonitor(org, t1);
        CoreFixtures.httpMonitor(org, t2);
        Row active = plaintext(t1);
        Row sealed = sealed(t1);
        byte[] nobodysKey = new byte[32];
        RANDOM.nextBytes(nobodysKey);
        String lostToken = Tokens.generate();
        Row unopenable = row(t2, sealV1(lostToken, nobodysKey), lostToken);
        Row revoked = plaintext(t2);
        revoked.json().put("revoked_at", "2026-01-01T00:00:00+00:00");
        Row expired = sealed(t2);
        expired.json().put("expires_at", "2026-01-01T00:00:00+00:00");
        Row pageOwned = plaintext(t2);
        pageOwned.json().putArray("used_by_pages").addObject().put("name", "Acme Status").put("slug", "acme");
        Row future = plaintext(t2);
        future.json().put("expires_at", "2099-01-01T00:00:00Z");
        future.json().putNull("label");

        Row badUuid = plaintext(t1);
        badUuid.json().put("id", "not-a-uuid");
        Row badHash = plaintext(t1);
        badHash.json().put("token_hash", badHash.json().get("token_hash").asText().toUpperCase());
        Row badLabel = plaintext(t1);
        badLabel.json().put("label", "evil\u202Elabel");
        Row wrongHash = plaintext(t1);
        wrongHash.json().put("token_hash", Tokens.hash(Tokens.generate()));
        Row sealedWrongHash = sealed(t1);
        sealedWrongHash.json().put("token_hash", Tokens.hash(Tokens.generate()));

        List<Object> lines = List.of(active, sealed, "", unopenable, revoked, expired, pageOwned, future,
                badUuid, badHash, "{not json", badLabel, wrongHash, sealedWrongHash);
        String body = ndjson(lines);

        JsonPath dry = importBody(body, true);
        assertEquals(true, dry.getBoolean("dry_run"));
        assertEquals(7, dry.getInt("imported"));
        assertEquals(0L, Db.query("select count(*) as n from shares where org = ?", org).get(0).get("n"), "a dry run writes nothing");

        JsonPath report = importBody(body, false);
        assertEquals(false, report.getBoolean("dry_run"));
        assertEquals(13, report.getInt("examined"), "every non-blank line");
        assertEquals(7, report.getInt("imported"));
        assertEquals(0, report.getInt("updated"));
        assertEquals(0, report.getInt("unchanged"));
        assertEquals(6, report.getInt("rejected_count"));
        List<Integer> rejectedLines = report.getList("rejected.line", Integer.class);
        assertEquals(List.of(9, 10, 11, 12, 13, 14), rejectedLines, "1-based over all lines, the blank line 3 included");
        assertTrue(report.getString("rejected[0].reason").contains("uuid"), report.prettify());
        assertTrue(report.getString("rejected[1].reason").contains("token_hash"), report.prettify());
        assertTrue(report.getString("rejected[2].reason").contains("JSON"), report.prettify());
        assertTrue(report.getString("rejected[3].reason").contains("label"), report.prettify());
        assertEquals(badLabel.id(), report.getString("rejected[3].id"));
        assertFalse(report.prettify().contains(wrongHash.token()), "a rejection never echoes a token");

        // The operator list: ids, labels, created_at/by, counts preserved; the same token re-copied.
        for (Row r : List.of(active, sealed, expired, future, pageOwned, unopenable)) {
            Map<String, Object> s = listed(r.target(), r.id());
            assertEquals(r.json().get("label").isNull() ? null : r.json().get("label").asText(), s.get("label"), r.id());
            assertEquals("2025-03-04T05:06:07.123456Z", s.get("created_at"));
            assertEquals(r.json().get("created_by").asText(), s.get("created_by"));
            assertEquals(42, s.get("view_count"));
            assertEquals("2026-11-30T10:00:00.5Z", s.get("last_viewed_at"));
            if (r == unopenable) {
                assertNull(s.get("token"), "no configured key opens it");
                assertEquals(false, s.get("copyable"));
            } else {
                assertEquals(r.token(), s.get("token"), "the operator re-copies the same token");
                assertEquals(true, s.get("copyable"));
            }
        }
        assertEquals(List.of(Map.of("name", "Acme Status", "slug", "acme")), listed(t2, pageOwned.id()).get("used_by_pages"));
        assertEquals(List.of(), listed(t1, active.id()).get("used_by_pages"));
        assertEquals("expired", listed(t2, expired.id()).get("state"));
        assertEquals("2099-01-01T00:00:00Z", listed(t2, future.id()).get("expires_at"));
        assertEquals(7L, Db.query("select count(*) as n from share_audit where org = ? and action = 'share.imported'", org)
                .get(0).get("n"), "one share.imported audit row per imported share");
        assertEquals("revoked", Db.query("select revoke_reason from shares where id = ?::uuid", UUID.fromString(revoked.id()))
                .get(0).get("revoke_reason"));

        // The public page: 200 where the core would have served it, the uniform 404 where not.
        byte[] notFound = reference404();
        for (Row r : List.of(active, sealed, unopenable, pageOwned, future)) {
            assertEquals(200, pageStatus(r.token()), "live imported link " + r.id());
        }
        for (Row r : List.of(revoked, expired, wrongHash)) {
            assertArrayEquals(notFound, page(r.token()), "the same 404 as an unknown token: " + r.id());
        }
    }

    @Test
    void reRunningAnImportChangesNothingAndANewerExportMergesCountsByMax() throws Exception {
        String t = newTargetId();
        CoreFixtures.httpMonitor(org, t);
        Row a = plaintext(t);
        Row b = sealed(t);
        Row c = plaintext(t);
        c.json().put("revoked_at", "2026-02-01T00:00:00+00:00");
        String body = ndjson(List.of(a, b, c));
        assertEquals(3, importBody(body, false).getInt("imported"));

        JsonPath again = importBody(body, false);
        assertEquals(0, again.getInt("imported"));
        assertEquals(0, again.getInt("updated"));
        assertEquals(3, again.getInt("unchanged"));
        assertEquals(3L, Db.query("select count(*) as n from share_audit where org = ?", org).get(0).get("n"));

        a.json().put("view_count", 100).put("last_viewed_at", "2026-12-01T00:00:00+00:00").put("label", "renamed in the core");
        b.json().put("view_count", 7).put("last_viewed_at", "2020-01-01T00:00:00+00:00"); // older counts lose
        c.json().putNull("revoked_at"); // an un-revoke does not apply: revocation is sticky
        JsonPath newer = importBody(ndjson(List.of(a, b, c)), false);
        assertEquals(1, newer.getInt("updated"), newer.prettify());
        assertEquals(2, newer.getInt("unchanged"), newer.prettify());

        Map<String, Object> sa = listed(t, a.id());
        assertEquals(100, sa.get("view_count"));
        assertEquals("2026-12-01T00:00:00Z", sa.get("last_viewed_at"));
        assertEquals("renamed in the core", sa.get("label"));
        Map<String, Object> sb = listed(t, b.id());
        assertEquals(42, sb.get("view_count"));
        assertEquals("2026-11-30T10:00:00.5Z", sb.get("last_viewed_at"));
        assertEquals("2026-02-01T00:00:00Z", Db.query("select to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') as r"
                + " from shares where id = ?::uuid", UUID.fromString(c.id())).get(0).get("r"), "still revoked");
        assertEquals(404, pageStatus(c.token()));
    }

    @Test
    void aConflictingTokenForAnExistingIdIsRejectedAndTheOriginalLinkKeepsWorking() {
        String t = newTargetId();
        CoreFixtures.httpMonitor(org, t);
        Row original = plaintext(t);
        importBody(ndjson(List.of(original)), false);

        String other = Tokens.generate();
        ObjectNode hijack = original.json().deepCopy();
        hijack.put("token_hash", Tokens.hash(other)).put("token_enc", other);
        Row stealsHash = plaintext(t); // a second id claiming the first one's token
        stealsHash.json().put("token_hash", original.json().get("token_hash").asText())
                .put("token_enc", original.token());
        JsonPath report = importBody(ndjson(List.of(hijack, stealsHash.json())), false);
        assertEquals(2, report.getInt("rejected_count"), report.prettify());
        assertEquals(List.of(1, 2), report.getList("rejected.line", Integer.class));
        assertEquals(0, report.getInt("imported"));

        assertEquals(original.token(), listed(t, original.id()).get("token"));
        assertEquals(200, pageStatus(original.token()));
        assertEquals(404, pageStatus(other));
        assertEquals(0L, Db.query("select count(*) as n from shares where id = ?::uuid", UUID.fromString(stealsHash.id()))
                .get(0).get("n"));
    }

    @Test
    void importedAndPageOwnedLinksAreGrandfatheredPastTheCaps() {
        // free plan: 1 link per monitor, 2 shared monitors
        String t = newTargetId();
        String pageTarget = newTargetId();
        CoreStubs.target(org, t);
        CoreStubs.target(org, pageTarget);
        Row first = plaintext(t);
        Row second = plaintext(t);
        Row page = plaintext(pageTarget);
        page.json().putArray("used_by_pages").addObject().put("name", "Acme Status").put("slug", "acme");
        assertEquals(3, importBody(ndjson(List.of(first, second, page)), false).getInt("imported"));

        assertEquals(422, mint(t).statusCode(), "over the per-monitor cap after the import: no mint");
        given().header("Authorization", Jwts.bearer(Jwts.operator(org, "free")))
                .delete("/api/v1/targets/{id}/shares/{sid}", t, first.id()).then().statusCode(204);
        assertEquals(422, mint(t).statusCode(), "at the cap: still no mint");
        assertEquals(201, mint(pageTarget).statusCode(), "the page-owned link does not count toward the caps");
        given().header("Authorization", Jwts.bearer(Jwts.operator(org, "free")))
                .delete("/api/v1/targets/{id}/shares/{sid}", t, second.id()).then().statusCode(204);
        assertEquals(201, mint(t).statusCode(), "under the cap again: mints");
    }

    @Test
    void wrongContentTypeIs415AndTheBearerIsRequired() {
        String body = ndjson(List.of(plaintext(newTargetId())));
        given().header("Authorization", INTERNAL).contentType(ContentType.JSON).body(body).post("/internal/v1/import")
                .then().statusCode(415).body("error.code", equalTo("INVALID_CONTENT_TYPE"));
        given().header("Authorization", INTERNAL).body(body.getBytes(StandardCharsets.UTF_8)).post("/internal/v1/import")
                .then().statusCode(415);
        given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8)).post("/internal/v1/import").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").body("error.code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer nope").contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/internal/v1/import").then().statusCode(401);
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/internal/v1/import").then().statusCode(401);
        assertEquals(0L, Db.query("select count(*) as n from shares where org = ?", org).get(0).get("n"));
    }

    @Test
    void aBodyLargerThanTheRequestLimitStreamsThrough() {
        String t = newTargetId();
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add(plaintext(t));
        }
        String body = ndjson(lines);
        assertTrue(body.length() > 64 * 1024 * 10, "well past the 64 KiB request limit: " + body.length());
        JsonPath report = importBody(body, false);
        assertEquals(2000, report.getInt("examined"));
        assertEquals(2000, report.getInt("imported"), report.prettify());
        assertEquals(2000L, Db.query("select count(*) as n from shares where org = ?", org).get(0).get("n"));
    }

    @Test
    void aStatusPageGetsOneLinkPerMonitorAndAnUnknownMonitorIs404() {
        String t = newTargetId();
        CoreFixtures.httpMonitor(org, t);
        String body = "{\"org\":\"" + org + "\",\"page\":{\"name\":\"Acme Status\",\"slug\":\"acme\"}}";
        JsonPath first = given().header("Authorization", INTERNAL).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/targets/{id}/shares", t).then().statusCode(201).extract().jsonPath();
        JsonPath again = given().header("Authorization", INTERNAL).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/targets/{id}/shares", t).then().statusCode(200).extract().jsonPath();
        assertEquals(first.getString("id"), again.getString("id"));
        assertEquals(first.getString("token"), again.getString("token"));
        assertEquals(List.of(Map.of("name", "Acme Status", "slug", "acme")), first.getList("used_by_pages"));
        assertEquals(200, pageStatus(first.getString("token")));

        String otherPage = body.replace("\"acme\"", "\"acme-eu\"");
        String second = given().header("Authorization", INTERNAL).contentType(ContentType.JSON).body(otherPage)
                .post("/internal/v1/targets/{id}/shares", t).then().statusCode(201).extract().path("token");
        assertNotEquals(first.getString("token"), second, "another page gets its own link");
        assertEquals(201, mint(t).statusCode(), "page links do not use the monitor's free-plan slot");

        String unknown = newTargetId();
        CoreStubs.targetNotFound(unknown);
        given().header("Authorization", INTERNAL).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/targets/{id}/shares", unknown).then().statusCode(404)
                .body("error.code", equalTo("TARGET_NOT_FOUND"));
        given().contentType(ContentType.JSON).body(body).post("/internal/v1/targets/{id}/shares", t).then().statusCode(401);
    }

    /** The route is a Vert.x route smallrye cannot see: its answers are checked against the static part of the spec. */
    @Test
    void importAnswersAreTheOnesDocsOpenapiYamlDescribes() {
        String t = newTargetId();
        Row ok = plaintext(t);
        Row badId = plaintext(t);
        badId.json().put("target_id", "nope");
        byte[] body = ndjson(List.of(ok, "{not json", badId)).getBytes(StandardCharsets.UTF_8);
        List<Response> answers = List.of(
                given().header("Authorization", INTERNAL).contentType("application/x-ndjson").body(body)
                        .queryParam("dry_run", true).post("/internal/v1/import"),
                given().header("Authorization", INTERNAL).contentType("application/x-ndjson").body(body)
                        .post("/internal/v1/import"),
                given().header("Authorization", INTERNAL).contentType("application/x-ndjson").body(body)
                        .queryParam("dry_run", "maybe").post("/internal/v1/import"),
                given().contentType("application/x-ndjson").body(body).post("/internal/v1/import"),
                given().header("Authorization", INTERNAL).contentType(ContentType.TEXT).body(body).post("/internal/v1/import"));
        assertEquals(List.of(200, 200, 400, 401, 415), answers.stream().map(Response::statusCode).toList());
        JsonPath report = answers.get(1).jsonPath();
        assertEquals(1, report.getInt("imported"), report.prettify());
        assertNull(report.get("rejected[0].id"), "a line with no readable id: " + report.prettify());
        for (Response r : answers) {
            assertEquals(List.of(), OpenApiContract.committed().violations("POST", "/internal/v1/import", r.statusCode(),
                    r.contentType(), r.asString()), r.asString());
        }
        // The checker is not a pass-through: an answer the spec does not describe is reported.
        assertFalse(OpenApiContract.committed().violations("POST", "/internal/v1/import", 200, "application/json",
                "{\"dry_run\":false}").isEmpty());
    }

    /** Sanity of the independent envelope: it is the core's format (prefix, 12-byte nonce, 16-byte tag). */
    @Test
    void theTestsV1EnvelopeHasTheCoresShape() throws Exception {
        String[] parts = sealV1(Tokens.generate(), CORE_KEK).split(":");
        assertEquals("v1", parts[0]);
        assertEquals(12, Base64.getUrlDecoder().decode(parts[1]).length);
        assertEquals(43 + 16, Base64.getUrlDecoder().decode(parts[2]).length);
        assertTrue(Instant.now().truncatedTo(ChronoUnit.SECONDS) != null);
    }
}
