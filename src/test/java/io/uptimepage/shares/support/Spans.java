package io.uptimepage.shares.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The in-memory span exporter every {@code @QuarkusTest} exports to. Quarkus' default {@code cdi} trace exporter
 * hands every {@code SpanExporter} bean the finished spans (through a batch processor, 50 ms delay in %test), exactly
 * like the OTLP exporter of a real deployment, so what a test reads here is what a collector would receive.
 */
@ApplicationScoped
public class Spans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
