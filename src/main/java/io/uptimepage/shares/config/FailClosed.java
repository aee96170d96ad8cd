package io.uptimepage.shares.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.uptimepage.shares.core.CoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start a misconfigured real deployment rather than run it open: once a real core is configured
 * ({@code SHARES_CORE_URL}), operator JWTs must be verifiable against a configured key and the core token must be
 * set. Demo mode (no core URL) trusts only the dev key generated into the data directory.
 */
@ApplicationScoped
public class FailClosed {

    void check(@Observes StartupEvent event, CoreConfig core, Config config) {
        List<String> missing = missing(core, config);
        if (!missing.isEmpty()) {
            String reason = "Refusing to start: SHARES_CORE_URL is set but " + String.join(" and ", missing)
                    + (missing.size() > 1 ? " are" : " is") + " not";
            Log.error(reason);
            throw new ConfigurationException(reason);
        }
        if (core.demoMode()) {
            Log.info("Demo mode: no SHARES_CORE_URL, serving the built-in demo core; operator JWTs are verified against "
                    + "the dev key in the data directory");
        } else {
            for (String name : List.of("mp.jwt.verify.issuer", "mp.jwt.verify.audiences")) {
                if (config.getOptionalValue(name, String.class).filter(v -> !v.isBlank()).isEmpty()) {
                    Log.warnf("%s is not set: operator JWTs are accepted without that check", name.toUpperCase().replace('.', '_'));
                }
            }
        }
    }

    /** The settings a real deployment lacks (empty when it may start). */
    static List<String> missing(CoreConfig core, Config config) {
        List<String> missing = new ArrayList<>();
        if (core.demoMode()) {
            return missing;
        }
        boolean key = present(config.getOptionalValue("mp.jwt.verify.publickey.location", String.class))
                || present(config.getOptionalValue("mp.jwt.verify.publickey", String.class));
        if (!key) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        }
        if (!present(core.token())) {
            missing.add("SHARES_CORE_TOKEN");
        }
        return missing;
    }

    private static boolean present(Optional<String> v) {
        return v.filter(s -> !s.isBlank()).isPresent();
    }
}
