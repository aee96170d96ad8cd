package io.uptimepage.shares.share;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * How minted links are addressed. Prefix {@code shares}: DESIGN §10 fixes {@code SHARES_PUBLIC_BASE_URL}, and
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
}
