package io.uptimepage.shares.error;

import java.util.Map;

/** The core API's error shape, so clients see one: {@code {"error":{code,message,field,details,trace_id}}}. */
public record ErrorEnvelope(Body error) {

    public record Body(String code, String message, String field, Map<String, Object> details, String trace_id) {
    }

    public static ErrorEnvelope of(String code, String message, String field, Map<String, Object> details) {
        return new ErrorEnvelope(new Body(code, message, field, details, null));
    }
}
