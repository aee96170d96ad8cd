package io.uptimepage.shares.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Share-link capability tokens: generation, the one-way lookup hash and a log-safe id.
 *
 * <p>Byte-compatible with the core ({@code generate_raw_token} / {@code sha256_hex}): 32 CSPRNG bytes as
 * base64url without padding (43 chars), looked up by the lowercase hex SHA-256 of the token's UTF-8 bytes.
 * A plain hash (no salt, no Argon2) is deliberate: the token carries 256 bits of entropy, and the public
 * path must stay one cheap hash with no decrypt.
 */
public final class Tokens {

    /** Length of a generated token: 32 bytes base64url-encoded without padding. */
    public static final int TOKEN_LENGTH = 43;

    private static final int TOKEN_BYTES = 32;
    private static final int LOG_ID_LENGTH = 8;
    private static final int HASH_HEX_LENGTH = 64;

    // One shared instance: SecureRandom is thread-safe, and seeding a new one per call costs entropy reads.
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final HexFormat HEX = HexFormat.of(); // lowercase by default

    private Tokens() {
    }

    /** A fresh token: 32 random bytes, base64url without padding (43 chars of {@code [A-Za-z0-9_-]}). */
    public static String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    /** Lowercase hex SHA-256 of the token's UTF-8 bytes (64 chars): the {@code token_hash} lookup key. */
    public static String hash(String token) {
        Objects.requireNonNull(token, "token");
        return HEX.formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The first 8 hex chars of a token hash, for logs. Throws on anything that is not a 64-char lowercase
     * hex hash, so a raw token passed here by mistake fails loudly instead of leaking into a log line; the
     * message never echoes the argument.
     */
    public static String logId(String tokenHash) {
        if (!isHexHash(tokenHash)) {
            throw new IllegalArgumentException("logId expects a 64-char lowercase hex token hash");
        }
        return tokenHash.substring(0, LOG_ID_LENGTH);
    }

    /**
     * True iff {@code s} is exactly 43 chars of {@code [A-Za-z0-9_-]}, the shape of every generated token.
     * Used only to short-circuit obviously malformed paths; resolution still hashes whatever it is given.
     */
    public static boolean looksLikeToken(String s) {
        if (s == null || s.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isBase64UrlChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static byte[] sha256(byte[] input) {
        try {
            // New instance per call: MessageDigest is not thread-safe.
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static boolean isHexHash(String s) {
        if (s == null || s.length() != HASH_HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
