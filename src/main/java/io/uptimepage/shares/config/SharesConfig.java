package io.uptimepage.shares.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The deployment contract of DESIGN §10 (the {@code SHARES_*} environment variables) plus tuning knobs. */
@ConfigMapping(prefix = "shares")
public interface SharesConfig {

    /** Where the embedded PostgreSQL and the demo JWT key live ({@code SHARES_DATA_DIR}). */
    @WithDefault("./data")
    Path dataDir();

    /** Primary key-encryption key for sealed tokens, 32 bytes base64/base64url ({@code SHARES_KEK}); unset → plaintext. */
    Optional<String> kek();

    /** Older keys still accepted for opening ({@code SHARES_KEK_PREVIOUS}, comma-separated). */
    Optional<List<String>> kekPrevious();

    /** Origin used to build share URLs ({@code SHARES_PUBLIC_BASE_URL}); unset → the request's origin. */
    Optional<String> publicBaseUrl();

    /**
     * Addresses or CIDR ranges of the reverse proxies whose {@code X-Forwarded-*}/{@code Forwarded} headers are
     * honoured ({@code SHARES_TRUSTED_PROXIES}, comma-separated); unset → nobody's. Quarkus applies it through
     * {@code quarkus.http.proxy.trusted-proxies} (application.properties); no code of ours reads it.
     */
    Optional<List<String>> trustedProxies();

    /** Static bearer for {@code /internal/v1/*} ({@code SHARES_INTERNAL_TOKEN}); unset → those endpoints 404. */
    Optional<String> internalToken();

    /** The core monitoring service. */
    Core core();

    /** The public pages. */
    View view();

    interface Core {
        /** Base URL of the core ({@code SHARES_CORE_URL}); unset → the built-in demo core (demo mode). */
        Optional<String> url();

        /** Service bearer token sent to the core ({@code SHARES_CORE_TOKEN}); required once a URL is set. */
        Optional<String> token();

        /** How often links of monitors the core no longer knows are reconciled (revoked). */
        @WithDefault("1h")
        Duration reconcileInterval();
    }

    interface View {
        /** How often the page's live region polls. */
        @WithDefault("60s")
        Duration pollInterval();

        /** How often buffered view counts are written to the database. */
        @WithDefault("5s")
        Duration viewFlushInterval();

        /**
         * The public cache layer (view.PublicData): data younger than this is served as it is. N viewers of one
         * monitor cost about one core read per {@code fresh-for} (DESIGN §6).
         */
        @WithDefault("5s")
        Duration freshFor();

        /**
         * Data older than {@code fresh-for} but younger than this is served at once while ONE background refresh per
         * key runs: nobody waits for the core on a warm link. Older data makes the viewer wait for the refresh.
         */
        @WithDefault("30s")
        Duration serveWhileRefreshing();

        /** How long last-good live data may be served (marked stale) while the core is unavailable. */
        @WithDefault("15m")
        Duration staleFor();

        /** Entries (one per monitor, read and range) the public cache layer holds at most. */
        @WithDefault("20000")
        int cacheSize();

        /** The per-link budget of core-reaching JSON reads ({@code from}/{@code to} twins). */
        TwinBudget twinBudget();
    }

    interface TwinBudget {
        /** Sustained core-reaching reads per link and minute ({@code SHARES_VIEW_TWIN_BUDGET_PER_MINUTE}). */
        @WithDefault("60")
        int perMinute();

        /** Reads a link may make at once before the per-minute rate applies ({@code SHARES_VIEW_TWIN_BUDGET_BURST}). */
        @WithDefault("20")
        int burst();
    }

    /** Operator JWT verification settings that {@code mp.jwt.*} does not cover. */
    Auth auth();

    interface Auth {
        /** The issuer's key set, when {@code mp.jwt.verify.publickey.location} is a JWKS (URL or file). */
        Jwks jwks();

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

    /** The built-in demo (only used while no core URL is configured). */
    Demo demo();

    interface Demo {
        /** Private key of the generated dev JWT signer (set by the embedded defaults in demo mode). */
        Optional<String> jwtPrivateKey();
    }

    /** Demo mode: no core URL configured, the built-in demo core serves synthetic monitors. */
    default boolean demoMode() {
        return core().url().filter(u -> !u.isBlank()).isEmpty();
    }
}
