package io.uptimepage.shares.replica;

import io.smallrye.mutiny.CompositeException;
import io.uptimepage.shares.error.ErrorMapper;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failures the replica suite saw while PostgreSQL was stopped must map to 503 SERVICE_UNAVAILABLE, not 500.
 * Shapes copied from the replicas' logs (target/replica/replica-*.log) of that run.
 */
class DatabaseOutageClassificationTest {

    @Test
    void connectionResetInsideATransactionIsDatabaseUnavailable() {
        // DELETE in flight when PostgreSQL stopped: Hibernate Reactive reports the reset and the failed rollback together.
        Throwable seen = new CompositeException(List.of(new SocketException("Connection reset"),
                new IllegalStateException("HR000090: Live transaction detected while closing the connection: it will be roll backed")));
        assertTrue(ErrorMapper.isDatabaseUnavailable(seen));
        assertTrue(ErrorMapper.isDatabaseUnavailable(new CompletionException(seen)));
    }

    @Test
    void resetReportedOnlyAsSuppressedIsDatabaseUnavailable() {
        Throwable seen = new CompositeException(List.of(new IllegalStateException("HR000090: Live transaction detected"),
                new SocketException("Connection reset")));
        assertTrue(ErrorMapper.isDatabaseUnavailable(seen));
    }

    @Test
    void serverShutdownAndRefusedConnectionsAreDatabaseUnavailable() {
        assertTrue(ErrorMapper.isDatabaseUnavailable(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertTrue(ErrorMapper.isDatabaseUnavailable(
                new PgException("the database system is starting up", "FATAL", "57P03", null)));
        assertTrue(ErrorMapper.isDatabaseUnavailable(new RuntimeException(new ConnectException("Connection refused"))));
    }

    @Test
    void bugsAndConstraintViolationsAreNot() {
        assertFalse(ErrorMapper.isDatabaseUnavailable(new IllegalStateException("HR000090: Live transaction detected")));
        assertFalse(ErrorMapper.isDatabaseUnavailable(
                new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)));
        assertFalse(ErrorMapper.isDatabaseUnavailable(new NullPointerException()));
    }
}
