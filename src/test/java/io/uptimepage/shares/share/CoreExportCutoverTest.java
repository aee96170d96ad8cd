package io.uptimepage.shares.share;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.Jwts;
import io.uptimepage.shares.support.PostgresResource;
import io.uptimepage.shares.view.CoreFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.share.ImportApiTest.CORE_KEK;
import static io.uptimepage.shares.share.ImportApiTest.JSON;
import static io.uptimepage.shares.share.ImportApiTest.RANDOM;
import static io.uptimepage.shares.share.ImportApiTest.page;
import static io.uptimepage.shares.share.ImportApiTest.pageStatus;
import static io.uptimepage.shares.share.ImportApiTest.reference404;
import static io.uptimepage.shares.support.CoreShareRows.sealV1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README runbook "Moving links from the core", steps 1-3, run as written: a second database on the test
 * PostgreSQL holds the core's tables (CORE-REFERENCE DDL, {@code src/test/resources/core-db/core-schema.sql}), seeded
 * with links of every kind; the README's export command and dry-run {@code curl} are read out of README.md and run
 * through {@code bash} unchanged (only {@code <pod>:8080} becomes this test's server), and every link is then checked
 * at {@code /m/{token}} and in the operator list.
 */
@QuarkusTest
class CoreExportCutoverTest {

    private static final String SECTION = "### Moving links from the core";

    @TestHTTPResource("/")
    URL root;

    /** One seeded core row: what the core holds, and the raw token only the test knows. */
    record CoreRow(UUID id, UUID orgId, String orgSlug, UUID targetId, String token, String tokenEnc, String label,
            UUID createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, long viewCount,
            OffsetDateTime lastViewedAt) {
    }

    /** The README section's fenced shell blocks, in order, exactly as written. */
    static List<String> runbookBlocks() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n" + SECTION + "\n");
        assertTrue(start >= 0, "README has the section " + SECTION);
        // up to the next heading of the same or a higher level
        Matcher next = Pattern.compile("\n#{2,3} ").matcher(readme);
        int end = next.find(start + SECTION.length() + 1) ? next.start() : readme.length();
        String section = readme.substring(start, end);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^ *```sh\\n(.*?)^ *```$", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    static String run(Path dir, Map<String, String> env, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command finished");
        assertEquals(0, p.exitValue(), "exit status; stderr: " + Files.readString(dir.resolve("stderr.txt")));
        return new String(out, StandardCharsets.UTF_8);
    }

    static String coreJdbcUrl(String db) {
        return PostgresResource.jdbcUrl().replaceFirst("/postgres$", "/" + db);
    }

    static int port() {
        Matcher m = Pattern.compile("//127\\.0\\.0\\.1:(\\d+)/").matcher(PostgresResource.jdbcUrl());
        assertTrue(m.find(), PostgresResource.jdbcUrl());
        return Integer.parseInt(m.group(1));
    }

    /** Creates the core's database from its DDL and returns a connection to it. */
    static Connection coreDatabase(String db) throws IOException, SQLException {
        Db.update("create database " + db);
        Connection c = DriverManager.getConnection(coreJdbcUrl(db), "postgres", "postgres");
        try (Statement s = c.createStatement();
                var ddl = CoreExportCutoverTest.class.getResourceAsStream("/core-db/core-schema.sql")) {
            s.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        }
        return c;
    }

    static UUID insertReturningId(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql + " returning id")) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    static CoreRow share(Connection c, UUID orgId, String orgSlug, UUID target, String token, String tokenEnc,
            String label, UUID createdBy, String createdAt, String expiresAt, String revokedAt, long views,
            String lastViewedAt) throws SQLException {
        OffsetDateTime created = OffsetDateTime.parse(createdAt);
        OffsetDateTime expires = expiresAt == null ? null : OffsetDateTime.parse(expiresAt);
        OffsetDateTime revoked = revokedAt == null ? null : OffsetDateTime.parse(revokedAt);
        OffsetDateTime lastViewed = lastViewedAt == null ? null : OffsetDateTime.parse(lastViewedAt);
        UUID id = insertReturningId(c, "insert into monitor_shares (org_id, target_id, token_hash, token_enc, label,"
                + " created_by, created_at, expires_at, revoked_at, view_count, last_viewed_at, view_style)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'dracula')", orgId, target, Tokens.hash(token), tokenEnc, label,
                createdBy, created, expires, revoked, views, lastViewed);
        return new CoreRow(id, orgId, orgSlug, target, token, tokenEnc, label, createdBy, created, expires, revoked, views,
                lastViewed);
    }

    static String plain(String token) {
        return token;
    }

    static Map<String, Object> listed(CoreRow r) {
        List<Map<String, Object>> list = given().header("Authorization", Jwts.bearer(Jwts.operator(r.orgSlug(), "free")))
                .queryParam("state", "all").get("/api/v1/targets/{id}/shares", r.targetId().toString())
                .then().statusCode(200).extract().jsonPath().getList("$");
        return list.stream().filter(s -> r.id().toString().equals(s.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("share " + r.id() + " not listed"));
    }

    static Instant instant(Object listedTime) {
        return listedTime == null ? null : Instant.parse((String) listedTime);
    }

    @Test
    void theReadmeExportRunVerbatimCarriesEveryCoreLinkOverAndEachAnswersAsTheCoreDid() throws Exception {
        String db = "core_" + UUID.randomUUID().toString().substring(0, 8);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<CoreRow> rows = new ArrayList<>();
        CoreRow quoted, sealed, lostKey, pageOwned, revoked, expired, newline, tab, control, deletedOrgs;
        String gone;
        UUID goneId;
        try (Connection c = coreDatabase(db)) {
            UUID account = UUID.randomUUID();
            String acme = "acme-" + suffix;
            String beta = "beta-" + suffix;
            UUID acmeId = insertReturningId(c, "insert into organizations (slug, name, account_id) values (?, 'Acme', ?)", acme, account);
            UUID betaId = insertReturningId(c, "insert into organizations (slug, name, account_id) values (?, 'Beta', ?)", beta, account);
            UUID user = insertReturningId(c, "insert into users default values");
            UUID api = insertReturningId(c, "insert into targets (org_id, name) values (?, 'api')", acmeId);
            UUID web = insertReturningId(c, "insert into targets (org_id, name) values (?, 'web')", acmeId);
            UUID db1 = insertReturningId(c, "insert into targets (org_id, name) values (?, 'db')", betaId);
            byte[] nobodysKey = new byte[32];
            RANDOM.nextBytes(nobodysKey);

            String t;
            // Created in line order: the export sorts by created_at.
            quoted = share(c, acmeId, acme, api, t = Tokens.generate(), t,
                    "Ops \"war room\" \\ C:\\ops 'q' {\"k\":1} — café 東京 🚀", user,
                    "2024-01-02T03:04:05.123456Z", null, null, 17, "2026-11-30T10:00:00.654321Z");
            sealed = share(c, betaId, beta, db1, t = Tokens.generate(), sealV1(t, CORE_KEK), null, null,
                    "2024-01-03T00:00:00Z", "2099-12-31T23:59:59.999999Z", null, 0, null);
            lostKey = share(c, acmeId, acme, web, t = Tokens.generate(), sealV1(t, nobodysKey),
                    "Ünïcödé ✓ 👩‍💻 עברית", user, "2024-01-04T00:00:00Z", null, null, 3, "2025-05-05T05:05:05Z");
            pageOwned = share(c, acmeId, acme, web, t = Tokens.generate(), sealV1(t, CORE_KEK), "status page", null,
                    "2024-01-05T00:00:00Z", null, null, 1234, "2026-12-01T00:00:00Z");
            revoked = share(c, acmeId, acme, api, t = Tokens.generate(), t, "revoked", user,
                    "2024-01-06T00:00:00Z", null, "2025-06-01T00:00:00Z", 9, null);
            expired = share(c, betaId, beta, db1, t = Tokens.generate(), sealV1(t, CORE_KEK), "expired", null,
                    "2024-01-07T00:00:00Z", "2025-01-01T00:00:00Z", null, 2, null);
            newline = share(c, acmeId, acme, api, t = Tokens.generate(), t, "line one\nline two", null,
                    "2024-01-08T00:00:00Z", null, null, 0, null);
            tab = share(c, acmeId, acme, web, t = Tokens.generate(), t, "col\tumn", null,
                    "2024-01-09T00:00:00Z", null, null, 0, null);
            control = share(c, betaId, beta, db1, t = Tokens.generate(), t, "quote\u0001delim\u0002", null,
                    "2024-01-10T00:00:00Z", null, null, 0, null);
            rows.addAll(List.of(quoted, sealed, lostKey, pageOwned, revoked, expired, newline, tab, control));

            // A live link of an org the core soft-deleted: the core stopped resolving it when deleted_at was set.
            gone = "gone-" + suffix;
            goneId = insertReturningId(c, "insert into organizations (slug, name, account_id, deleted_at)"
                    + " values (?, 'Gone', ?, '2026-11-01T00:00:00Z')", gone, account);
            UUID goneTarget = insertReturningId(c, "insert into targets (org_id, name) values (?, 'legacy')", goneId);
            deletedOrgs = share(c, goneId, gone, goneTarget, t = Tokens.generate(), t, "of a deleted org", user,
                    "2024-01-05T12:00:00Z", null, null, 5, null);
            CoreFixtures.httpMonitor(gone, goneTarget.toString());

            UUID zeta = insertReturningId(c, "insert into status_pages (org_id, name, slug) values (?, 'Zeta Status', ?)", acmeId, "zeta-" + suffix);
            UUID acmePage = insertReturningId(c, "insert into status_pages (org_id, name, slug) values (?, 'Acme Status', ?)", acmeId, "acme-" + suffix);
            insertReturningId(c, "insert into status_page_components (status_page_id, target_id, detail_link_enabled, share_id)"
                    + " values (?, ?, true, ?)", zeta, web, pageOwned.id());
            insertReturningId(c, "insert into status_page_components (status_page_id, target_id, detail_link_enabled, share_id)"
                    + " values (?, ?, true, ?)", acmePage, web, pageOwned.id());
            // A component whose detail link is unticked does not make its share page-owned.
            insertReturningId(c, "insert into status_page_components (status_page_id, target_id, detail_link_enabled, share_id)"
                    + " values (?, ?, false, ?)", acmePage, api, quoted.id());
            for (UUID target : List.of(api, web)) {
                CoreFixtures.httpMonitor(acme, target.toString());
            }
            CoreFixtures.httpMonitor(beta, db1.toString());
        }

        List<String> blocks = runbookBlocks();
        assertTrue(blocks.size() >= 2, "the export and the dry run are shell blocks");
        String export = blocks.get(0);
        String dryRun = blocks.get(1);
        assertTrue(export.strip().startsWith("psql \"$CORE_DATABASE_URL\""), export);
        assertTrue(dryRun.contains("http://<pod>:8080/internal/v1/import?dry_run=true"), dryRun);

        Path dir = Files.createTempDirectory("core-export-");
        Map<String, String> env = Map.of(
                "CORE_DATABASE_URL", "postgresql://postgres:postgres@127.0.0.1:" + port() + "/" + db,
                // The export session is not in UTC: row_to_json writes local offsets, which the import must read right.
                "PGTZ", "America/St_Johns",
                "SHARES_INTERNAL_TOKEN", "test-internal-token");
        run(dir, env, export);
        Path file = dir.resolve("shares.ndjson");
        assertTrue(Files.exists(file), "the export wrote shares.ndjson in the working directory");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(rows.size(), lines.size(), "one line per core row of a live org: " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.contains(deletedOrgs.id().toString())), "a soft-deleted org's link is not exported");

        // The export carries each row untouched: every line is one JSON object holding the row exactly.
        for (int i = 0; i < rows.size(); i++) {
            CoreRow r = rows.get(i);
            JsonNode line = JSON.readTree(lines.get(i));
            assertEquals(r.id().toString(), line.get("id").asText(), "line " + (i + 1) + " is the row created " + (i + 1) + "th");
            assertEquals(r.orgSlug(), line.get("org").asText());
            assertEquals(r.orgId().toString(), line.get("org_id").asText());
            assertEquals(r.label(), line.get("label").isNull() ? null : line.get("label").asText(), "label of line " + (i + 1));
            assertEquals(r.tokenEnc(), line.get("token_enc").asText());
            assertEquals(Tokens.hash(r.token()), line.get("token_hash").asText());
            assertEquals(r.createdAt().toInstant(), OffsetDateTime.parse(line.get("created_at").asText()).toInstant());
            assertTrue(line.get("created_at").asText().endsWith("-03:30") || line.get("created_at").asText().endsWith("-02:30"),
                    "written in the session's zone: " + line.get("created_at"));
            assertEquals(r.viewCount(), line.get("view_count").asLong());
            assertFalse(line.has("view_style"), "the export selects the §11 columns only");
        }
        assertEquals("[{\"name\":\"Acme Status\",\"slug\":\"acme-" + suffix + "\"},{\"name\":\"Zeta Status\",\"slug\":\"zeta-" + suffix + "\"}]",
                JSON.readTree(lines.get(3)).get("used_by_pages").toString(), "the pages that use the link, by name");
        assertEquals("[]", JSON.readTree(lines.get(0)).get("used_by_pages").toString(), "an unticked detail link is no page use");

        // Step 2, the dry run as written; step 3, "the same call without dry_run".
        String here = root.getHost() + ":" + root.getPort();
        JsonPath dry = JsonPath.from(run(dir, env, dryRun.replace("<pod>:8080", here)));
        assertEquals(true, dry.getBoolean("dry_run"));
        assertEquals(9, dry.getInt("examined"));
        assertEquals(6, dry.getInt("imported"));
        assertEquals(3, dry.getInt("rejected_count"));
        for (CoreRow r : rows) {
            assertEquals(0L, Db.query("select count(*) as n from shares where id = ?", r.id()).get(0).get("n"), "a dry run writes nothing");
        }
        String importCall = dryRun.replace("<pod>:8080", here).replace("?dry_run=true", "");
        assertFalse(importCall.contains("dry_run"), importCall);
        JsonPath report = JsonPath.from(run(dir, env, importCall));
        assertEquals(false, report.getBoolean("dry_run"));
        assertEquals(9, report.getInt("examined"));
        assertEquals(6, report.getInt("imported"), report.prettify());
        assertEquals(0, report.getInt("updated"));
        assertEquals(3, report.getInt("rejected_count"));
        // §2's label rule refuses control characters, which the core's CHECK allows: these rows are rejected by line.
        assertEquals(List.of(7, 8, 9), report.getList("rejected.line", Integer.class), report.prettify());
        assertEquals(List.of(newline.id().toString(), tab.id().toString(), control.id().toString()),
                report.getList("rejected.id", String.class));
        assertTrue(report.getList("rejected.reason", String.class).stream().allMatch(s -> s.contains("control characters")),
                report.prettify());
        for (CoreRow r : rows) {
            assertFalse(report.prettify().contains(r.token()), "no token in the report");
        }

        // The operator list shows the core's row (read before any page view here adds to the counts).
        for (CoreRow r : List.of(quoted, sealed, lostKey, pageOwned)) {
            Map<String, Object> s = listed(r);
            assertEquals(r.label(), s.get("label"));
            assertEquals(r.createdAt().toInstant(), instant(s.get("created_at")));
            assertEquals(r.expiresAt() == null ? null : r.expiresAt().toInstant(), instant(s.get("expires_at")));
            assertEquals(r.lastViewedAt() == null ? null : r.lastViewedAt().toInstant(), instant(s.get("last_viewed_at")));
            assertEquals(r.viewCount(), ((Number) s.get("view_count")).longValue());
            assertEquals(r.createdBy() == null ? null : r.createdBy().toString(), s.get("created_by"));
            assertEquals("active", s.get("state"));
            if (r == lostKey) {
                assertNull(s.get("token"), "no configured key opens it");
                assertEquals(false, s.get("copyable"));
            } else {
                assertEquals(r.token(), s.get("token"), "the operator re-copies the core's token");
            }
        }
        assertEquals(List.of(Map.of("name", "Acme Status", "slug", "acme-" + suffix), Map.of("name", "Zeta Status", "slug", "zeta-" + suffix)),
                listed(pageOwned).get("used_by_pages"));
        assertEquals(List.of(), listed(quoted).get("used_by_pages"));
        assertEquals("revoked", listed(revoked).get("state"));
        assertEquals("expired", listed(expired).get("state"));
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), instant(listed(expired).get("expires_at")));

        // Every live core link answers here; revoked, expired and rejected ones answer the core's uniform 404, byte
        // for byte an unknown token's.
        for (CoreRow r : List.of(quoted, sealed, lostKey, pageOwned)) {
            assertEquals(200, pageStatus(r.token()), "live core link " + r.id());
        }
        byte[] notFound = reference404();
        for (CoreRow r : List.of(revoked, expired, newline, tab, control, deletedOrgs)) {
            assertArrayEquals(notFound, page(r.token()), "the uniform 404: " + r.id());
        }
        assertEquals(0L, Db.query("select count(*) as n from shares where id = ?", deletedOrgs.id()).get(0).get("n"),
                "a soft-deleted org's link is not imported");

        // Step 5, the delta import of an unchanged export: nothing changes.
        JsonPath again = JsonPath.from(run(dir, env, importCall));
        assertEquals(0, again.getInt("imported"));
        assertEquals(0, again.getInt("updated"));
        assertEquals(6, again.getInt("unchanged"));

        // The org is restored in the core before its table is frozen: the next export and delta import bring its link.
        try (Connection c = DriverManager.getConnection(coreJdbcUrl(db), "postgres", "postgres");
                PreparedStatement ps = c.prepareStatement("update organizations set deleted_at = null where id = ?")) {
            ps.setObject(1, goneId);
            assertEquals(1, ps.executeUpdate());
        }
        run(dir, env, export);
        List<String> reexported = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(rows.size() + 1, reexported.size(), "the restored org's link is exported: " + reexported);
        JsonPath delta = JsonPath.from(run(dir, env, importCall));
        assertEquals(1, delta.getInt("imported"), delta.prettify());
        assertEquals(6, delta.getInt("unchanged"), delta.prettify());
        assertEquals(3, delta.getInt("rejected_count"), delta.prettify());
        assertEquals(200, pageStatus(deletedOrgs.token()), "the restored org's link answers as in the core");
        assertEquals(deletedOrgs.token(), listed(deletedOrgs).get("token"), "and the operator re-copies its token");
    }
}
