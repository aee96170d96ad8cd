package io.uptimepage.shares.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Real operator JWTs signed with the test-only RSA key in {@code src/test/resources/test-jwt/}. */
public final class Jwts {

    public static final String ISSUER = "https://auth.test.uptimepage";
    public static final String AUDIENCE = "share-links";

    private Jwts() {
    }

    public static JwtClaimsBuilder claims(String org, String scope) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("user-" + org).claim("org", org)
                .issuedAt(Instant.now()).expiresIn(300);
        return scope == null ? b : b.claim("scope", scope);
    }

    /** A valid token of {@code org} with scope {@code targets:write} on the free plan (no plan claim). */
    public static String operator(String org) {
        return claims(org, "targets:write").sign();
    }

    public static String operator(String org, String plan) {
        return claims(org, "targets:write").claim("plan", plan).sign();
    }

    public static String bearer(String jwt) {
        return "Bearer " + jwt;
    }

    /** The same token with one character of the signature changed. */
    public static String tampered(String jwt) {
        int dot = jwt.lastIndexOf('.');
        char c = jwt.charAt(dot + 5);
        return jwt.substring(0, dot + 5) + (c == 'A' ? 'B' : 'A') + jwt.substring(dot + 6);
    }

    /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
    public static String algNone(String org) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String payload = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"x\",\"org\":\""
                + org + "\",\"scope\":\"targets:write\",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }
}
