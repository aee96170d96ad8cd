package io.uptimepage.shares.share;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.uptimepage.shares.share.ImportApiTest.Row;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.PostgresResource;
import io.uptimepage.shares.view.CoreFixtures;
import io.uptimepage.shares.view.ViewCounter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.uptimepage.shares.share.ImportApiTest.importBody;
import static io.uptimepage.shares.share.ImportApiTest.ndjson;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN §11 while the links are in use: a delta import that merges the very rows people are viewing (label changed,
 * older counts) must not lose a view. Views are buffered and flushed as {@code view_count = view_count + n}; the
 * import merges counts by max. Views are flushed every 50 ms during the import (100 times as often as in production),
 * so flushes commit inside its batches; the two tests below force each interleaving deterministically.
 */
@QuarkusTest
class ImportWhileViewingTest {

    static final int VIEWED = 12;
    static final int NEW_ROWS = 2_400;
    static final int RELABEL_EVERY = 100;
    static final int VIEWERS = 3;
    static final Duration FLUSH_EVERY = Duration.ofMillis(50);
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    @Inject
    ViewCounter views;

    @TestHTTPResource("/")
    URL root;

    final ImportApiTest rows = new ImportApiTest();

    @Test
    void aDeltaImportOfTheRowsBeingViewedLosesNoView() throws Exception {
        List<String> targets = List.of(newTargetId(), newTargetId(), newTargetId());
        for (String t : targets) {
            CoreFixtures.httpMonitor(rows.org, t);
        }
        List<Row> viewed = new ArrayList<>();
        for (int i = 0; i < VIEWED; i++) {
            viewed.add(rows.plaintext(targets.get(i % targets.size())));
        }
        assertEquals(VIEWED, importBody(ndjson(viewed), false).getInt("imported"));
        long imported = viewed.get(0).json().get("view_count").asLong(); // the core's count, 42 on every row

        // The delta export: every viewed row again after each RELABEL_EVERY new rows (the core relabelled it each time,
        // its count older than ours), so every batch of the import merges the viewed rows while views are flushed.
        List<Object> delta = new ArrayList<>();
        for (int i = 0; i < NEW_ROWS; i++) {
            if (i % RELABEL_EVERY == 0) {
                for (Row r : viewed) {
                    r.json().put("label", "relabelled at line " + (delta.size() + 1));
                    delta.add(r.json().toString());
                }
            }
            delta.add(rows.plaintext(targets.get(i % targets.size())));
        }
        String body = ndjson(delta);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, AtomicLong> served = new ConcurrentHashMap<>();
        viewed.forEach(r -> served.put(r.id(), new AtomicLong()));
        AtomicLong failed = new AtomicLong();
        AtomicLong flushes = new AtomicLong();
        AtomicBoolean importing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(VIEWERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int v = 0; v < VIEWERS; v++) {
            int offset = v;
            workers.add(pool.submit(() -> {
                for (int n = offset; importing.get() || n < offset + VIEWED; n++) {
                    Row r = viewed.get(n % VIEWED);
                    HttpRequest req = HttpRequest.newBuilder(URI.create(root + "m/" + r.token()))
                            .header("User-Agent", BROWSER).timeout(Duration.ofSeconds(30)).build();
                    try {
                        HttpResponse<Void> res = http.send(req, HttpResponse.BodyHandlers.discarding());
                        if (res.statusCode() == 200) {
                            served.get(r.id()).incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        // Flushes every FLUSH_EVERY (production: every 5 s), so flushes commit inside the import's batches.
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();
        flusher.scheduleWithFixedDelay(() -> {
            views.flushNow();
            flushes.incrementAndGet();
        }, 0, FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);

        JsonPath report;
        try {
            report = importBody(body, false);
            // Imports that do not deadlock with the flush can finish between two flushes: import the same delta again
            // (its merges run again, against rows being viewed) until several flushes have committed alongside.
            for (int again = 0; again < 50 && flushes.get() < 3; again++) {
                importBody(body, false);
            }
        } finally {
            importing.set(false);
            pool.shutdown();
            flusher.shutdown();
        }
        assertTrue(flusher.awaitTermination(30, TimeUnit.SECONDS));
        for (Future<?> w : workers) {
            w.get(120, TimeUnit.SECONDS);
        }
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(NEW_ROWS, report.getInt("imported"), report.prettify());
        assertEquals(0, report.getInt("rejected_count"), report.prettify());
        assertEquals(VIEWED * (NEW_ROWS / RELABEL_EVERY), report.getInt("updated"), "every relabel merged: " + report.prettify());

        assertEquals(0, failed.get(), "every view during the import was served");
        long total = served.values().stream().mapToLong(AtomicLong::get).sum();
        assertTrue(total >= VIEWERS * VIEWED, "viewers kept viewing during the import: " + total);
        assertTrue(flushes.get() > 1, "views were flushed while the import ran: " + flushes.get());

        views.flushNow();
        assertEquals(0, views.buffered());
        for (Row r : viewed) {
            long count = viewCount(r);
            assertEquals(imported + served.get(r.id()).get(), count, "the core's count plus every view here, share " + r.id());
            assertEquals(r.json().get("label").asText(), Db.query("select label from shares where id = ?::uuid", r.id())
                    .get(0).get("label"), "the last relabel of the delta applied");
        }
    }

    /** Two imported links, then the core's next export of them: relabelled, its counts older than ours. */
    List<Row> importedPair() {
        String t = newTargetId();
        CoreFixtures.httpMonitor(rows.org, t);
        List<Row> pair = List.of(rows.plaintext(t), rows.plaintext(t));
        assertEquals(2, importBody(ndjson(pair), false).getInt("imported"));
        pair.forEach(r -> r.json().put("label", "relabelled in the core"));
        return pair;
    }

    /** A view-count flush's write ({@code ShareRepository.addViews}) in a transaction the test commits. */
    static void addViews(Connection c, Row r, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update shares set view_count = view_count + ?,"
                + " last_viewed_at = now() where id = ?::uuid")) {
            ps.setInt(1, n);
            ps.setString(2, r.id());
            assertEquals(1, ps.executeUpdate());
        }
    }

    static Connection transaction() throws SQLException {
        Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
        c.setAutoCommit(false);
        return c;
    }

    /** The import's merge is waiting for a row lock the test holds. */
    static void awaitMergeBlocked() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !Db.query("select pid from pg_stat_activity"
                + " where wait_event_type = 'Lock' and query like 'update shares set label%'").isEmpty());
    }

    static long viewCount(Row r) {
        return (Long) Db.query("select view_count from shares where id = ?::uuid", r.id()).get(0).get("view_count");
    }

    @Test
    void viewsFlushedBetweenAnImportBatchsReadAndItsMergeAreKept() throws Exception {
        List<Row> pair = importedPair();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection flush = transaction()) {
            addViews(flush, pair.get(1), 5); // uncommitted: the batch reads the old count, then waits for the row
            Future<JsonPath> delta = pool.submit(() -> importBody(ndjson(pair), false));
            awaitMergeBlocked();
            flush.commit();
            JsonPath report = delta.get(60, TimeUnit.SECONDS);
            assertEquals(2, report.getInt("updated"), report.prettify());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(42, viewCount(pair.get(0)));
        assertEquals(47, viewCount(pair.get(1)), "the flushed views are kept");
    }

    @Test
    void anImportBatchThatDeadlocksWithAViewFlushIsRetriedAndCountedOnce() throws Exception {
        List<Row> pair = importedPair();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection flush = transaction()) {
            addViews(flush, pair.get(1), 5);
            Future<JsonPath> delta = pool.submit(() -> importBody(ndjson(pair), false));
            awaitMergeBlocked(); // the batch holds the first row and waits for the second
            addViews(flush, pair.get(0), 3); // the flush now waits for the first: PostgreSQL aborts the batch
            flush.commit();
            JsonPath report = delta.get(60, TimeUnit.SECONDS);
            assertEquals(2, report.getInt("updated"), "the retried batch is counted once: " + report.prettify());
            assertEquals(0, report.getInt("unchanged"), report.prettify());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(45, viewCount(pair.get(0)));
        assertEquals(47, viewCount(pair.get(1)));
        for (Row r : pair) {
            assertEquals("relabelled in the core", Db.query("select label from shares where id = ?::uuid", r.id())
                    .get(0).get("label"));
        }
    }
}
