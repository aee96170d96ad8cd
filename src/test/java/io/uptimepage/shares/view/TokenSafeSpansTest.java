package io.uptimepage.shares.view;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TokenSafeSpans} against the real OpenTelemetry SDK: the exporter is registered BEFORE the sanitiser, as the
 * OTLP exporter may be in the application, and still never receives a raw path. The span is shaped the way Quarkus'
 * HTTP server instrumentation shapes it (raw {@code url.path} and {@code url.query} at start, route at the end).
 */
class TokenSafeSpansTest {

    static final String TOKEN = "wACQFTrTpjd8GNhGfM3QTmvRCs5eW29NBpVtODLlviw";

    static SpanData serve(boolean sanitised, String rawPath, String query, String route) {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported));
        if (sanitised) {
            builder.addSpanProcessor(new TokenSafeSpans());
        }
        try (SdkTracerProvider provider = builder.build()) {
            Tracer tracer = provider.get("test");
            Span span = tracer.spanBuilder("GET").setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", "GET").setAttribute("url.path", rawPath)
                    .setAttribute("url.scheme", "http").startSpan();
            if (query != null) {
                span.setAttribute("url.query", query);
            }
            if (route != null) {
                span.setAttribute("http.route", route);
                span.updateName("GET " + rawPath); // an instrumentation that names by path: the worst case
            }
            span.end();
            List<SpanData> spans = exported.getFinishedSpanItems();
            assertEquals(1, spans.size());
            return spans.get(0);
        }
    }

    static String path(SpanData span) {
        return span.getAttributes().get(AttributeKey.stringKey("url.path"));
    }

    @Test
    void withoutTheSanitiserTheRawPathAndQueryReachTheExporter() {
        SpanData span = serve(false, "/%6D/" + TOKEN + "/live", "range=1h&" + TOKEN, "/m/{token}/live");

        assertTrue(path(span).contains(TOKEN), "control: the instrumentation's raw path carries the token");
        assertTrue(span.getName().contains(TOKEN));
    }

    @Test
    void serverSpanLeavesWithItsRouteTemplateOnly() {
        SpanData span = serve(true, "/%6D/" + TOKEN + "/live", "range=1h&" + TOKEN, "/m/{token}/live");

        assertEquals("/m/{token}/live", path(span));
        assertEquals(TokenSafeSpans.REDACTED, span.getAttributes().get(AttributeKey.stringKey("url.query")));
        assertEquals("GET /m/{token}/live", span.getName());
        assertEquals("http", span.getAttributes().get(AttributeKey.stringKey("url.scheme")), "other attributes are kept");
    }

    @Test
    void serverSpanWithoutARouteKeepsNoPathAtAll() {
        SpanData span = serve(true, "/M/" + TOKEN, null, null);

        assertEquals(TokenSafeSpans.UNMATCHED, path(span));
        assertEquals("GET " + TokenSafeSpans.UNMATCHED, span.getName());
        assertEquals(null, span.getAttributes().get(AttributeKey.stringKey("url.query")), "no query: none is invented");
    }

    @Test
    void clientSpansAreLeftAsTheyAre() {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).addSpanProcessor(new TokenSafeSpans()).build()) {
            String url = "http://core:8080/api/v1/targets/72bf96cf/results?from=2026-12-02T10%3A38%3A05Z";
            provider.get("test").spanBuilder("GET /api/v1/targets/{id}/results").setSpanKind(SpanKind.CLIENT)
                    .setAttribute("url.full", url).startSpan().end();

            SpanData span = exported.getFinishedSpanItems().get(0);
            assertEquals(url, span.getAttributes().get(AttributeKey.stringKey("url.full")));
            assertEquals("GET /api/v1/targets/{id}/results", span.getName());
        }
    }
}
