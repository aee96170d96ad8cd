package io.uptimepage.shares.support;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;

/**
 * The in-memory span exporter every {@code @QuarkusTest} exports to. Quarkus' default {@code cdi} trace exporter hands
 * every {@code SpanExporter} bean the finished spans through a batch processor (50 ms delay in %test), the way the
 * OTLP exporter of a deployment gets them, so what a test reads here is what a collector would receive.
 */
@ApplicationScoped
public class Spans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    /** A fresh random W3C trace id (32 lowercase hex). */
    public static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** The {@code traceparent} a caller (the main app's proxy) sends: version 00, a parent span id, sampled. */
    public static String traceparent(String traceId, String parentSpanId) {
        return "00-" + traceId + "-" + parentSpanId + "-01";
    }

    /** Every finished span of one trace, once its server span has been exported. */
    public static List<SpanData> awaitTrace(InMemorySpanExporter exporter, String traceId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER));
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }
}
