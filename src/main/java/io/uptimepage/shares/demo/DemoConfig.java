package io.uptimepage.shares.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The built-in demo's files. Prefix {@code shares}: DESIGN §10 fixes {@code SHARES_DATA_DIR}. The data directory is
 * also read, before any mapping exists, by {@code db.EmbeddedPostgresConfigSourceFactory} (same name, same default).
 */
@ConfigMapping(prefix = "shares")
public interface DemoConfig {

    /** Where the embedded PostgreSQL and the demo JWT key live ({@code SHARES_DATA_DIR}). */
    @WithDefault("./data")
    Path dataDir();

    /** The built-in demo (only used while no core URL is configured). */
    Demo demo();

    interface Demo {
        /** Private key of the generated dev JWT signer (set by the embedded defaults in demo mode). */
        Optional<String> jwtPrivateKey();
    }
}
