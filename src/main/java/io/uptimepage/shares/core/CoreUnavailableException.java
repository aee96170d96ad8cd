package io.uptimepage.shares.core;

/** The core could not answer (down, slow, 5xx, circuit open). Retried, then shown as "unavailable", never as a 500. */
public class CoreUnavailableException extends RuntimeException {

    public CoreUnavailableException(String message) {
        super(message, null, false, false);
    }
}
