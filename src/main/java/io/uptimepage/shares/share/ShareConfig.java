package io.uptimepage.shares.share;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * How minted links are addressed, and how the public resolve reads them. Prefix {@code shares}: DESIGN §10 fixes {@code SHARES_PUBLIC_BASE_URL}, and
 * {@code SHARES_TRUSTED_PROXIES} decides which request origins may shape a link's URL when that is unset.
 */
@ConfigMapping(prefix = "shares")
public interface ShareConfig {

    /** Origin used to build share URLs ({@code SHARES_PUBLIC_BASE_URL}); unset → the request's origin. */
    Optional<String> publicBaseUrl();

    /**
     * Addresses or CIDR ranges of the reverse proxies whose {@code X-Forwarded-*}/{@code Forwarded} headers are
     * honoured ({@code SHARES_TRUSTED_PROXIES}, comma-separated); unset → nobody's. Quarkus applies it through
     * {@code quarkus.http.proxy.trusted-proxies} (application.properties) and no code of ours reads it; it is declared
     * here because SmallRye refuses to start on a {@code shares.*} property that no mapping declares.
     */
    Optional<List<String>> trustedProxies();

    /** The public resolve (token hash → live share) on every {@code /m/*} request. */
    Resolve resolve();

    interface Resolve {
        /**
         * Resolve queries one replica runs at once; requests arriving while all are busy wait for the next one, which
         * looks up every hash waiting then (each once). Below the limit a request is looked up at once, alone.
         */
        @WithDefault("4")
        int maxInFlight();
    }
}
