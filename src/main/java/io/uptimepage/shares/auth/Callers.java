package io.uptimepage.shares.auth;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The one bean that turns the verified operator JWT into a {@link Caller}. */
@ApplicationScoped
public class Callers {

    /** Scopes that may mint, list and revoke (resources declare them with {@code @RolesAllowed}). */
    public static final String TARGETS_WRITE = "targets:write";
    public static final String FULL_ACCESS = "full_access";

    private final JsonWebToken jwt;

    public Callers(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** The current caller; a token without an {@code org} claim cannot act on any org's links. */
    public Caller current() {
        String org = claim("org");
        if (org == null || org.isBlank()) {
            throw new AuthenticationFailedException("token has no org claim");
        }
        String scope = claim("scope");
        Set<String> scopes = scope == null ? Set.of()
                : Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new Caller(org, jwt.getSubject(), scopes, claim("plan"));
    }

    private String claim(String name) {
        Object v = jwt.getClaim(name);
        return v == null ? null : v.toString().replaceAll("^\"|\"$", "");
    }
}
