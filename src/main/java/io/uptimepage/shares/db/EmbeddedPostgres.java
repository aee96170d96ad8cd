package io.uptimepage.shares.db;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lifecycle of the embedded PostgreSQL the app started for itself (none when a datasource URL is configured).
 *
 * <p>Stop order matters: buffered view counts are flushed on shutdown, so the server is stopped by a late
 * {@link ShutdownEvent} observer, after that flush. A JVM hook is the safety net for a start-up that failed
 * before Quarkus was up. In dev mode the server survives live reloads (the port is remembered in a system
 * property, which outlives the reloaded class loader) and stops when the JVM exits.
 */
@ApplicationScoped
public class EmbeddedPostgres {

    /** Where to connect to the running embedded server. */
    public record Server(String jdbcUrl, String reactiveUrl) {
    }

    private static final String PORT_PROPERTY = "io.uptimepage.shares.embedded-pg.port";
    private static volatile PostgresLauncher launcher;
    private static final CountDownLatch appStopped = new CountDownLatch(1);
    private static volatile boolean appStarted;

    /** Starts the server once per JVM (dev-mode reloads reuse it). */
    static synchronized Server startOnce(Path dataDir, String mode) {
        String known = System.getProperty(PORT_PROPERTY);
        if (known != null) {
            return server(Integer.parseInt(known));
        }
        long t0 = System.nanoTime();
        PostgresLauncher pg = PostgresLauncher.start(dataDir, mode);
        launcher = pg;
        System.setProperty(PORT_PROPERTY, Integer.toString(pg.port()));
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgres::stopFromJvmHook, "embedded-pg-stop"));
        // Quarkus logging is not configured yet at this point: plain stdout, one line.
        System.out.printf("Embedded PostgreSQL (%s) started on 127.0.0.1:%d with data under %s in %d ms%n",
                pg.mode(), pg.port(), dataDir, (System.nanoTime() - t0) / 1_000_000);
        return server(pg.port());
    }

    private static Server server(int port) {
        return new Server("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgresql://127.0.0.1:" + port + "/postgres");
    }

    void onStart(@Observes StartupEvent event) {
        appStarted = true;
    }

    /** Runs after every default-priority shutdown observer (the view-count flush among them). */
    void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        if (launcher == null || LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            return; // dev mode: a live reload also fires ShutdownEvent; the JVM hook stops the server
        }
        stop();
        appStopped.countDown();
    }

    private static void stopFromJvmHook() {
        try {
            if (appStarted && LaunchMode.current() != LaunchMode.DEVELOPMENT) {
                appStopped.await(30, TimeUnit.SECONDS); // let Quarkus finish its own shutdown first
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    private static synchronized void stop() {
        PostgresLauncher pg = launcher;
        if (pg == null) {
            return;
        }
        launcher = null;
        try {
            pg.close();
            Log.info("Embedded PostgreSQL stopped");
        } catch (RuntimeException e) {
            Log.warnf("Embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
        }
    }
}
