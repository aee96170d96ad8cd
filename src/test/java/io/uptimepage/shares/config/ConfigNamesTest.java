package io.uptimepage.shares.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.uptimepage.shares.auth.AuthConfig;
import io.uptimepage.shares.core.CoreConfig;
import io.uptimepage.shares.crypto.CryptoConfig;
import io.uptimepage.shares.demo.DemoConfig;
import io.uptimepage.shares.share.ShareConfig;
import io.uptimepage.shares.view.ViewConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-feature mappings together read exactly the {@code shares.*} names README's configuration section documents
 * (DESIGN §10's environment variables derive from them), and SmallRye still refuses a {@code shares.*} name none of
 * them declares. Plain unit test: the real mappings, no Quarkus app.
 */
class ConfigNamesTest {

    static final Map<String, String> DOCUMENTED = Map.ofEntries(
            Map.entry("shares.data-dir", "/var/lib/shares"),
            Map.entry("shares.core.url", "https://core.internal"),
            Map.entry("shares.core.token", "core-token"),
            Map.entry("shares.core.reconcile-interval", "2h"),
            Map.entry("shares.public-base-url", "https://status.example"),
            Map.entry("shares.trusted-proxies", "10.0.0.0/8,192.168.1.1"),
            Map.entry("shares.kek", "primary"),
            Map.entry("shares.kek-previous", "old1,old2"),
            Map.entry("shares.internal-token", "internal"),
            Map.entry("shares.view.twin-budget.per-minute", "61"),
            Map.entry("shares.view.twin-budget.burst", "21"),
            Map.entry("shares.view.poll-interval", "61s"),
            Map.entry("shares.view.view-flush-interval", "6s"),
            Map.entry("shares.view.fresh-for", "7s"),
            Map.entry("shares.view.serve-while-refreshing", "31s"),
            Map.entry("shares.view.stale-for", "16m"),
            Map.entry("shares.view.cache-size", "20001"),
            Map.entry("shares.auth.jwks.refresh-interval", "11m"),
            Map.entry("shares.auth.jwks.min-refresh-interval", "12s"),
            Map.entry("shares.auth.jwks.fetch-timeout", "3s"),
            Map.entry("shares.resolve.max-in-flight", "5"),
            Map.entry("shares.demo.jwt-private-key", "/tmp/k.pem"));

    static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(CoreConfig.class).withMapping(ViewConfig.class).withMapping(CryptoConfig.class)
                .withMapping(AuthConfig.class).withMapping(ShareConfig.class).withMapping(DemoConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void everyDocumentedNameLandsInItsFeaturesMapping() {
        SmallRyeConfig c = config(DOCUMENTED);
        CoreConfig core = c.getConfigMapping(CoreConfig.class);
        assertEquals(Optional.of("https://core.internal"), core.url());
        assertEquals(Optional.of("core-token"), core.token());
        assertEquals(Duration.ofHours(2), core.reconcileInterval());
        ViewConfig view = c.getConfigMapping(ViewConfig.class);
        assertEquals(61, view.twinBudget().perMinute());
        assertEquals(21, view.twinBudget().burst());
        assertEquals(Duration.ofSeconds(61), view.pollInterval());
        assertEquals(Duration.ofSeconds(6), view.viewFlushInterval());
        assertEquals(Duration.ofSeconds(7), view.freshFor());
        assertEquals(Duration.ofSeconds(31), view.serveWhileRefreshing());
        assertEquals(Duration.ofMinutes(16), view.staleFor());
        assertEquals(20001, view.cacheSize());
        CryptoConfig crypto = c.getConfigMapping(CryptoConfig.class);
        assertEquals(Optional.of("primary"), crypto.kek());
        assertEquals(Optional.of(List.of("old1", "old2")), crypto.kekPrevious());
        AuthConfig auth = c.getConfigMapping(AuthConfig.class);
        assertEquals(Optional.of("internal"), auth.internalToken());
        assertEquals(Duration.ofMinutes(11), auth.auth().jwks().refreshInterval());
        assertEquals(Duration.ofSeconds(12), auth.auth().jwks().minRefreshInterval());
        assertEquals(Duration.ofSeconds(3), auth.auth().jwks().fetchTimeout());
        ShareConfig share = c.getConfigMapping(ShareConfig.class);
        assertEquals(Optional.of("https://status.example"), share.publicBaseUrl());
        assertEquals(Optional.of(List.of("10.0.0.0/8", "192.168.1.1")), share.trustedProxies());
        assertEquals(5, share.resolve().maxInFlight());
        DemoConfig demo = c.getConfigMapping(DemoConfig.class);
        assertEquals(Path.of("/var/lib/shares"), demo.dataDir());
        assertEquals(Optional.of("/tmp/k.pem"), demo.demo().jwtPrivateKey());
    }

    @Test
    void defaultsAreUnchanged() {
        SmallRyeConfig c = config(Map.of());
        assertTrue(c.getConfigMapping(CoreConfig.class).demoMode());
        assertEquals(Duration.ofHours(1), c.getConfigMapping(CoreConfig.class).reconcileInterval());
        ViewConfig view = c.getConfigMapping(ViewConfig.class);
        assertEquals(List.of(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(15)), List.of(view.pollInterval(), view.viewFlushInterval(), view.freshFor(),
                view.serveWhileRefreshing(), view.staleFor()));
        assertEquals(List.of(20000, 60, 20), List.of(view.cacheSize(), view.twinBudget().perMinute(), view.twinBudget().burst()));
        AuthConfig.Jwks jwks = c.getConfigMapping(AuthConfig.class).auth().jwks();
        assertEquals(List.of(Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(5)),
                List.of(jwks.refreshInterval(), jwks.minRefreshInterval(), jwks.fetchTimeout()));
        assertEquals(Path.of("./data"), c.getConfigMapping(DemoConfig.class).dataDir());
        assertEquals(Optional.empty(), c.getConfigMapping(CryptoConfig.class).kek());
        assertEquals(4, c.getConfigMapping(ShareConfig.class).resolve().maxInFlight());
    }

    @Test
    void aSharesNameNoMappingDeclaresIsRefused() {
        for (String typo : List.of("shares.core.tokne", "shares.public-base-uri", "shares.view.twin-budget.brust")) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> config(Map.of(typo, "1")));
            assertTrue(e.getMessage().contains(typo), e.getMessage());
        }
    }

    @Test
    void readmeDocumentsEveryName() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (String name : DOCUMENTED.keySet()) {
            if (!name.equals("shares.demo.jwt-private-key")) { // set by the embedded defaults, not by operators
                assertTrue(readme.contains("`" + name + "`"), name + " is not in README");
            }
        }
    }
}
