package io.uptimepage.shares.core;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The core monitoring service ({@code shares.core.*}, DESIGN §10's {@code SHARES_CORE_*}). */
@ConfigMapping(prefix = "shares.core")
public interface CoreConfig {

    /** Base URL of the core ({@code SHARES_CORE_URL}); unset → the built-in demo core (demo mode). */
    Optional<String> url();

    /** Service bearer token sent to the core ({@code SHARES_CORE_TOKEN}); required once a URL is set. */
    Optional<String> token();

    /** How often links of monitors the core no longer knows are reconciled (revoked). */
    @WithDefault("1h")
    Duration reconcileInterval();

    /** Demo mode: no core URL configured, the built-in demo core serves synthetic monitors. */
    default boolean demoMode() {
        return url().filter(u -> !u.isBlank()).isEmpty();
    }
}
