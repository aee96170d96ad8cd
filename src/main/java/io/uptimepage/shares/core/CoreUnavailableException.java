package io.uptimepage.shares.core;

import io.uptimepage.shares.error.ApiException;

/**
 * The core could not answer (down, slow, 5xx, circuit open). Retried, then shown as "unavailable" — on the API as
 * 503 {@code CORE_UNAVAILABLE}, on public pages as stale or unavailable data — never as a 500.
 */
public class CoreUnavailableException extends ApiException {

    public CoreUnavailableException(String reason) {
        super(503, "CORE_UNAVAILABLE", CORE_UNAVAILABLE_MESSAGE, null, null, reason);
    }

    /** Why, for logs (never sent to clients). */
    public String reason() {
        return logDetail();
    }
}
