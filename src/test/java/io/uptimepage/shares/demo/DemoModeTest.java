package io.uptimepage.shares.demo;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.uptimepage.shares.core.CoreConfig;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demo mode is exactly "no core URL", and the demo core does not exist outside it. */
class DemoModeTest {

    /** A real mapping built by SmallRye from {@code shares.core.url} alone (absent when {@code url} is null). */
    static CoreConfig withCoreUrl(String url) {
        Map<String, String> values = url == null ? Map.of() : Map.of("shares.core.url", url);
        return new SmallRyeConfigBuilder().withMapping(CoreConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "1h" form
                .withSources(new PropertiesConfigSource(values, "test", 500)).build()
                .getConfigMapping(CoreConfig.class);
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
