package io.uptimepage.shares.share;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.uptimepage.shares.crypto.CryptoConfig;
import io.uptimepage.shares.crypto.KeyRing;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.support.Db;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key rotation runbook, end to end on real rows: add a new primary KEK, keep the old one as previous, re-seal,
 * drop the old key — every row then opens under the new key alone, including a token sealed in the core's v1 format
 * and one stored in plaintext before any KEK existed.
 */
@QuarkusTest
class KeyRotationTest {

    static final byte[] OLD_KEY = new byte[32];
    static {
        new SecureRandom().nextBytes(OLD_KEY);
    }
    static final String OLD = Base64.getEncoder().encodeToString(OLD_KEY);

    @Inject
    ShareRepository repository;
    @Inject
    CryptoConfig config;

    final String org = "org-rot-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    @RunOnVertxContext
    void afterResealEveryRowOpensUnderTheNewKeyAlone(UniAsserter asserter) throws Exception {
        String newKey = config.kek().orElseThrow();
        KeyRing oldOnly = KeyRing.of(Optional.of(OLD), List.of());
        Map<UUID, String> tokens = new LinkedHashMap<>();
        // one row sealed by this service under the old key, one in the core's v1 envelope, one plaintext
        UUID v2 = insert(tokens, t -> oldOnly.seal(t, lastId));
        UUID v1 = insert(tokens, KeyRotationTest::coreV1Envelope);
        UUID plain = insert(tokens, t -> t);

        KeyRing newOnly = KeyRing.of(Optional.of(newKey), List.of());
        assertTrue(newOnly.open(sealed(v2), v2).isEmpty(), "before the re-seal the new key alone cannot open the old rows");
        assertTrue(newOnly.open(sealed(v1), v1).isEmpty());

        ResealService rotation = new ResealService(repository, KeyRing.of(Optional.of(newKey), List.of(OLD)));
        asserter.assertThat(rotation::resealAll, report -> {
            assertTrue(report.resealed() >= 3, report.toString());
            for (Map.Entry<UUID, String> e : tokens.entrySet()) {
                String stored = sealed(e.getKey());
                assertTrue(stored.startsWith("v2:" + newOnly.primaryKeyId().orElseThrow() + ":"), stored);
                assertEquals(Optional.of(e.getValue()), newOnly.open(stored, e.getKey()), "row " + e.getKey());
            }
        });
        asserter.assertThat(rotation::resealAll, again -> assertEquals(0, again.resealed(), "a second run has nothing to do"));
        assertEquals(3, tokens.size());
        assertTrue(tokens.containsKey(plain));
    }

    private UUID lastId;

    private interface Sealer {
        String seal(String token) throws Exception;
    }

    private UUID insert(Map<UUID, String> tokens, Sealer sealer) throws Exception {
        lastId = UUID.randomUUID();
        String token = Tokens.generate();
        Db.update("insert into shares (id, org, target_id, token_hash, token_sealed) values (?, ?, ?, ?, ?)",
                lastId, org, UUID.randomUUID(), Tokens.hash(token), sealer.seal(token));
        tokens.put(lastId, token);
        return lastId;
    }

    private static String sealed(UUID id) {
        return (String) Db.query("select token_sealed from shares where id = ?", id).get(0).get("token_sealed");
    }

    /** The core's format, built independently: {@code v1:<b64url nonce>:<b64url ct||tag>}, AES-256-GCM, no AAD. */
    private static String coreV1Envelope(String token) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(OLD_KEY, "AES"), new GCMParameterSpec(128, nonce));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "v1:" + b64.encodeToString(nonce) + ":" + b64.encodeToString(c.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    }
}
