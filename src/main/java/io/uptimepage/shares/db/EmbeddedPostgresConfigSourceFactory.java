package io.uptimepage.shares.db;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The zero-configuration database. At runtime start-up (dev mode and the packaged jar alike), when no datasource URL
 * is configured: start the embedded PostgreSQL under {@code SHARES_DATA_DIR} and point the reactive pool and Flyway
 * at it.
 * A config source is the earliest hook that still sees the whole configuration; a StartupEvent would be too late
 * because the pool and Flyway are configured by then. It is also called at build time, hence the mode guard. Demo
 * mode's defaults (dev JWT key, console logs) come from the demo package's own factory, listed next to this one in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250): anything configured anywhere wins over these defaults. */
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext ctx) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT || !isBlank(ctx, "quarkus.datasource.reactive.url")) {
            return List.of();
        }
        Path dataDir = Path.of(valueOr(ctx, "shares.data-dir", "./data")).toAbsolutePath().normalize();
        EmbeddedPostgres.Server pg = EmbeddedPostgres.startOnce(dataDir, valueOr(ctx, "shares.embedded-pg.mode", "auto"));
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.reactive.url", pg.reactiveUrl(),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"),
                "shares-embedded-defaults", ORDINAL));
    }

    private static boolean isBlank(ConfigSourceContext ctx, String name) {
        ConfigValue v = ctx.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank();
    }

    private static String valueOr(ConfigSourceContext ctx, String name, String fallback) {
        return isBlank(ctx, name) ? fallback : ctx.getValue(name).getValue();
    }
}
