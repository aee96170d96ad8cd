package io.uptimepage.shares.auth;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one bean that turns the verified operator JWT into a {@link Caller}. A signature proves who issued a token,
 * not that its claims are well-formed, so the claims that reach SQL, logs and the core's {@code X-Uptimepage-Org}
 * header are checked for shape here (DESIGN §2) and a malformed one is 401, before anything else runs.
 */
@ApplicationScoped
public class Callers {

    /** Scopes that may mint, list and revoke (resources declare them with {@code @RolesAllowed}). */
    public static final String TARGETS_WRITE = "targets:write";
    public static final String FULL_ACCESS = "full_access";

    /**
     * The core's org slug (CORE-REFERENCE "Org model"): 3–30 of {@code [a-z0-9-]}, a leading letter, no {@code --}.
     * The core stores it as CITEXT; only the lower-case spelling is accepted, so one org cannot own rows here
     * under two spellings.
     */
    static final Pattern ORG_SLUG = Pattern.compile("(?!.*--)[a-z][a-z0-9-]{2,29}");

    /** A user id as issuers write them (UUIDs, {@code auth0|…}, e-mail-like ids): visible ASCII, no quotes or markup. */
    static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._:@|+=-]{1,128}");

    /** A plan id like the core's {@code plans.id} ({@code free}, {@code team}); unknown ones still resolve to free. */
    static final Pattern PLAN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final JsonWebToken jwt;

    public Callers(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** The current caller; 401 when {@code org} or {@code sub} is missing or malformed, or {@code plan} is malformed. */
    public Caller current() {
        String org = require("org", ORG_SLUG);
        String sub = require("sub", SUBJECT);
        String plan = optional("plan", PLAN);
        String scope = string(jwt.getClaim("scope"));
        Set<String> scopes = scope == null ? Set.of()
                : Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new Caller(org, sub, scopes, plan);
    }

    private String require(String name, Pattern shape) {
        String value = optional(name, shape);
        if (value == null) {
            throw new AuthenticationFailedException("token has no " + name + " claim");
        }
        return value;
    }

    private String optional(String name, Pattern shape) {
        Object claim = jwt.getClaim(name);
        if (claim == null) {
            return null;
        }
        String value = string(claim);
        if (value == null || !shape.matcher(value).matches()) {
            // The value itself is not logged: it is attacker-chosen text.
            throw new AuthenticationFailedException("token claim " + name + " is malformed");
        }
        return value;
    }

    /** A string claim's value; null for any other JSON type (number, array, object, boolean). */
    private static String string(Object claim) {
        if (claim instanceof String s) {
            return s;
        }
        return claim instanceof JsonString js ? js.getString() : null;
    }
}
