package io.uptimepage.shares.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption keys (KEKs) that seal the reversible copy of a share token ({@code shares.token_sealed}).
 *
 * <p>One <em>primary</em> key seals; <em>previous</em> keys still open, so keys can rotate: configure the new
 * key as primary, move the old one to the previous list, re-seal rows whose {@link #needsReseal(String)} is
 * true, then drop the old key. A key is named by its key id ({@code kid}): the first 8 lowercase hex chars of
 * SHA-256 of its 32 bytes, a public fingerprint that is safe to log and store.
 *
 * <p>Stored formats, told apart by prefix:
 * <ul>
 *   <li>{@code v2:<kid>:<nonce>:<ct||tag>} (written here): AES-256-GCM, 12-byte random nonce, 128-bit tag,
 *       AAD = UTF-8 of {@code "share:" + shareId}, so a sealed value copied onto another share does not open;
 *   <li>{@code v1:<nonce>:<ct||tag>} (the core's format, read only): AES-256-GCM, no AAD, no key id, so every
 *       configured key is tried, primary first;
 *   <li>anything else is plaintext, the no-KEK fallback shared with the core.
 * </ul>
 * Nonce and ciphertext are base64url without padding.
 *
 * <p>Immutable and thread-safe; a {@link Cipher} is created per call because Cipher instances are not.
 * Nothing here logs, and no message or {@link #toString()} contains key material.
 */
public final class KeyRing {

    private static final String V1 = "v1:";
    private static final String V2 = "v2:";
    private static final String AAD_PREFIX = "share:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final int KID_LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final KeyRing NONE = new KeyRing(null, List.of());

    private final Key primary;
    private final List<Key> previous;
    /** Every configured key by kid, primary first: the try-order for v1 and the lookup for v2. */
    private final Map<String, Key> byKid;

    private KeyRing(Key primary, List<Key> previous) {
        this.primary = primary;
        this.previous = List.copyOf(previous);
        Map<String, Key> keys = new LinkedHashMap<>();
        if (primary != null) {
            keys.put(primary.kid, primary);
        }
        for (Key key : this.previous) {
            keys.putIfAbsent(key.kid, key);
        }
        this.byKid = keys;
    }

    /** A ring with no keys: tokens are stored and returned as plaintext, envelopes never open. */
    public static KeyRing none() {
        return NONE;
    }

    /**
     * Builds a ring from configuration ({@code SHARES_KEK}, {@code SHARES_KEK_PREVIOUS}).
     *
     * <p>Each key is standard base64 or base64url, padded or not, surrounding whitespace ignored, and must
     * decode to exactly 32 bytes. Blank entries are ignored (a blank primary means "no primary"); an entry
     * that still contains commas is split on them, so a raw comma-separated value also works. A previous key
     * equal to the primary or to an earlier previous key is dropped. Previous keys without a primary are
     * allowed (open-only: new tokens are then stored in plaintext).
     *
     * @throws IllegalArgumentException naming the offending entry (1-based) but never its content
     */
    public static KeyRing of(Optional<String> primaryKek, List<String> previousKeks) {
        Key primary = null;
        String primaryValue = primaryKek == null ? null : primaryKek.orElse(null);
        if (primaryValue != null && !primaryValue.isBlank()) {
            primary = Key.decode(primaryValue, "SHARES_KEK");
        }

        List<String> entries = new ArrayList<>();
        if (previousKeks != null) {
            for (String entry : previousKeks) {
                if (entry != null) {
                    entries.addAll(Arrays.asList(entry.split(",", -1)));
                }
            }
        }
        List<Key> previous = new ArrayList<>();
        Map<String, Key> seen = new LinkedHashMap<>();
        if (primary != null) {
            seen.put(primary.kid, primary);
        }
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry.isBlank()) {
                continue;
            }
            String label = "SHARES_KEK_PREVIOUS entry " + (i + 1);
            Key key = Key.decode(entry, label);
            Key same = seen.get(key.kid);
            if (same == null) {
                seen.put(key.kid, key);
                previous.add(key);
            } else if (!same.sameBytes(key)) {
                // 32-bit fingerprints of distinct random keys collide about once in 4 billion pairs; refuse
                // rather than let a v2 envelope be tried against the wrong key.
                throw new IllegalArgumentException(label + " has the same key id as another configured key "
                        + "but different bytes; generate a new key");
            }
        }
        if (primary == null && previous.isEmpty()) {
            return NONE;
        }
        return new KeyRing(primary, previous);
    }

    /** True when a primary key is configured, i.e. {@link #seal} encrypts instead of storing plaintext. */
    public boolean hasPrimary() {
        return primary != null;
    }

    /** The primary key's id (8 lowercase hex chars), safe to log. */
    public Optional<String> primaryKeyId() {
        return primary == null ? Optional.empty() : Optional.of(primary.kid);
    }

    /** The previous keys' ids in configured order (duplicates of the primary removed), safe to log. */
    public List<String> previousKeyIds() {
        return previous.stream().map(k -> k.kid).toList();
    }

    /**
     * Seals a token for storage on share {@code shareId}: a {@code v2} envelope under the primary key, or the
     * token itself when there is no primary (the plaintext fallback).
     *
     * @throws IllegalArgumentException if plaintext would be stored that starts like an envelope
     *         ({@code v1:}/{@code v2:}); generated tokens never do, as they contain no colon
     */
    public String seal(String token, UUID shareId) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(shareId, "shareId");
        if (primary == null) {
            if (token.startsWith(V1) || token.startsWith(V2)) {
                throw new IllegalArgumentException("plaintext starting with an envelope prefix cannot be stored");
            }
            return token;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, primary.spec, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(shareId));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return V2 + primary.kid + ':' + B64URL.encodeToString(nonce) + ':' + B64URL.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            // Only reachable on a JCE without AES-GCM, which every Java 17 runtime has.
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /**
     * Recovers the token stored on share {@code shareId}. Never throws.
     *
     * @return the plaintext for a non-envelope value; the decrypted token for a {@code v1} envelope that some
     *         configured key authenticates or a {@code v2} envelope whose key is configured and whose AAD
     *         matches {@code shareId}; otherwise empty (null, malformed, tampered, unknown or removed key,
     *         copied from another share). Empty is what the API shows as {@code token: null, copyable: false}.
     */
    public Optional<String> open(String stored, UUID shareId) {
        try {
            if (stored == null) {
                return Optional.empty();
            }
            if (stored.startsWith(V2)) {
                return openV2(stored, shareId);
            }
            if (stored.startsWith(V1)) {
                return openV1(stored);
            }
            return Optional.of(stored);
        } catch (RuntimeException e) {
            // Belt and braces for the "never throws" contract: every expected failure is handled below.
            return Optional.empty();
        }
    }

    /**
     * True iff a primary key exists and {@code stored} is not already a {@code v2} envelope under it:
     * plaintext, a core {@code v1} envelope, or {@code v2} under an older key. {@code null} is false.
     * A re-seal is {@code open} then {@code seal}; when {@code open} is empty the row cannot be moved and
     * should be left as it is.
     */
    public boolean needsReseal(String stored) {
        if (primary == null || stored == null) {
            return false;
        }
        return !stored.startsWith(V2 + primary.kid + ':');
    }

    @Override
    public String toString() {
        return "KeyRing[primary=" + (primary == null ? "none" : primary.kid) + ", previous=" + previousKeyIds() + ']';
    }

    private Optional<String> openV1(String stored) {
        String[] parts = stored.split(":", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        byte[] nonce = decodeStrictB64Url(parts[1]);
        byte[] sealed = decodeStrictB64Url(parts[2]);
        if (!wellFormed(nonce, sealed)) {
            return Optional.empty();
        }
        for (Key key : byKid.values()) {
            Optional<String> opened = decrypt(key, nonce, sealed, null);
            if (opened.isPresent()) {
                return opened;
            }
        }
        return Optional.empty();
    }

    private Optional<String> openV2(String stored, UUID shareId) {
        if (shareId == null) {
            return Optional.empty();
        }
        String[] parts = stored.split(":", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        Key key = byKid.get(parts[1]);
        if (key == null) {
            return Optional.empty();
        }
        byte[] nonce = decodeStrictB64Url(parts[2]);
        byte[] sealed = decodeStrictB64Url(parts[3]);
        if (!wellFormed(nonce, sealed)) {
            return Optional.empty();
        }
        return decrypt(key, nonce, sealed, aad(shareId));
    }

    private static boolean wellFormed(byte[] nonce, byte[] sealed) {
        return nonce != null && nonce.length == NONCE_BYTES && sealed != null && sealed.length >= TAG_BYTES;
    }

    private static Optional<String> decrypt(Key key, byte[] nonce, byte[] sealed, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.spec, new GCMParameterSpec(TAG_BITS, nonce));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            byte[] plain = cipher.doFinal(sealed);
            // Strict UTF-8, as the core's String::from_utf8: invalid bytes are a failure, not U+FFFD.
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain))
                    .toString());
        } catch (GeneralSecurityException | CharacterCodingException e) {
            // AEADBadTagException (wrong key, tampered, other share) lands here.
            return Optional.empty();
        }
    }

    private static byte[] aad(UUID shareId) {
        return (AAD_PREFIX + shareId).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Base64url without padding, canonical only (as the core's strict decoder): no padding, no foreign
     * characters, and unused trailing bits zero, so one envelope has exactly one spelling. Null if invalid.
     */
    private static byte[] decodeStrictB64Url(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Tokens.isBase64UrlChar(s.charAt(i))) {
                return null;
            }
        }
        if (s.length() % 4 == 1) {
            return null;
        }
        byte[] bytes = B64URL_DECODER.decode(s);
        return B64URL.encodeToString(bytes).equals(s) ? bytes : null;
    }

    /** One configured key: its id and the AES key. Deliberately has no toString that shows bytes. */
    private static final class Key {
        final String kid;
        final SecretKeySpec spec;

        private Key(byte[] bytes) {
            this.kid = HexFormat.of().formatHex(Tokens.sha256(bytes)).substring(0, KID_LENGTH);
            this.spec = new SecretKeySpec(bytes, "AES");
        }

        static Key decode(String value, String label) {
            String trimmed = value.trim();
            // Map the URL-safe alphabet onto the standard one; the JDK decoder accepts missing padding.
            String standard = trimmed.replace('-', '+').replace('_', '/');
            byte[] bytes;
            try {
                bytes = B64_DECODER.decode(standard);
            } catch (IllegalArgumentException e) {
                // The JDK message names the offending character; keep it (and the cause) out of ours.
                bytes = null;
            }
            if (bytes == null || bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException(label + " is not 32 bytes of base64/base64url");
            }
            try {
                return new Key(bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0); // SecretKeySpec keeps its own copy
            }
        }

        boolean sameBytes(Key other) {
            return Arrays.equals(spec.getEncoded(), other.spec.getEncoded());
        }

        @Override
        public String toString() {
            return "Key[" + kid + ']';
        }
    }
}
