package io.uptimepage.shares.demo;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Demo mode's zero-configuration defaults, at runtime start-up (dev mode and the packaged jar alike), only while no
 * core URL is configured:
 * <ul>
 * <li>no JWT key configured → trust a dev signing key generated into the data directory ({@link DemoJwtKeys}: never
 * committed, never trusted once a real core is configured);</li>
 * <li>plain console logs, so the printed link and JWT are readable.</li>
 * </ul>
 * A config source is the earliest hook that still sees the whole configuration; a StartupEvent would be too late
 * because the JWT verifier is configured by then. It is also called at build time, hence the mode guard. The
 * embedded PostgreSQL has its own factory ({@code db.EmbeddedPostgresConfigSourceFactory}); both are listed in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class DemoConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250): a JWT key configured anywhere wins over the generated one. */
    private static final int DEFAULTS_ORDINAL = 150;

    /** Above application.properties (its %prod JSON setting), below env/system properties (an explicit choice). */
    private static final int CONSOLE_ORDINAL = 260;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext ctx) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT || !isBlank(ctx, "shares.core.url")) {
            return List.of();
        }
        List<ConfigSource> sources = new ArrayList<>();
        if (isBlank(ctx, "mp.jwt.verify.publickey.location") && isBlank(ctx, "mp.jwt.verify.publickey")) {
            Path dataDir = Path.of(isBlank(ctx, "shares.data-dir") ? "./data" : ctx.getValue("shares.data-dir").getValue())
                    .toAbsolutePath().normalize();
            DemoJwtKeys keys = DemoJwtKeys.ensure(dataDir);
            sources.add(new PropertiesConfigSource(Map.of(
                    "mp.jwt.verify.publickey.location", keys.publicKeyPath().toUri().toString(),
                    "mp.jwt.verify.issuer", DemoJwtKeys.ISSUER,
                    "mp.jwt.verify.audiences", DemoJwtKeys.AUDIENCE,
                    "shares.demo.jwt-private-key", keys.privateKeyPath().toString()),
                    "shares-demo-defaults", DEFAULTS_ORDINAL));
        }
        // Demo mode is for people at a terminal: plain console logs so the printed link and JWT are readable.
        sources.add(new PropertiesConfigSource(Map.of("quarkus.log.console.json.enabled", "false"),
                "shares-demo-console", CONSOLE_ORDINAL));
        return sources;
    }

    private static boolean isBlank(ConfigSourceContext ctx, String name) {
        ConfigValue v = ctx.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank();
    }
}
