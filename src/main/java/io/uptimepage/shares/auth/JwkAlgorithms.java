package io.uptimepage.shares.auth;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.util.Set;

/**
 * Which JWS algorithms one published key may verify: the {@code alg} its JWK declares, or, without one, the algorithm
 * its key type implies (RSA → RS256/PS256, EC P-256/P-384/P-521 → ES256/ES384/ES512, OKP Ed25519/Ed448 → EdDSA).
 * Only asymmetric signing keys qualify: a symmetric ({@code oct}) key, an encryption key ({@code use: enc}) or a
 * declared {@code alg} that does not fit the key type yields no algorithm, so no token can be verified with it. HMAC
 * and {@code none} are never returned, which is what rules out key confusion (HS256 keyed with a public key).
 */
final class JwkAlgorithms {

    /** Every algorithm some key may verify: the jose4j algorithm constraint for JWKS mode. */
    static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    private static final Set<String> RSA = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");

    private JwkAlgorithms() {
    }

    static Set<String> of(JsonWebKey jwk) {
        if (jwk.getUse() != null && !"sig".equals(jwk.getUse())) {
            return Set.of();
        }
        String declared = jwk.getAlgorithm();
        if (declared != null) {
            return fits(jwk, declared) ? Set.of(declared) : Set.of();
        }
        if (jwk instanceof RsaJsonWebKey) {
            return Set.of("RS256", "PS256");
        }
        String curve = ecdsaFor(jwk);
        if (curve != null) {
            return Set.of(curve);
        }
        return isEdDsaKey(jwk) ? Set.of("EdDSA") : Set.of();
    }

    private static boolean fits(JsonWebKey jwk, String alg) {
        if (jwk instanceof RsaJsonWebKey) {
            return RSA.contains(alg);
        }
        if (jwk instanceof EllipticCurveJsonWebKey) {
            return alg.equals(ecdsaFor(jwk));
        }
        return "EdDSA".equals(alg) && isEdDsaKey(jwk);
    }

    /** The one ECDSA algorithm of an EC key's curve (RFC 7518 §3.4), null for other keys or curves. */
    private static String ecdsaFor(JsonWebKey jwk) {
        if (!(jwk instanceof EllipticCurveJsonWebKey ec) || ec.getCurveName() == null) {
            return null;
        }
        return switch (ec.getCurveName()) {
            case "P-256" -> "ES256";
            case "P-384" -> "ES384";
            case "P-521" -> "ES512";
            default -> null;
        };
    }

    private static boolean isEdDsaKey(JsonWebKey jwk) {
        return jwk instanceof OctetKeyPairJsonWebKey okp
                && (OctetKeyPairJsonWebKey.SUBTYPE_ED25519.equals(okp.getSubtype())
                || OctetKeyPairJsonWebKey.SUBTYPE_ED448.equals(okp.getSubtype()));
    }
}
