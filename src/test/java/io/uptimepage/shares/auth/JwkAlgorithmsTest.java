package io.uptimepage.shares.auth;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which algorithms a published JWK may verify: its declared alg if it fits the key, else what its type implies. */
class JwkAlgorithmsTest {

    static PublicKey generate(String algorithm, Object spec) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm);
        if (spec instanceof Integer bits) {
            gen.initialize(bits);
        } else if (spec instanceof String curve) {
            gen.initialize(new ECGenParameterSpec(curve));
        }
        return gen.generateKeyPair().getPublic();
    }

    static JsonWebKey jwk(PublicKey key, String alg, String use) throws Exception {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
        jwk.setAlgorithm(alg);
        jwk.setUse(use);
        return jwk;
    }

    @Test
    void keysWithoutAlgGetTheAlgorithmTheirTypeAndCurveImply() throws Exception {
        assertEquals(Set.of("RS256", "PS256"), JwkAlgorithms.of(jwk(generate("RSA", 2048), null, null)));
        assertEquals(Set.of("ES256"), JwkAlgorithms.of(jwk(generate("EC", "secp256r1"), null, "sig")));
        assertEquals(Set.of("ES384"), JwkAlgorithms.of(jwk(generate("EC", "secp384r1"), null, null)));
        assertEquals(Set.of("ES512"), JwkAlgorithms.of(jwk(generate("EC", "secp521r1"), null, null)));
        assertEquals(Set.of("EdDSA"), JwkAlgorithms.of(jwk(generate("Ed25519", null), null, null)));
    }

    @Test
    void aDeclaredAlgNarrowsTheKeyToThatAlgorithm() throws Exception {
        assertEquals(Set.of("RS256"), JwkAlgorithms.of(jwk(generate("RSA", 2048), "RS256", "sig")));
        assertEquals(Set.of("PS384"), JwkAlgorithms.of(jwk(generate("RSA", 2048), "PS384", null)));
        assertEquals(Set.of("ES256"), JwkAlgorithms.of(jwk(generate("EC", "secp256r1"), "ES256", null)));
        assertEquals(Set.of("EdDSA"), JwkAlgorithms.of(jwk(generate("Ed25519", null), "EdDSA", null)));
    }

    @Test
    void aDeclaredAlgThatDoesNotFitTheKeyMakesItUnusable() throws Exception {
        assertEquals(Set.of(), JwkAlgorithms.of(jwk(generate("RSA", 2048), "ES256", null)));
        assertEquals(Set.of(), JwkAlgorithms.of(jwk(generate("RSA", 2048), "HS256", null)));
        assertEquals(Set.of(), JwkAlgorithms.of(jwk(generate("RSA", 2048), "none", null)));
        assertEquals(Set.of(), JwkAlgorithms.of(jwk(generate("EC", "secp256r1"), "ES384", null)));
        assertEquals(Set.of(), JwkAlgorithms.of(jwk(generate("EC", "secp256r1"), "RS256", null)));
        assertEquals(Set.of(), JwkAlgorithms.of(jwk(generate("Ed25519", null), "ES256", null)));
    }

    @Test
    void symmetricEncryptionAndKeyAgreementKeysVerifyNothing() throws Exception {
        OctetSequenceJsonWebKey oct = new OctetSequenceJsonWebKey(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
        assertEquals(Set.of(), JwkAlgorithms.of(oct));
        oct.setAlgorithm("HS256");
        assertEquals(Set.of(), JwkAlgorithms.of(oct));
        assertEquals(Set.of(), JwkAlgorithms.of(jwk(generate("RSA", 2048), null, "enc")));
        assertEquals(Set.of(), JwkAlgorithms.of(jwk(generate("RSA", 2048), "RSA-OAEP", null)));
        assertEquals(Set.of(), JwkAlgorithms.of(jwk(generate("X25519", null), null, null)));
    }
}
