package io.uptimepage.shares.db;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.uptimepage.shares.demo.DemoJwtKeys;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The zero-configuration default. At runtime start-up (dev mode and the packaged jar alike):
 * <ul>
 * <li>no datasource URL configured → start the embedded PostgreSQL under {@code SHARES_DATA_DIR} and point the
 * reactive pool and Flyway at it;</li>
 * <li>no core URL configured (demo mode) and no JWT key configured → trust a dev signing key generated into the
 * data directory (never committed, never trusted once a real core is configured).</li>
 * </ul>
 * A config source is the earliest hook that still sees the whole configuration; a StartupEvent would be too late
 * because the pool and Flyway are configured by then. It is also called at build time, hence the mode guard.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250): anything configured anywhere wins over these defaults. */
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext ctx) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of();
        }
        Map<String, String> props = new HashMap<>();
        Path dataDir = Path.of(valueOr(ctx, "shares.data-dir", "./data")).toAbsolutePath().normalize();

        if (isBlank(ctx, "quarkus.datasource.reactive.url")) {
            EmbeddedPostgres.Server pg = EmbeddedPostgres.startOnce(dataDir, valueOr(ctx, "shares.embedded-pg.mode", "auto"));
            props.put("quarkus.datasource.reactive.url", pg.reactiveUrl());
            props.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
            props.put("quarkus.datasource.username", "postgres");
            props.put("quarkus.datasource.password", "postgres");
        }
        if (isBlank(ctx, "shares.core.url") && isBlank(ctx, "mp.jwt.verify.publickey.location")
                && isBlank(ctx, "mp.jwt.verify.publickey")) {
            DemoJwtKeys keys = DemoJwtKeys.ensure(dataDir);
            props.put("mp.jwt.verify.publickey.location", keys.publicKeyPath().toUri().toString());
            props.put("mp.jwt.verify.issuer", DemoJwtKeys.ISSUER);
            props.put("mp.jwt.verify.audiences", DemoJwtKeys.AUDIENCE);
            props.put("shares.demo.jwt-private-key", keys.privateKeyPath().toString());
        }
        List<ConfigSource> sources = new java.util.ArrayList<>();
        if (!props.isEmpty()) {
            sources.add(new PropertiesConfigSource(props, "shares-embedded-defaults", ORDINAL));
        }
        if (isBlank(ctx, "shares.core.url")) {
            // Demo mode is for people at a terminal: plain console logs so the printed link and JWT are readable.
            // Above application.properties (its %prod JSON setting), below env/system properties (an explicit choice).
            sources.add(new PropertiesConfigSource(Map.of("quarkus.log.console.json.enabled", "false"),
                    "shares-demo-console", 260));
        }
        return sources;
    }

    private static boolean isBlank(ConfigSourceContext ctx, String name) {
        ConfigValue v = ctx.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank();
    }

    private static String valueOr(ConfigSourceContext ctx, String name, String fallback) {
        ConfigValue v = ctx.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? fallback : v.getValue();
    }
}
