package io.uptimepage.shares.auth;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The JWKS cache's refresh rules, against a counting in-memory issuer and a hand-driven clock. */
class JwksKeysTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicReference<String> body = new AtomicReference<>(jwks("a", "b"));
    final JwksKeys keys = new JwksKeys("https://issuer.test/jwks.json", () -> {
        fetches.incrementAndGet();
        String b = body.get();
        if (b == null) {
            throw new IOException("connection refused");
        }
        return b;
    }, config(Duration.ofMinutes(10), Duration.ofSeconds(10)), now::get);

    static AuthConfig.Jwks config(Duration refresh, Duration minRefresh) {
        return new AuthConfig.Jwks() {
            public Duration refreshInterval() {
                return refresh;
            }

            public Duration minRefreshInterval() {
                return minRefresh;
            }

            public Duration fetchTimeout() {
                return Duration.ofSeconds(1);
            }
        };
    }

    static String jwks(String... kids) {
        return List.of(kids).stream().map(kid -> {
            try {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(gen.generateKeyPair().getPublic());
                jwk.setKeyId(kid);
                return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void knownKidsAreServedFromMemoryAfterTheStartFetch() {
        keys.fetchAtStart(null);
        for (int i = 0; i < 50; i++) {
            assertNotNull(keys.find(i % 2 == 0 ? "a" : "b"));
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void unknownKidsRefetchAtMostOncePerMinimumInterval() {
        keys.fetchAtStart(null);
        assertNull(keys.find("junk"));
        assertEquals(1, fetches.get(), "the start fetch counts: at most one fetch per minimum interval");
        advance(Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            assertNull(keys.find("junk-" + i));
        }
        assertEquals(2, fetches.get()); // the start fetch and one forced by the first unknown kid
        advance(Duration.ofSeconds(9));
        assertNull(keys.find("junk"));
        assertEquals(2, fetches.get());
        advance(Duration.ofSeconds(1));
        assertNull(keys.find("junk"));
        assertEquals(3, fetches.get());
    }

    @Test
    void aNewKidIsPickedUpByTheRefreshItTriggers() {
        keys.fetchAtStart(null);
        body.set(jwks("b", "c"));
        advance(Duration.ofSeconds(10));
        assertNotNull(keys.find("c"));
        assertNull(keys.find("a"), "a was removed by the same fetch");
        assertEquals(2, fetches.get());
    }

    @Test
    void aStaleSetIsRefetchedAfterTheRefreshInterval() {
        keys.fetchAtStart(null);
        body.set(jwks("b"));
        advance(Duration.ofMinutes(9));
        assertNotNull(keys.find("a"));
        assertEquals(1, fetches.get());
        advance(Duration.ofMinutes(1));
        assertNull(keys.find("a"), "the refresh dropped a");
        assertEquals(2, fetches.get());
    }

    @Test
    void anIssuerThatIsDownOrAnswersGarbageLeavesTheLastGoodSetInUse() {
        keys.fetchAtStart(null);
        for (String bad : new String[] {null, "<html>503</html>", "{\"keys\":[]}", "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"}]}"}) {
            body.set(bad);
            advance(Duration.ofMinutes(11));
            assertNotNull(keys.find("a"), "kept after " + bad);
            assertNull(keys.find("c"));
        }
        assertEquals(5, fetches.get());
        body.set(jwks("c"));
        advance(Duration.ofSeconds(10));
        assertNotNull(keys.find("c"));
    }

    @Test
    void anIssuerDownAtStartIsRetriedByLaterTokens() {
        body.set(null);
        keys.fetchAtStart(null);
        assertNull(keys.find("a"));
        body.set(jwks("a"));
        assertNull(keys.find("a"), "within the minimum interval of the failed start fetch");
        advance(Duration.ofSeconds(10));
        assertNotNull(keys.find("a"));
    }

    @Test
    void aTokenWithoutKidMatchesOnlyAOneKeySet() {
        keys.fetchAtStart(null);
        assertNull(keys.find(null));
        body.set(jwks("only"));
        advance(Duration.ofMinutes(10));
        assertNotNull(keys.find(null));
    }

    @Test
    void aPemLocationIsNotAJwks() {
        assertEquals(false, JwksKeys.isJwks("test-jwt/public-key.pem"));
        assertEquals(true, JwksKeys.isJwks("https://idp.example/.well-known/jwks.json"));
        assertEquals(false, JwksKeys.isJwks(""));
        assertEquals(false, JwksKeys.isJwks("/no/such/file.json"));
    }
}
