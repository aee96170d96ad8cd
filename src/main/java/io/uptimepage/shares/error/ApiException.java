package io.uptimepage.shares.error;

import java.util.Map;

/**
 * A failure with a place in the error envelope: HTTP status, UPPER_SNAKE code, human message, and optionally
 * the offending {@code field} and structured {@code details}. Thrown by services, mapped once by {@link ErrorMapper}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message, String field, Map<String, Object> details) {
        super(message, null, false, false); // an expected outcome: no stack trace to fill
        this.status = status;
        this.code = code;
        this.field = field;
        this.details = details;
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, null);
    }

    public static ApiException targetNotFound() {
        return new ApiException(404, "TARGET_NOT_FOUND", "monitor not found");
    }

    public static ApiException shareNotFound() {
        return new ApiException(404, "SHARE_NOT_FOUND", "share link not found");
    }

    public static ApiException coreUnavailable() {
        return new ApiException(503, "CORE_UNAVAILABLE", "the monitoring service is unavailable; try again shortly");
    }

    public static ApiException badRequest(String code, String message, String field) {
        return new ApiException(400, code, message, field, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> details() {
        return details;
    }
}
