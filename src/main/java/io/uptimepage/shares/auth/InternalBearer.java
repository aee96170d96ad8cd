package io.uptimepage.shares.auth;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The static bearer of {@code /internal/v1/*} ({@code SHARES_INTERNAL_TOKEN}), compared in constant time. Without the
 * token configured those endpoints do not exist: {@link #check} throws {@link NotFoundException} (404, like any
 * unknown path); a wrong or missing bearer is 401.
 */
@ApplicationScoped
public class InternalBearer {

    private final Optional<byte[]> token;

    public InternalBearer(AuthConfig config) {
        this.token = config.internalToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** Passes for {@code Bearer <SHARES_INTERNAL_TOKEN>}; else 401, or 404 when no token is configured. */
    public void check(String authorization) {
        if (!configured()) {
            throw new NotFoundException();
        }
        if (!accepts(authorization)) {
            throw new UnauthorizedException();
        }
    }

    /** False when no internal token is configured: then the internal endpoints do not exist. */
    public boolean configured() {
        return token.isPresent();
    }

    /** True iff a token is configured and {@code authorization} is {@code Bearer <it>} (for plain Vert.x routes). */
    public boolean accepts(String authorization) {
        if (token.isEmpty()) {
            return false;
        }
        byte[] given = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(token.get(), given);
    }
}
