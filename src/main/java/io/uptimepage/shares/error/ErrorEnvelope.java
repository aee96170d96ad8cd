package io.uptimepage.shares.error;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * The core API's error shape, so clients see one: {@code {"error":{code,message,field,details,trace_id}}}.
 * {@code trace_id} is the trace of the request being answered (the caller's own when it sent a {@code traceparent}),
 * so an operator can find the failing request's spans and log lines; null only outside any trace.
 */
@Schema(name = "ErrorEnvelope", requiredProperties = "error", additionalProperties = Schema.False.class)
public record ErrorEnvelope(Body error) {

    @Schema(name = "Error", requiredProperties = { "code", "message" })
    public record Body(
            @Schema(description = "stable machine-readable code, e.g. SHARE_NOT_FOUND", pattern = "^[A-Z][A-Z_]*$")
            String code,
            @Schema(description = "for humans; may change") String message,
            @Schema(nullable = true, description = "the offending input field, when one is to blame") String field,
            @Schema(nullable = true, description = "code-specific facts, e.g. `limit` for QUOTA_EXCEEDED")
            Map<String, Object> details,
            @Schema(nullable = true, pattern = "^[0-9a-f]{32}$",
                    description = "W3C trace id of the request answered; null outside any trace") String trace_id) {
    }

    public static ErrorEnvelope of(String code, String message, String field, Map<String, Object> details) {
        SpanContext trace = Span.current().getSpanContext();
        return new ErrorEnvelope(new Body(code, message, field, details, trace.isValid() ? trace.getTraceId() : null));
    }
}
