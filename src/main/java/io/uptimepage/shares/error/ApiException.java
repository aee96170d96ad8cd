package io.uptimepage.shares.error;

import java.util.Map;

/**
 * A failure with a place in the error envelope: HTTP status, UPPER_SNAKE code, human message, and optionally
 * the offending {@code field} and structured {@code details}. Thrown by services, mapped once by {@link ErrorMapper}.
 * A feature's own failures extend it (the core client's {@code CoreUnavailableException}); what the log line should
 * add about the cause travels as {@link #logDetail()}, so the mapper never needs to know the subclass.
 */
public class ApiException extends RuntimeException {

    /** What a caller reads when the monitoring service cannot answer. */
    public static final String CORE_UNAVAILABLE_MESSAGE = "the monitoring service is unavailable; try again shortly";

    private final int status;
    private final String code;
    private final String field;
    private final Map<String, Object> details;
    private final String logDetail;

    public ApiException(int status, String code, String message, String field, Map<String, Object> details) {
        this(status, code, message, field, details, null);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, null, null);
    }

    /** With {@code logDetail}: why it happened, for the server log only (never in a body). */
    protected ApiException(int status, String code, String message, String field, Map<String, Object> details,
            String logDetail) {
        super(message, null, false, false); // an expected outcome: no stack trace to fill
        this.status = status;
        this.code = code;
        this.field = field;
        this.details = details;
        this.logDetail = logDetail;
    }

    public static ApiException targetNotFound() {
        return new ApiException(404, "TARGET_NOT_FOUND", "monitor not found");
    }

    public static ApiException shareNotFound() {
        return new ApiException(404, "SHARE_NOT_FOUND", "share link not found");
    }

    /** 503 {@code CORE_UNAVAILABLE}; {@code why} goes to the log only (e.g. the fault-tolerance exception's name). */
    public static ApiException coreUnavailable(String why) {
        return new ApiException(503, "CORE_UNAVAILABLE", CORE_UNAVAILABLE_MESSAGE, null, null, why);
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

    /** Why, for the log line of a 5xx; {@code null} when the code says it all. Never sent to clients. */
    public String logDetail() {
        return logDetail;
    }
}
