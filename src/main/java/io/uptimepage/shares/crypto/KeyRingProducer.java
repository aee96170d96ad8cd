package io.uptimepage.shares.crypto;

import io.uptimepage.shares.config.SharesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import java.util.List;

/** Builds the one {@link KeyRing} from {@code SHARES_KEK} and {@code SHARES_KEK_PREVIOUS}. */
@ApplicationScoped
public class KeyRingProducer {

    @Produces
    @Singleton // KeyRing is an immutable final class: no client proxy needed
    KeyRing keyRing(SharesConfig config) {
        return KeyRing.of(config.kek().filter(k -> !k.isBlank()), config.kekPrevious().orElse(List.of()));
    }
}
