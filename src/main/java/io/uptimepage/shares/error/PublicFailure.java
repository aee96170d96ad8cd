package io.uptimepage.shares.error;

/**
 * A failure on the anonymous {@code /m/*} surface. It renders as a small HTML page (never the JSON envelope, never
 * a stack trace or the token). {@link #NOT_FOUND} is the one 404 every bad token gets, whatever the cause.
 */
public final class PublicFailure extends RuntimeException {

    public static final PublicFailure NOT_FOUND = new PublicFailure(404, "not found");

    private final int status;

    private PublicFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** A 400 for a request the page itself would never send (e.g. {@code to <= from}). */
    public static PublicFailure badRequest(String message) {
        return new PublicFailure(400, message);
    }

    public int status() {
        return status;
    }
}
