package io.uptimepage.shares.config;

import io.smallrye.config.PropertiesConfigSource;
import io.uptimepage.shares.core.CoreConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real deployment without a JWT key or a core token must not start; demo mode needs neither. */
class FailClosedTest {

    static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withMapping(CoreConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "60s" form
                .withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    static List<String> missing(Map<String, String> values) {
        SmallRyeConfig c = config(values);
        return FailClosed.missing(c.getConfigMapping(CoreConfig.class), c);
    }

    @Test
    void demoModeNeedsNothing() {
        assertEquals(List.of(), missing(Map.of()));
        assertTrue(config(Map.of()).getConfigMapping(CoreConfig.class).demoMode());
    }

    @Test
    void realCoreWithoutKeyOrTokenIsRefusedNamingBoth() {
        assertEquals(List.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "SHARES_CORE_TOKEN"),
                missing(Map.of("shares.core.url", "https://core.internal")));
    }

    @Test
    void realCoreWithKeyButNoTokenIsRefused() {
        assertEquals(List.of("SHARES_CORE_TOKEN"), missing(Map.of("shares.core.url", "https://core.internal",
                "mp.jwt.verify.publickey.location", "/etc/keys/jwt.pem")));
    }

    @Test
    void realCoreWithKeyAndTokenStarts() {
        assertEquals(List.of(), missing(Map.of("shares.core.url", "https://core.internal",
                "mp.jwt.verify.publickey.location", "https://issuer/.well-known/jwks.json", "shares.core.token", "t")));
        assertFalse(config(Map.of("shares.core.url", "https://core.internal")).getConfigMapping(CoreConfig.class).demoMode());
    }

    @Test
    void blankValuesCountAsMissing() {
        assertEquals(List.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "SHARES_CORE_TOKEN"), missing(Map.of(
                "shares.core.url", "https://core.internal", "mp.jwt.verify.publickey.location", " ", "shares.core.token", "")));
    }
}
