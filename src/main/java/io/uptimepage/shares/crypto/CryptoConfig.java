package io.uptimepage.shares.crypto;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * The key-encryption keys of sealed tokens. Prefix {@code shares}, not {@code shares.crypto}: DESIGN §10 fixes the
 * environment names {@code SHARES_KEK} and {@code SHARES_KEK_PREVIOUS}.
 */
@ConfigMapping(prefix = "shares")
public interface CryptoConfig {

    /** Primary key-encryption key for sealed tokens, 32 bytes base64/base64url ({@code SHARES_KEK}); unset → plaintext. */
    Optional<String> kek();

    /** Older keys still accepted for opening ({@code SHARES_KEK_PREVIOUS}, comma-separated). */
    Optional<List<String>> kekPrevious();
}
