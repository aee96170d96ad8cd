package io.uptimepage.shares.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptimepage.shares.crypto.Tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The core's side of DESIGN §11, built independently of the app's code: its {@code v1:} envelopes (plain JCE
 * AES-GCM, not {@code KeyRing}) and a {@code monitor_shares} row as the README's export writes it. Shared by the
 * {@code @QuarkusTest} import tests and the replica suite (which runs the packaged jar and has no Quarkus in the JVM).
 */
public final class CoreShareRows {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private CoreShareRows() {
    }

    /** The core's {@code seal_str}: {@code v1:<nonce b64url>:<ct+tag b64url>}, AES-256-GCM, 12-byte nonce, no AAD. */
    public static String sealV1(String token, byte[] key) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] ct = c.doFinal(token.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "v1:" + b64.encodeToString(nonce) + ":" + b64.encodeToString(ct);
    }

    /**
     * A live row of {@code org} as row_to_json writes it (microsecond timestamps with an offset), the org slug added:
     * {@code token_enc} as given, {@code token_hash} the hash of the raw {@code token}, no pages. Callers change what
     * their case needs ({@code revoked_at}, {@code expires_at}, {@code used_by_pages}, …).
     */
    public static ObjectNode row(String org, String targetId, String tokenEnc, String token) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", UUID.randomUUID().toString());
        o.put("org_id", UUID.randomUUID().toString());
        o.put("org", org);
        o.put("target_id", targetId);
        o.put("token_hash", Tokens.hash(token));
        o.put("token_enc", tokenEnc);
        o.put("label", "on-call wiki");
        o.put("created_by", UUID.randomUUID().toString());
        o.put("created_at", "2025-03-04T05:06:07.123456+00:00");
        o.putNull("expires_at");
        o.putNull("revoked_at");
        o.put("view_count", 42);
        o.put("last_viewed_at", "2026-11-30T10:00:00.5+00:00");
        o.put("view_style", "default"); // a key this service ignores
        o.putArray("used_by_pages");
        return o;
    }
}
