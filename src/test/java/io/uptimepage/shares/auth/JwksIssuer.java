package io.uptimepage.shares.auth;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.uptimepage.shares.support.Jwts;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * An identity provider publishing its JWKS at {@code /jwks.json} on a WireMock server, with key pairs generated per
 * run (no private key committed). It starts with {@link #INITIAL} kids; tests change what is served to rotate keys
 * or take the endpoint down, and count the fetches in WireMock's request journal.
 */
public class JwksIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String PATH = "/jwks.json";
    /** rsa-1 declares {@code alg: RS256}; ec-1 and rsa-2 declare none (as node jose's exportJWK writes them). */
    public static final List<String> INITIAL = List.of("rsa-1", "ec-1", "rsa-2", "ed-1", "rot-1");

    private static final Map<String, KeyPair> PAIRS = new ConcurrentHashMap<>();
    private static WireMockServer server;
    private static volatile List<String> served = INITIAL;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        serve(INITIAL);
        return Map.of("mp.jwt.verify.publickey.location", server.baseUrl() + PATH);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The key pair of {@code kid}, generated on first use: {@code ec-*} P-256, {@code ed-*} Ed25519, else RSA 2048. */
    public static KeyPair pair(String kid) {
        return PAIRS.computeIfAbsent(kid, k -> {
            try {
                if (k.startsWith("ec-")) {
                    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
                    gen.initialize(new ECGenParameterSpec("secp256r1"));
                    return gen.generateKeyPair();
                }
                if (k.startsWith("ed-")) {
                    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                }
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                return gen.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** From now on the endpoint serves exactly these keys (public parts only). */
    public static void serve(List<String> kids) {
        served = List.copyOf(kids);
        String keys = kids.stream().map(JwksIssuer::publicJwk).collect(Collectors.joining(","));
        server.resetMappings();
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"keys\":[" + keys + "]}")));
    }

    /** The issuer is down: every fetch gets a 503. */
    public static void down() {
        server.resetMappings();
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("unavailable")));
    }

    /** The issuer is back, serving what it served before {@link #down()}. */
    public static void up() {
        serve(served);
    }

    public static List<String> served() {
        return served;
    }

    /** How many times the service has fetched the JWKS so far. */
    public static int fetches() {
        return server.countRequestsMatching(getRequestedFor(urlEqualTo(PATH)).build()).getCount();
    }

    /** An operator token of {@code org} signed by {@code kid}'s private key with {@code alg}, naming that kid. */
    public static String sign(String kid, SignatureAlgorithm alg, String org) {
        return signAs(kid, kid, alg, org);
    }

    /** A token signed with {@code signingKid}'s private key whose header names {@code headerKid}. */
    public static String signAs(String signingKid, String headerKid, SignatureAlgorithm alg, String org) {
        return Jwts.claims(org, "targets:write").jws().keyId(headerKid).algorithm(alg).sign(pair(signingKid).getPrivate());
    }

    private static String publicJwk(String kid) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair(kid).getPublic());
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            if (kid.equals("rsa-1")) {
                jwk.setAlgorithm("RS256");
            }
            return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
