package io.uptimepage.shares.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.uptimepage.shares.contract.ContractExtension;
import io.uptimepage.shares.support.Jwts;
import io.uptimepage.shares.support.PostgresResource;
import io.uptimepage.shares.support.RawHttp;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.share.ShareApiTest.assertEnvelope;
import static io.uptimepage.shares.share.ShareApiTest.list;
import static io.uptimepage.shares.share.ShareApiTest.org;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DESIGN §2 "Input hygiene" on mint: a label is text a person reads (no controls, no lone surrogates, no bidi
 * overrides; every script and emoji round-trips byte-exactly), an expiry is a real RFC 3339 instant PostgreSQL can
 * hold and is echoed exactly as stored, and a body must say it is JSON.
 */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class ShareInputHygieneTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Mints with a raw JSON body (UTF-8), as a client library would send it; team plan, so a monitor takes five. */
    static ValidatableResponse mintRaw(String org, String targetId, String json) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org, "team")))
                .contentType("application/json; charset=UTF-8").body(json.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/targets/{id}/shares", targetId).then();
    }

    /** JSON string literal of {@code s}, non-ASCII written as itself (UTF-8 on the wire). */
    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- labels ---------------------------------------------------------------------------------------------------

    /** JSON escapes of what may not be in a label: C0 (tab and newline too), DEL, C1, lone surrogates, bidi controls. */
    @ParameterizedTest
    @ValueSource(strings = { "a\\u0000b", "a\\u0001b", "a\\tb", "a\\nb", "a\\rb", "line\\u000bfeed", "a\\u001fb",
            "a\\u007fb", "a\\u0080b", "a\\u0085b", "a\\u009fb", "\\ud800", "a\\ud800b", "\\udc00", "a\\udfffb",
            "\\udc00\\ud800", "ab\\ud83d", "a\\u202ab", "a\\u202bb", "a\\u202cb", "a\\u202db", "invoice\\u202etxt.exe",
            "a\\u2066b", "a\\u2067b", "a\\u2068b", "a\\u2069b", "  ok then\\n", "\\tindented" })
    void labelWithControlSurrogateOrBidiCharacterIs400AndNothingIsStored(String escaped) {
        String org = org(), t = newTargetId();
        target(org, t);
        assertEnvelope(mintRaw(org, t, "{\"label\":\"" + escaped + "\"}"), 400, "SHARE_LABEL_INVALID", "label");
        list(org, t, "?state=all").statusCode(200).body("$", hasSize(0));
    }

    @Test
    void labelsInEveryScriptEmojiAndZwjSequencesRoundTripByteExactly() throws Exception {
        String org = org(), t = newTargetId();
        target(org, t);
        List<String> labels = List.of(
                "👩‍👩‍👧‍👦 family on-call",                          // ZWJ sequence
                "🏳️‍🌈 🇺🇦 🇯🇵 👍🏽 ❤️",                               // flags, skin tone, variation selector
                "Ünïcödé e\u0301 a\u030a (decomposed, not normalised)",
                "مراقبة الخادم", "שרת ייצור", "生产服务器 監視", "本番サーバー", "운영 서버",
                "Производство", "Παραγωγή", "उत्पादन सर्वर", "เซิร์ฟเวอร์", "உற்பத்தி", "წარმოება", "Արտադրություն",
                "ምርት", "ᎠᏂᏴᏫ", "𝐁𝐨𝐥𝐝 𝕕𝕠𝕦𝕓𝕝𝕖 𐍈 𓀀", "zero\u200bwidth\u200djoiner\u00a0nbsp");
        for (String label : labels) {
            String body = mintRaw(org, t, "{\"label\":" + quote(label) + "}").statusCode(201)
                    .extract().asString(); // the response is UTF-8 JSON
            JsonNode created = JSON.readTree(body);
            assertArrayEquals(label.getBytes(StandardCharsets.UTF_8),
                    created.get("label").asText().getBytes(StandardCharsets.UTF_8), "201 echo of " + label);
            assertArrayEquals(label.getBytes(StandardCharsets.UTF_8), storedLabel(created.get("id").asText()),
                    "stored bytes of " + label);
            given().header("Authorization", Jwts.bearer(Jwts.operator(org, "team")))
                    .delete("/api/v1/targets/{t}/shares/{s}", t, created.get("id").asText()).then().statusCode(204);
        }
        JsonNode all = JSON.readTree(list(org, t, "?state=all").statusCode(200).extract().asString());
        assertEquals(labels.size(), all.size());
        for (JsonNode share : all) {
            assertEquals(true, labels.contains(share.get("label").asText()), "listed label " + share.get("label"));
        }
    }

    private static byte[] storedLabel(String shareId) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                PreparedStatement ps = c.prepareStatement("select convert_to(label, 'UTF8') from shares where id = ?")) {
            ps.setObject(1, UUID.fromString(shareId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    // ---- expiry ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "+300000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "10000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "9999-12-31T23:59:59.000001Z", "9999-12-31T23:59:59-01:00",
            "99999-12-31T23:59:59Z", "2099-01-01T00:00:00+0100", "2099-01-01T00:00:00+01", "2099-01-01T00:00:00",
            "2099-01-01T00:00Z", "2099-01-01", "2099-01-01 00:00:00Z", "2099-01-01T00:00:00.Z", "2099-1-01T00:00:00Z",
            "2099-02-30T00:00:00Z", "2099-13-01T00:00:00Z", "2099-01-01T24:00:00Z", "2099-12-31T23:59:60Z",
            "2099-01-01T00:00:00+19:00", "2099-01-01T00:00:00+05:60", "9999-12-31T23:59:59.0000001Z",
            "2099-01-01T00:00:00Z[Europe/Paris]", "２０９９-01-01T00:00:00Z", "2099-01-01T00:00:00ZZ", " 2099-01-01T00:00:00Z",
            "2099-01-01T00:00:00Z ", "4102444800", "", "next tuesday", "2099-W01-1T00:00:00Z", "2099-001T00:00:00Z",
            "20990101T000000Z", "2099-01-01T00:00:00\\u0000Z", "2099-01-01T00:00:00+01:00:00" })
    void expiryThatIsNotARealRfc3339InstantUpToYear9999Is400(String value) {
        String org = org(), t = newTargetId();
        target(org, t);
        assertEnvelope(mintRaw(org, t, "{\"expires_at\":\"" + value + "\"}"), 400, "INVALID_EXPIRY", "expires_at");
        list(org, t, "?state=all").statusCode(200).body("$", hasSize(0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "[1,2]", "[]", "42", "\"x\"", "true" })
    void aBodyThatIsNotTheRequestObjectIs400InvalidJsonWithTheEnvelope(String json) {
        String org = org(), t = newTargetId();
        target(org, t);
        mintRaw(org, t, json).statusCode(400).contentType("application/json")
                .body("error.code", Matchers.equalTo("INVALID_JSON"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "42", "true", "{}", "[\"2099-01-01T00:00:00Z\"]" })
    void nonStringExpiryIs400(String json) {
        String org = org(), t = newTargetId();
        target(org, t);
        assertEnvelope(mintRaw(org, t, "{\"expires_at\":" + json + "}"), 400, "INVALID_EXPIRY", "expires_at");
    }

    @Test
    void theExpiryEchoedOnMintIsTheOneStoredAndListed() throws Exception {
        String org = org(), t = newTargetId();
        target(org, t);
        String[][] cases = {
                { "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z" },
                { "9999-12-31T23:59:59.000000Z", "9999-12-31T23:59:59Z" },
                { "2099-06-01T12:34:56.123456Z", "2099-06-01T12:34:56.123456Z" },
                { "2099-06-01T12:34:56.1234560Z", "2099-06-01T12:34:56.123456Z" },
                { "2099-06-01T12:34:56.123456789Z", "2099-06-01T12:34:56.123456Z" }, // truncated to what PostgreSQL keeps
                { "2099-06-01t14:34:56.5+02:00", "2099-06-01T12:34:56.5Z" },
                { "2099-06-01T12:34:56-00:30", "2099-06-01T13:04:56Z" },
                { "2099-06-01T12:34:56z", "2099-06-01T12:34:56Z" } };
        for (String[] c : cases) {
            JsonNode created = JSON.readTree(mintRaw(org, t, "{\"expires_at\":\"" + c[0] + "\"}").statusCode(201)
                    .extract().asString());
            assertEquals(c[1], created.get("expires_at").asText(), "201 echo of " + c[0]);
            JsonNode listed = null;
            for (JsonNode s : JSON.readTree(list(org, t, "?state=all").extract().asString())) {
                if (s.get("id").equals(created.get("id"))) {
                    listed = s;
                }
            }
            assertEquals(created.get("expires_at"), listed.get("expires_at"), "listed expiry of " + c[0]);
            assertEquals("active", listed.get("state").asText());
            given().header("Authorization", Jwts.bearer(Jwts.operator(org, "team")))
                    .delete("/api/v1/targets/{t}/shares/{s}", t, created.get("id").asText()).then().statusCode(204);
        }
    }

    // ---- content type ---------------------------------------------------------------------------------------------

    @Test
    void mintWithoutContentTypeIs415() {
        String org = org(), t = newTargetId();
        target(org, t);
        assertEnvelope(given().header("Authorization", Jwts.bearer(Jwts.operator(org))).body("{}".getBytes(StandardCharsets.UTF_8))
                .noContentType().when().post("/api/v1/targets/{id}/shares", t).then(), 415, "INVALID_CONTENT_TYPE", null);
        list(org, t, "?state=all").statusCode(200).body("$", hasSize(0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/xml", "text/json",
            "application/octet-stream", "multipart/form-data; boundary=x", "application/x-ndjson", "*/*", "application/*",
            "application/json-patch+json", "application/jsonx", "json", ";" })
    void mintWithAnotherContentTypeIs415(String type) throws Exception {
        String org = org(), t = newTargetId();
        target(org, t);
        RawHttp.Response r = RawHttp.send("POST", "/api/v1/targets/" + t + "/shares",
                Map.of("Authorization", Jwts.bearer(Jwts.operator(org)), "Content-Type", type),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, r.status(), type + ": " + r.body());
        assertEquals("INVALID_CONTENT_TYPE", JSON.readTree(r.body()).at("/error/code").asText(), r.body());
        list(org, t, "?state=all").statusCode(200).body("$", hasSize(0));
    }
}
