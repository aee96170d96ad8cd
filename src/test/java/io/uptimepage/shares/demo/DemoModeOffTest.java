package io.uptimepage.shares.demo;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.uptimepage.shares.core.CoreConfig;
import io.uptimepage.shares.share.ShareRepository;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** With a real core configured (the suite's WireMock sets SHARES_CORE_URL) none of the demo exists. */
@QuarkusTest
class DemoModeOffTest {

    @Inject
    CoreConfig config;

    @Inject
    DemoBootstrap bootstrap;

    @Inject
    ShareRepository shares;

    @Test
    void aConfiguredCoreUrlTurnsDemoModeOff() {
        assertFalse(config.demoMode());
    }

    @Test
    void theDemoCoreIsAPlain404() {
        for (String path : List.of("", "/results", "/latency", "/uptime", "/incidents", "/regions")) {
            given().header("Authorization", "Bearer demo").header("X-Uptimepage-Org", "demo")
                    .when().get("/demo-core/api/v1/targets/" + DemoMonitors.CHECKOUT_API + path)
                    .then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        }
    }

    @Test
    void noDemoLinkIsCreatedAndNoWelcomeIsGiven() throws Throwable {
        assertEquals(0L, (long) VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> shares.count("org = ?1 and targetId = ?2 and revokedAt is null", DemoMonitors.ORG, DemoMonitors.CHECKOUT_API))));
        assertThrows(IllegalStateException.class, bootstrap::welcome);
    }
}
