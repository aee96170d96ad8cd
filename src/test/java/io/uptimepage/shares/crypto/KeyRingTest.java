package io.uptimepage.shares.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    /*
     * Fixed vectors built independently of this code, with Python `cryptography` (AESGCM) and hashlib:
     *
     *   key   = bytes(range(32))                      # KEY_A
     *   key2  = bytes([0xA5] * 32)                    # KEY_B
     *   pt    = b"Zx8QmVbT0kq3yW1nR4sLpE7uJcH9gD2fA6oI5vNtMwY"
     *   kid   = sha256(key).hexdigest()[:8]
     *   V1    = "v1:" + b64u(n1) + ":" + b64u(AESGCM(key).encrypt(n1, pt, None))
     *           with n1 = 000102030405060708090a0b
     *   V2    = "v2:" + kid + ":" + b64u(n2) + ":" + b64u(AESGCM(key).encrypt(n2, pt, b"share:" + SHARE_ID))
     *           with n2 = cafebabefacedbaddecaf888
     *   b64u  = urlsafe base64 without padding
     *
     * The v1 shape matches the core's src/security/crypto.rs (12-byte nonce, no AAD, URL_SAFE_NO_PAD).
     */
    private static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String KEY_A_URL = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    private static final String KID_A = "630dcd29";
    private static final String KEY_B = "paWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaU=";
    private static final String KID_B = "fc8b6400";
    private static final String PLAINTEXT = "Zx8QmVbT0kq3yW1nR4sLpE7uJcH9gD2fA6oI5vNtMwY";
    private static final String CORE_V1 =
            "v1:AAECAwQFBgcICQoL:HXruSqizoE-9Kua4yL5JA9Hi9HiAPmgJcgStvHotMtRAJsG1mrdc7DnTJgq6rLBsD8JtWdQiUxnkLxg";
    private static final UUID VECTOR_SHARE = UUID.fromString("3f2a9c1e-5b7d-4e8a-9c0f-1a2b3c4d5e6f");
    private static final String V2_VECTOR = "v2:630dcd29:yv66vvrO263eyviI:"
            + "0NuYd8csLU92YCzuAkq4UV8Usx2vXF0BBLxMSNnNV5nsZq4P9KIHFmsscfR8J-Eua-Uz5gbTHvlBSa8";
    // The same 32 bytes (fb ff bf x10, fe ff) in both alphabets, chosen so they differ in '+/' vs '-_'.
    private static final String KEY_C_STD = "+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+//v8=";
    private static final String KEY_C_URL = "-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-__v8";
    private static final String KID_C = "d11fb334";

    private static final UUID SHARE = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UUID OTHER_SHARE = UUID.fromString("99999999-2222-4333-8444-555555555555");

    private static KeyRing ring(String primary, String... previous) {
        return KeyRing.of(Optional.ofNullable(primary), List.of(previous));
    }

    @Test
    void sealedTokenOpensWithSameShareId() {
        KeyRing ring = ring(KEY_A);
        String token = Tokens.generate();

        String sealed = ring.seal(token, SHARE);

        assertTrue(sealed.matches("v2:" + KID_A + ":[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+"), sealed);
        assertFalse(sealed.contains(token));
        assertEquals(Optional.of(token), ring.open(sealed, SHARE));
    }

    @Test
    void sealingTheSameTokenTwiceUsesFreshNonces() {
        KeyRing ring = ring(KEY_A);
        String token = Tokens.generate();

        String first = ring.seal(token, SHARE);
        String second = ring.seal(token, SHARE);

        assertNotEquals(first.split(":")[2], second.split(":")[2], "nonce reused");
        assertEquals(ring.open(first, SHARE), ring.open(second, SHARE));
    }

    @Test
    void sealedTokenCopiedToAnotherShareDoesNotOpen() {
        KeyRing ring = ring(KEY_A);
        String sealed = ring.seal(Tokens.generate(), SHARE);

        assertEquals(Optional.empty(), ring.open(sealed, OTHER_SHARE));
        assertEquals(Optional.empty(), ring.open(sealed, null));
    }

    @Test
    void v2EnvelopeFromIndependentConstructionOpens() {
        KeyRing ring = ring(KEY_A);

        assertEquals(Optional.of(PLAINTEXT), ring.open(V2_VECTOR, VECTOR_SHARE));
        assertEquals(Optional.empty(), ring.open(V2_VECTOR, SHARE));
    }

    @Test
    void tamperedCiphertextDoesNotOpen() {
        KeyRing ring = ring(KEY_A);
        String sealed = ring.seal(Tokens.generate(), SHARE);
        int ctStart = sealed.lastIndexOf(':') + 1;

        // Flip one char in the middle of the ciphertext, of the nonce, and of the tag (near the end).
        assertEquals(Optional.empty(), ring.open(flip(sealed, ctStart + 10), SHARE));
        assertEquals(Optional.empty(), ring.open(flip(sealed, ("v2:" + KID_A + ":").length() + 5), SHARE));
        assertEquals(Optional.empty(), ring.open(flip(sealed, sealed.length() - 5), SHARE));
        // Truncated, extended, and with the tag cut off.
        assertEquals(Optional.empty(), ring.open(sealed.substring(0, sealed.length() - 4), SHARE));
        assertEquals(Optional.empty(), ring.open(sealed + "AAAA", SHARE));
        assertEquals(Optional.empty(), ring.open(sealed.substring(0, ctStart + 4), SHARE));
        // Same for the core's format.
        assertEquals(Optional.empty(), ring.open(flip(CORE_V1, CORE_V1.length() - 20), SHARE));
    }

    @Test
    void nonCanonicalBase64InEnvelopeDoesNotOpen() {
        KeyRing ring = ring(KEY_A);
        // The vector's last char 'g' carries 4 unused bits; 'h' decodes to the same bytes in a lenient
        // decoder. The core's strict decoder rejects it, and so do we: one envelope, one spelling.
        assertTrue(CORE_V1.endsWith("g"));
        String nonCanonical = CORE_V1.substring(0, CORE_V1.length() - 1) + "h";
        assertEquals(Optional.empty(), ring.open(nonCanonical, SHARE));
        assertEquals(Optional.empty(), ring.open(CORE_V1 + "=", SHARE), "padding is not base64url-nopad");
    }

    @Test
    void wrongKeyDoesNotOpen() {
        // Core envelope under KEY_A, ring holds only KEY_B.
        assertEquals(Optional.empty(), ring(KEY_B).open(CORE_V1, SHARE));

        // A v2 envelope sealed by KEY_B but relabelled with KEY_A's kid: the key is found, auth fails.
        String sealedByB = ring(KEY_B).seal(PLAINTEXT, SHARE);
        String relabelled = sealedByB.replace(":" + KID_B + ":", ":" + KID_A + ":");
        assertNotEquals(sealedByB, relabelled);
        assertEquals(Optional.empty(), ring(KEY_A, KEY_B).open(relabelled, SHARE));
    }

    @Test
    void previousKeyStillOpens() {
        String sealedUnderOld = ring(KEY_A).seal(PLAINTEXT, SHARE);
        KeyRing rotated = ring(KEY_B, KEY_A);

        assertEquals(Optional.of(KID_B), rotated.primaryKeyId());
        assertEquals(Optional.of(PLAINTEXT), rotated.open(sealedUnderOld, SHARE));
        assertTrue(rotated.seal(PLAINTEXT, SHARE).startsWith("v2:" + KID_B + ":"), "primary seals");
    }

    @Test
    void unknownKidDoesNotOpen() {
        String sealedUnderRemovedKey = ring(KEY_A).seal(PLAINTEXT, SHARE);

        assertEquals(Optional.empty(), ring(KEY_B).open(sealedUnderRemovedKey, SHARE));
        assertEquals(Optional.empty(), KeyRing.none().open(sealedUnderRemovedKey, SHARE));
    }

    @Test
    void noKekStoresPlaintext() {
        KeyRing none = KeyRing.of(Optional.empty(), List.of());
        String token = Tokens.generate();

        assertFalse(none.hasPrimary());
        assertEquals(Optional.empty(), none.primaryKeyId());
        assertEquals(token, none.seal(token, SHARE));
        assertEquals(Optional.of(token), none.open(token, SHARE));
        assertEquals(token, KeyRing.none().seal(token, SHARE));
        // Envelopes cannot be opened without keys: they are not handed back as if they were the token.
        assertEquals(Optional.empty(), none.open(CORE_V1, SHARE));
        assertFalse(none.needsReseal(token));
    }

    @Test
    void plaintextThatLooksLikeAnEnvelopeIsNotStored() {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.none().seal("v1:abc:def", SHARE));
        assertThrows(IllegalArgumentException.class, () -> KeyRing.none().seal("v2:abc:def:ghi", SHARE));
    }

    @Test
    void plaintextRowsOpenEvenWhenAKekIsConfigured() {
        // Rows written before a KEK was configured stay readable (and needsReseal moves them).
        String token = Tokens.generate();
        assertEquals(Optional.of(token), ring(KEY_A).open(token, SHARE));
    }

    @Test
    void coreV1EnvelopeSealedWithKnownKeyOpens() {
        assertEquals(Optional.of(PLAINTEXT), ring(KEY_A).open(CORE_V1, SHARE));
        // No AAD in v1: the share id plays no part.
        assertEquals(Optional.of(PLAINTEXT), ring(KEY_A).open(CORE_V1, null));
    }

    @Test
    void v1EnvelopeOpensWithPreviousKey() {
        KeyRing rotated = ring(KEY_B, KEY_A);
        assertEquals(Optional.of(PLAINTEXT), rotated.open(CORE_V1, SHARE));
        // ...and with previous keys only (no primary configured).
        assertEquals(Optional.of(PLAINTEXT), ring(null, KEY_B, KEY_A).open(CORE_V1, SHARE));
    }

    @Test
    void needsResealForPlaintextV1AndOldKid() {
        KeyRing rotated = ring(KEY_B, KEY_A);
        String underOldKid = ring(KEY_A).seal(PLAINTEXT, SHARE);
        String underPrimary = rotated.seal(PLAINTEXT, SHARE);

        assertTrue(rotated.needsReseal(PLAINTEXT), "plaintext");
        assertTrue(rotated.needsReseal(CORE_V1), "core v1");
        assertTrue(rotated.needsReseal(underOldKid), "v2 under previous key");
        assertFalse(rotated.needsReseal(underPrimary), "already v2 under primary");

        // No primary: nothing can be resealed to.
        assertFalse(KeyRing.none().needsReseal(PLAINTEXT));
        assertFalse(ring(null, KEY_A).needsReseal(CORE_V1));
    }

    @Test
    void resealMovesEveryFormatToThePrimary() {
        KeyRing rotated = ring(KEY_B, KEY_A);
        List<String> stored = List.of(PLAINTEXT, CORE_V1, ring(KEY_A).seal(PLAINTEXT, SHARE));

        for (String before : stored) {
            String after = rotated.seal(rotated.open(before, SHARE).orElseThrow(), SHARE);
            assertFalse(rotated.needsReseal(after));
            assertEquals(Optional.of(PLAINTEXT), rotated.open(after, SHARE));
            assertEquals(Optional.of(PLAINTEXT), ring(KEY_B).open(after, SHARE), "old key no longer needed");
        }
    }

    @Test
    void keyOfWrongLengthIsRejectedWithoutEchoingIt() {
        String sixteenBytes = "AAAAAAAAAAAAAAAAAAAAAA==";
        String thirtyThreeBytes = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        String notBase64 = "this-is-not!base64*at*all#but-a-secret-pw";

        IllegalArgumentException previous = assertThrows(IllegalArgumentException.class,
                () -> KeyRing.of(Optional.of(KEY_A), List.of(KEY_B, thirtyThreeBytes)));
        assertEquals("SHARES_KEK_PREVIOUS entry 2 is not 32 bytes of base64/base64url", previous.getMessage());

        IllegalArgumentException primary = assertThrows(IllegalArgumentException.class,
                () -> KeyRing.of(Optional.of(sixteenBytes), List.of()));
        assertEquals("SHARES_KEK is not 32 bytes of base64/base64url", primary.getMessage());

        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
                () -> KeyRing.of(Optional.of(notBase64), List.of()));
        assertEquals("SHARES_KEK is not 32 bytes of base64/base64url", garbage.getMessage());
        // Not in the message, and not in a chained cause either (the JDK's names the bad character).
        assertEquals(null, garbage.getCause());

        // A valid-looking 32-byte key with one wrong char must not leak its other 43 chars.
        String almostKey = KEY_A.substring(0, 10) + "!" + KEY_A.substring(11);
        IllegalArgumentException almost = assertThrows(IllegalArgumentException.class,
                () -> KeyRing.of(Optional.of(almostKey), List.of()));
        assertFalse(almost.getMessage().contains(KEY_A.substring(0, 10)));
    }

    @Test
    void base64AndBase64UrlKeysAreEquivalent() {
        List<String> spellings = List.of(KEY_C_STD, KEY_C_URL, KEY_C_URL + "=", KEY_C_STD.replace("=", ""),
                "  " + KEY_C_STD + "\n");
        for (String spelling : spellings) {
            assertEquals(Optional.of(KID_C), ring(spelling).primaryKeyId(), spelling);
        }
        String sealed = ring(KEY_C_STD).seal(PLAINTEXT, SHARE);
        assertEquals(Optional.of(PLAINTEXT), ring(KEY_C_URL).open(sealed, SHARE));
        assertEquals(Optional.of(PLAINTEXT), ring(KEY_A_URL).open(CORE_V1, SHARE));
    }

    @Test
    void keyIdIsSha256FingerprintOfKeyBytes() {
        assertEquals(Optional.of(KID_A), ring(KEY_A).primaryKeyId());
        assertEquals(Optional.of(KID_B), ring(KEY_B).primaryKeyId());
        assertEquals(List.of(KID_A), ring(KEY_B, KEY_A).previousKeyIds());
    }

    @Test
    void blankAndDuplicateEntriesAreIgnored() {
        KeyRing ring = KeyRing.of(Optional.of("  "), Arrays.asList("", "  ", null, KEY_A, KEY_A_URL));
        assertFalse(ring.hasPrimary());
        assertEquals(List.of(KID_A), ring.previousKeyIds());

        // A raw comma-separated value and the primary repeated among the previous keys.
        KeyRing fromCsv = KeyRing.of(Optional.of(KEY_B), List.of(KEY_B + " , " + KEY_A + ","));
        assertEquals(Optional.of(KID_B), fromCsv.primaryKeyId());
        assertEquals(List.of(KID_A), fromCsv.previousKeyIds());
        assertEquals(Optional.of(PLAINTEXT), fromCsv.open(CORE_V1, SHARE));

        assertFalse(KeyRing.of(null, null).hasPrimary());
    }

    @Test
    void openNeverThrowsOnGarbage() {
        KeyRing ring = ring(KEY_A, KEY_B);
        List<String> envelopes = new ArrayList<>(List.of(
                "v1:", "v2:", "v1::", "v2:::", "v1:AAECAwQFBgcICQoL:", "v1:AAECAwQFBgcICQoL",
                "v1:!!!:???", "v1:AAAA:AAAA", "v1:AAECAwQFBgcICQoL:A", "v1:AAECAwQFBgcICQoL:AAAA",
                "v1:AAECAwQFBgcICQoL:AAAAAAAAAAAAAAAAAAAAAA", "v1:a:b:c:d",
                "v2:" + KID_A, "v2:" + KID_A + ":", "v2:" + KID_A + "::", "v2:" + KID_A + ":AAECAwQFBgcICQoL:",
                "v2:" + KID_A + ":AAECAwQFBgcICQoL:AAAAAAAAAAAAAAAAAAAAAA",
                "v2:" + KID_A + ":AAECAwQFBgcICQoL:AAAAAAAAAAAAAAAAAAAAAA:extra",
                "v2:ZZZZZZZZ:AAECAwQFBgcICQoL:AAAAAAAAAAAAAAAAAAAAAA", "v2:\u0000:\uffff:é",
                CORE_V1.replace("v1:", "v2:"), V2_VECTOR.replace("v2:" + KID_A + ":", "v1:")));
        for (String garbage : envelopes) {
            assertEquals(Optional.empty(), ring.open(garbage, SHARE), garbage);
            assertEquals(Optional.empty(), ring.open(garbage, null), garbage);
        }
        assertEquals(Optional.empty(), ring.open(null, SHARE));
        // Not an envelope: plaintext, returned as stored.
        assertEquals(Optional.of("V1:abc"), ring.open("V1:abc", SHARE));
        assertEquals(Optional.of(""), ring.open("", SHARE));
    }

    @Test
    void toStringShowsKeyIdsButNoKeys() {
        String text = ring(KEY_B, KEY_A).toString();

        assertTrue(text.contains(KID_B) && text.contains(KID_A), text);
        assertFalse(text.contains(KEY_A.substring(0, 12)) || text.contains(KEY_B.substring(0, 12)), text);
        assertEquals("KeyRing[primary=none, previous=[]]", KeyRing.none().toString());
    }

    private static String flip(String s, int index) {
        char c = s.charAt(index);
        char replacement = c == 'A' ? 'B' : 'A';
        return s.substring(0, index) + replacement + s.substring(index + 1);
    }
}
