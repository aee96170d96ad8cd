package io.uptimepage.shares.core;

import io.uptimepage.shares.error.ApiException;

/**
 * The core answered our request with a 4xx other than 404: it is up and has refused this one request (a window it
 * will not serve, a parameter it rejects, or our own credentials). That is an answer, not an outage: it is never
 * retried and never counted by a circuit breaker (DESIGN §3 "Isolation"). A rejected window or parameter (400, 422)
 * becomes a 400 for the caller; anything else (401, 403, 409, 429…) is ours to fix and answers 502.
 */
public class CoreRejectedException extends ApiException {

    private final int coreStatus;

    public CoreRejectedException(int coreStatus) {
        super(coreStatus == 400 || coreStatus == 422 ? 400 : 502, coreStatus == 400 || coreStatus == 422
                ? "BAD_REQUEST" : "CORE_REJECTED", coreStatus == 400 || coreStatus == 422
                        ? "the monitoring service rejected the requested window or parameters"
                        : "the monitoring service rejected the request", null, null, "core answered " + coreStatus);
        this.coreStatus = coreStatus;
    }

    /** What the core answered, for logs (never sent to clients). */
    public int coreStatus() {
        return coreStatus;
    }
}
