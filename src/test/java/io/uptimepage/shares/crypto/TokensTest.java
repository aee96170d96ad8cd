package io.uptimepage.shares.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {

    // Independent reference: printf %s 'Zx8QmVbT0kq3yW1nR4sLpE7uJcH9gD2fA6oI5vNtMwY' | sha256sum
    private static final String TOKEN = "Zx8QmVbT0kq3yW1nR4sLpE7uJcH9gD2fA6oI5vNtMwY";
    private static final String TOKEN_SHA256 = "563658c556797f4633c6e1c2ecb6accdefce9af0ffe083f1030bba164f4ea548";

    @Test
    void tokenIs43CharsBase64Url() {
        String token = Tokens.generate();
        assertEquals(43, token.length());
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "base64url alphabet, no padding");
        assertEquals(32, Base64.getUrlDecoder().decode(token).length, "encodes 32 bytes");
        assertTrue(Tokens.looksLikeToken(token));
    }

    @Test
    void tokensAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(Tokens.generate());
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void hashIsLowercaseHexSha256() {
        assertEquals(TOKEN_SHA256, Tokens.hash(TOKEN));
        // printf %s 'abc' | sha256sum (FIPS 180-2 example)
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.hash("abc"));
        assertTrue(Tokens.hash(Tokens.generate()).matches("[0-9a-f]{64}"));
    }

    @Test
    void hashIsDeterministicAndDistinguishesTokens() {
        String a = Tokens.generate();
        String b = Tokens.generate();
        assertEquals(Tokens.hash(a), Tokens.hash(a));
        assertFalse(Tokens.hash(a).equals(Tokens.hash(b)));
    }

    @Test
    void logIdIsFirstEightHexCharsOfTheHash() {
        assertEquals("563658c5", Tokens.logId(TOKEN_SHA256));
    }

    @Test
    void logIdRefusesARawTokenWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokens.logId(TOKEN));
        assertFalse(e.getMessage().contains(TOKEN.substring(0, 8)));
        assertThrows(IllegalArgumentException.class, () -> Tokens.logId(null));
        assertThrows(IllegalArgumentException.class, () -> Tokens.logId(TOKEN_SHA256.toUpperCase()));
    }

    @Test
    void looksLikeTokenAcceptsOnly43Base64UrlChars() {
        assertTrue(Tokens.looksLikeToken(TOKEN));
        assertTrue(Tokens.looksLikeToken("-".repeat(21) + "_".repeat(22)));
        assertFalse(Tokens.looksLikeToken(null));
        assertFalse(Tokens.looksLikeToken(""));
        assertFalse(Tokens.looksLikeToken(TOKEN.substring(1)), "42 chars");
        assertFalse(Tokens.looksLikeToken(TOKEN + "A"), "44 chars");
        assertFalse(Tokens.looksLikeToken(TOKEN.substring(1) + "="), "padding");
        assertFalse(Tokens.looksLikeToken(TOKEN.substring(1) + "+"), "standard alphabet");
        assertFalse(Tokens.looksLikeToken(TOKEN.substring(1) + "/"), "path separator");
        assertFalse(Tokens.looksLikeToken(TOKEN.substring(1) + "é"), "non-ASCII");
    }
}
