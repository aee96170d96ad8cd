package io.uptimepage.shares.demo;

import io.uptimepage.shares.config.SharesConfig;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demo mode is exactly "no core URL", and the demo core does not exist outside it. */
class DemoModeTest {

    static SharesConfig withCoreUrl(String url) {
        SharesConfig.Core core = new SharesConfig.Core() {
            public Optional<String> url() {
                return Optional.ofNullable(url);
            }

            public Optional<String> token() {
                return Optional.of("t");
            }

            public Duration reconcileInterval() {
                return Duration.ofHours(1);
            }
        };
        return new SharesConfig() {
            public Path dataDir() {
                return Path.of("data");
            }

            public Optional<String> kek() {
                return Optional.empty();
            }

            public Optional<List<String>> kekPrevious() {
                return Optional.empty();
            }

            public Optional<String> publicBaseUrl() {
                return Optional.empty();
            }

            public Optional<String> internalToken() {
                return Optional.empty();
            }

            public Optional<List<String>> trustedProxies() {
                return Optional.empty();
            }

            public Core core() {
                return core;
            }

            public View view() {
                throw new UnsupportedOperationException();
            }

            public Auth auth() {
                throw new UnsupportedOperationException();
            }

            public Demo demo() {
                return Optional::empty;
            }
        };
    }

    static final String AUTH = "Bearer demo";
    static final String ID = DemoMonitors.CHECKOUT_API.toString();

    @Test
    void demoModeIsOffWheneverACoreUrlIsSet() {
        assertFalse(withCoreUrl("https://core.internal:8443").demoMode());
        assertTrue(withCoreUrl(null).demoMode());
        assertTrue(withCoreUrl("").demoMode());
        assertTrue(withCoreUrl("  ").demoMode());
    }

    @Test
    void withACoreUrlEveryDemoCoreReadIsNotFound() {
        DemoCoreResource off = new DemoCoreResource(withCoreUrl("https://core.internal:8443"), new DemoData());
        List<Runnable> reads = List.of(
                () -> off.target(ID, AUTH, "demo").await().indefinitely(),
                () -> off.results(ID, AUTH, "demo", null, null, null, null).await().indefinitely(),
                () -> off.latency(ID, AUTH, "demo", null, null).await().indefinitely(),
                () -> off.uptime(ID, AUTH, "demo", null, null).await().indefinitely(),
                () -> off.incidents(ID, AUTH, "demo", null, null, null, null, null).await().indefinitely(),
                () -> off.regions(ID, AUTH, "demo").await().indefinitely());
        for (Runnable read : reads) {
            assertThrows(NotFoundException.class, read::run);
        }
    }

    @Test
    void withoutACoreUrlTheDemoCoreAnswers() {
        DemoCoreResource on = new DemoCoreResource(withCoreUrl(null), new DemoData());
        assertEquals("Checkout API", on.target(ID, AUTH, "demo").await().indefinitely().get("name").asText());
    }
}
