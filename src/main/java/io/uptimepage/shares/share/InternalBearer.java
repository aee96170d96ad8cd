package io.uptimepage.shares.share;

import io.uptimepage.shares.config.SharesConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The static bearer of {@code /internal/v1/*} ({@code SHARES_INTERNAL_TOKEN}), compared in constant time. */
@ApplicationScoped
public class InternalBearer {

    private final Optional<byte[]> token;

    InternalBearer(SharesConfig config) {
        this.token = config.internalToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** False when no internal token is configured: then the internal endpoints do not exist. */
    public boolean configured() {
        return token.isPresent();
    }

    /** True iff a token is configured and {@code authorization} is {@code Bearer <it>}. */
    public boolean accepts(String authorization) {
        if (token.isEmpty()) {
            return false;
        }
        byte[] given = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(token.get(), given);
    }
}
