package io.uptimepage.shares.error;

/**
 * A failure on the anonymous {@code /m/*} surface. It renders as a small HTML page (never the JSON envelope, never
 * a stack trace or the token). {@link #NOT_FOUND} is the one 404 every bad token gets, whatever the cause.
 */
public final class PublicFailure extends RuntimeException {

    public static final PublicFailure NOT_FOUND = new PublicFailure(404, "not found");

    private final int status;
    private final Long retryAfterSeconds;

    private PublicFailure(int status, String message) {
        this(status, message, null);
    }

    private PublicFailure(int status, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 400 for a request the page itself would never send (e.g. {@code to <= from}). */
    public static PublicFailure badRequest(String message) {
        return new PublicFailure(400, message);
    }

    /** A 429: the link is over its budget of core-reaching reads; answered with {@code Retry-After}. */
    public static PublicFailure tooManyRequests(long retryAfterSeconds) {
        return new PublicFailure(429, "over budget", retryAfterSeconds);
    }

    /** A 503 with {@code Retry-After}: the core cannot answer and there is nothing remembered to show. */
    public static PublicFailure unavailable(long retryAfterSeconds) {
        return new PublicFailure(503, "core unavailable", retryAfterSeconds);
    }

    /** Seconds for {@code Retry-After}, or {@code null} for none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }
}
