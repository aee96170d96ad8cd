package io.uptimepage.shares.crypto;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import java.util.List;

/** Builds the one {@link KeyRing} from {@code SHARES_KEK} and {@code SHARES_KEK_PREVIOUS}. */
@ApplicationScoped
public class KeyRingProducer {

    @Produces
    @Singleton // KeyRing is an immutable final class: no client proxy needed
    KeyRing keyRing(CryptoConfig config) {
        return KeyRing.of(config.kek().filter(k -> !k.isBlank()), config.kekPrevious().orElse(List.of()));
    }

    /** At start, so a bad key fails the start rather than the first mint, and the log says how tokens are kept. */
    void announce(@Observes StartupEvent event, KeyRing keys) {
        Log.infof("Token sealing: %s", keys.hasPrimary() ? "AES-256-GCM under key " + keys.primaryKeyId().orElse("?")
                : "no SHARES_KEK, tokens are stored in plaintext");
    }
}
