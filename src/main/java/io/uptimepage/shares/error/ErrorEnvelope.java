package io.uptimepage.shares.error;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import java.util.Map;

/**
 * The core API's error shape, so clients see one: {@code {"error":{code,message,field,details,trace_id}}}.
 * {@code trace_id} is the trace of the request being answered (the caller's own when it sent a {@code traceparent}),
 * so an operator can find the failing request's spans and log lines; null only outside any trace.
 */
public record ErrorEnvelope(Body error) {

    public record Body(String code, String message, String field, Map<String, Object> details, String trace_id) {
    }

    public static ErrorEnvelope of(String code, String message, String field, Map<String, Object> details) {
        SpanContext trace = Span.current().getSpanContext();
        return new ErrorEnvelope(new Body(code, message, field, details, trace.isValid() ? trace.getTraceId() : null));
    }
}
