package io.uptimepage.shares.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Caller authentication settings that {@code mp.jwt.*} does not cover: the internal bearer and the operator JWKS
 * refresh. Prefix {@code shares}: DESIGN §10 fixes {@code SHARES_INTERNAL_TOKEN}.
 */
@ConfigMapping(prefix = "shares")
public interface AuthConfig {

    /** Static bearer for {@code /internal/v1/*} ({@code SHARES_INTERNAL_TOKEN}); unset → those endpoints 404. */
    Optional<String> internalToken();

    /** Operator JWT verification settings ({@code shares.auth.*}). */
    Auth auth();

    interface Auth {
        /** The issuer's key set, when {@code mp.jwt.verify.publickey.location} is a JWKS (URL or file). */
        Jwks jwks();
    }

    /** {@code shares.auth.jwks.*}. */
    interface Jwks {
        /** How old the key set may get before a request re-fetches it (requests arriving meanwhile use the current set). */
        @WithDefault("10m")
        Duration refreshInterval();

        /** At most one fetch per this interval, whatever triggers it (an unknown {@code kid}, staleness, a failure). */
        @WithDefault("10s")
        Duration minRefreshInterval();

        /** Connect and read timeout of one fetch of a JWKS URL. */
        @WithDefault("5s")
        Duration fetchTimeout();
    }
}
