package io.uptimepage.shares.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.uptimepage.shares.db.PostgresLauncher;

import java.util.Map;

/**
 * A fresh, real PostgreSQL per test run, started the same way as the app's embedded default: zonky first, Debian
 * binaries through runuser as the fallback ({@code -Dshares.test.pg=zonky|system|auto}). No Docker.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresLauncher pg;

    @Override
    public Map<String, String> start() {
        pg = PostgresLauncher.start(null, System.getProperty("shares.test.pg", "auto"));
        System.out.println("Test PostgreSQL (" + pg.mode() + ") on port " + pg.port());
        return Map.of(
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                "quarkus.datasource.reactive.url", pg.reactiveUrl());
    }

    /** JDBC URL of the running test server, for tests that inspect rows directly. */
    public static String jdbcUrl() {
        return pg.jdbcUrl();
    }

    @Override
    public void stop() {
        if (pg != null) {
            pg.close();
        }
    }
}
