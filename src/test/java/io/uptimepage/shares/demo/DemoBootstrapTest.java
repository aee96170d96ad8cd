package io.uptimepage.shares.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.uptimepage.shares.contract.ContractExtension;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.share.LiveShare;
import io.uptimepage.shares.share.PublicShares;
import io.uptimepage.shares.share.Share;
import io.uptimepage.shares.share.ShareRepository;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demo start-up: one ready link to the demo monitor, reused across starts, and a dev JWT that the API accepts. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
@TestProfile(DemoModeProfile.class)
class DemoBootstrapTest {

    @Inject
    DemoBootstrap bootstrap;

    @Inject
    ShareRepository shares;

    @Inject
    PublicShares publicShares;

    @Inject
    DemoConfig config;

    @Inject
    ObjectMapper json;

    long liveDemoLinks() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> shares.count("org = ?1 and targetId = ?2 and revokedAt is null", DemoMonitors.ORG, DemoMonitors.CHECKOUT_API)));
    }

    @Test
    void startUpCreatedExactlyOneLiveDemoLink() throws Throwable {
        assertEquals(1, liveDemoLinks());
    }

    @Test
    void anotherStartReusesTheLink() throws Throwable {
        DemoBootstrap.Welcome first = bootstrap.welcome();
        DemoBootstrap.Welcome second = bootstrap.welcome();
        assertFalse(first.created(), "the start-up link already existed");
        assertFalse(second.created());
        assertEquals(first.shareId(), second.shareId());
        assertEquals(first.link(), second.link());
        assertEquals(1, liveDemoLinks());
    }

    @Test
    void theLinkResolvesToTheDemoMonitor() throws Throwable {
        DemoBootstrap.Welcome w = bootstrap.welcome();
        assertTrue(w.link().matches("http://localhost:\\d+/m/[A-Za-z0-9_-]{43}"), w.link());
        String token = w.link().substring(w.link().lastIndexOf('/') + 1);
        LiveShare live = VertxContextSupport.subscribeAndAwait(() -> publicShares.liveByTokenHash(Tokens.hash(token)));
        assertNotNull(live);
        assertEquals(w.shareId(), live.id());
        assertEquals(DemoMonitors.ORG, live.org());
        assertEquals(DemoMonitors.CHECKOUT_API, live.targetId());
        Share s = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> shares.findById(live.id())));
        assertEquals(DemoBootstrap.LABEL, s.label);
    }

    @Test
    void thePrintedJwtListsTheDemoLink() throws Throwable {
        DemoBootstrap.Welcome w = bootstrap.welcome();
        String jwt = w.jwt().orElseThrow();
        given().header("Authorization", "Bearer " + jwt)
                .when().get("/api/v1/targets/{id}/shares", DemoMonitors.CHECKOUT_API)
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("url", hasItem(w.link()))
                .body("[0].id", equalTo(w.shareId().toString()))
                .body("[0].label", equalTo(DemoBootstrap.LABEL))
                .body("[0].created_by", equalTo(DemoBootstrap.CREATED_BY));
        assertTrue(w.curl().contains("/api/v1/targets/" + DemoMonitors.CHECKOUT_API + "/shares"));
        assertTrue(w.curl().contains(w.jwtFile().orElseThrow().toString()));
    }

    @Test
    void theJwtCarriesTheDemoOperatorClaimsFor24Hours() throws Throwable {
        String jwt = bootstrap.welcome().jwt().orElseThrow();
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        assertEquals(DemoJwtKeys.ISSUER, claims.get("iss").asText());
        assertEquals(DemoJwtKeys.AUDIENCE, claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText());
        assertEquals("demo-operator", claims.get("sub").asText());
        assertEquals("demo", claims.get("org").asText());
        assertEquals("targets:write", claims.get("scope").asText());
        assertEquals("team", claims.get("plan").asText());
        assertEquals(24 * 3600, claims.get("exp").asLong() - claims.get("iat").asLong());
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        assertEquals("RS256", header.get("alg").asText());
    }

    @Test
    void theDevJwtIsSavedInTheDataDirectoryForLater() throws Throwable {
        DemoBootstrap.Welcome w = bootstrap.welcome();
        Path expected = config.dataDir().toAbsolutePath().normalize().resolve("dev-jwt/operator.jwt");
        assertEquals(expected, w.jwtFile().orElseThrow());
        assertTrue(Files.exists(expected));
        String saved = Files.readString(expected, StandardCharsets.UTF_8).strip();
        assertEquals(w.jwt().orElseThrow(), saved);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(expected)));
        given().header("Authorization", "Bearer " + saved)
                .when().get("/api/v1/targets/{id}/shares", DemoMonitors.CHECKOUT_API)
                .then().statusCode(200);
    }

    @Test
    void theDemoJwtSeesOnlyTheDemoOrg() throws Throwable {
        String jwt = bootstrap.welcome().jwt().orElseThrow();
        // A monitor id the demo core does not know is the core's 404, passed through as the API's envelope.
        given().header("Authorization", "Bearer " + jwt)
                .when().get("/api/v1/targets/{id}/shares", java.util.UUID.randomUUID())
                .then().statusCode(404).body("error.code", equalTo("TARGET_NOT_FOUND"));
    }
}
