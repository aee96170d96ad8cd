package io.uptimepage.shares.view;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Token-safe traces (DESIGN §3: tokens never appear in logs or metrics; the same holds for traces). Quarkus' HTTP
 * server instrumentation records the raw request path ({@code url.path}) and query string ({@code url.query}). Here a
 * path may carry a share token in any shape the router normalises ({@code /m//T}, {@code /%6D/T}, {@code /x/../m/T},
 * …), and an asset URL may carry one in its query, so no raw path or query is ever kept: every server span leaves with
 * {@code url.path} (and {@code http.target} / {@code url.full} when present) set to its matched route template
 * ({@code http.route}, e.g. {@code /m/{token}/live}), {@code url.query} set to {@value #REDACTED}, and the name
 * {@code "<method> <template>"}.
 * <p>
 * The rewrite happens in {@link #onEnding}: the SDK calls {@code onEnding} of every processor while the span is still
 * writable and only then {@code onEnd} of any processor; exporters (the OTLP batch processor, the test's in-memory
 * one) only ever receive a span in {@code onEnd}, so none of them sees the raw values, whatever the processor order.
 * Client spans (core REST client, reactive pg client) are left alone: core URLs carry target ids and timestamps, and
 * SQL statements are parameterised. {@code ExtendedSpanProcessor} is the SDK's hook for this (internal package); the
 * SDK version is the one the Quarkus BOM manages, and {@code TokenSafeSpansTest} pins the behaviour.
 */
@Singleton
public class TokenSafeSpans implements ExtendedSpanProcessor {

    static final String REDACTED = "{redacted}";
    /** A server span without a route (nothing matched): its path is untrusted input, so it is not recorded at all. */
    static final String UNMATCHED = "{unmatched}";

    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    /** Every attribute that holds the request target: current semantic conventions and the older ones. */
    private static final List<AttributeKey<String>> TARGETS = List.of(AttributeKey.stringKey("url.path"),
            AttributeKey.stringKey("url.full"), AttributeKey.stringKey("http.target"), AttributeKey.stringKey("http.url"));

    @Override
    public void onEnding(ReadWriteSpan span) {
        if (span.getKind() != SpanKind.SERVER) {
            return;
        }
        String route = span.getAttribute(ROUTE);
        String template = route == null || route.isBlank() ? UNMATCHED : route;
        for (AttributeKey<String> key : TARGETS) {
            if (span.getAttribute(key) != null) {
                span.setAttribute(key, template);
            }
        }
        if (span.getAttribute(QUERY) != null) {
            span.setAttribute(QUERY, REDACTED);
        }
        String method = span.getAttribute(METHOD);
        span.updateName(method == null ? template : method + " " + template);
    }

    @Override
    public boolean isOnEndingRequired() {
        return true;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
