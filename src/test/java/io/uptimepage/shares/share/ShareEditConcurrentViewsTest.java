package io.uptimepage.shares.share;

import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.PostgresResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.uptimepage.shares.share.ShareEditApiTest.link;
import static io.uptimepage.shares.share.ShareEditApiTest.patch;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A PATCH must not write back columns it did not change: the view-count flush adds to {@code view_count} with its own
 * UPDATE, and one committed between the PATCH's read and its write used to be overwritten by the PATCH's stale copy.
 */
@QuarkusTest
class ShareEditConcurrentViewsTest {

    @Test
    void viewsCountedWhileAPatchIsInFlightAreKept() throws Exception {
        String[] l = link();
        try (Connection flush = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres")) {
            flush.setAutoCommit(false);
            // The "flush" holds the row; the PATCH reads it (a plain select does not wait) and then waits to write it.
            try (PreparedStatement lock = flush.prepareStatement("select id from shares where id = ?::uuid for no key update")) {
                lock.setString(1, l[2]);
                lock.executeQuery();
            }
            CompletableFuture<Integer> patched = CompletableFuture.supplyAsync(
                    () -> patch(l[0], l[1], l[2], "{\"label\":\"renamed\"}").extract().statusCode());
            await().atMost(Duration.ofSeconds(20)).until(() -> !Db.query("select pid from pg_stat_activity where "
                    + "wait_event_type = 'Lock' and pid <> pg_backend_pid()").isEmpty());
            try (PreparedStatement views = flush.prepareStatement(
                    "update shares set view_count = view_count + 5, last_viewed_at = now() where id = ?::uuid")) {
                views.setString(1, l[2]);
                views.executeUpdate();
            }
            flush.commit();
            assertEquals(200, patched.get());
        }
        var row = Db.query("select label, view_count, last_viewed_at from shares where id = ?::uuid", l[2]).get(0);
        assertEquals("renamed", row.get("label"));
        assertEquals(5L, ((Number) row.get("view_count")).longValue(), "the flush's views survive the PATCH");
        assertEquals(true, row.get("last_viewed_at") != null);
    }
}
