package io.uptimepage.shares.view;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.uptimepage.shares.support.CoreStubs;
import io.uptimepage.shares.support.Jwts;
import io.uptimepage.shares.view.PublicLinks.Link;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.core;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.Spans.awaitTrace;
import static io.uptimepage.shares.support.Spans.newTraceId;
import static io.uptimepage.shares.support.Spans.traceparent;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace across the split: the caller's {@code traceparent} (the main app's proxy) is joined, every span of the
 * request (HTTP server, database, core client) lies in that trace, the core receives the same trace, and the error
 * envelope and the log lines name it. The public 404 does not change.
 */
@QuarkusTest
class TraceContextTest {

    static final String PARENT_SPAN = "b7ad6b7169203331";

    @Inject
    InMemorySpanExporter spans;

    static List<SpanData> ofKind(List<SpanData> trace, SpanKind kind) {
        return trace.stream().filter(s -> s.getKind() == kind).toList();
    }

    static SpanData serverSpan(List<SpanData> trace) {
        List<SpanData> server = ofKind(trace, SpanKind.SERVER);
        assertEquals(1, server.size(), "one server span: " + trace);
        return server.get(0);
    }

    /** The {@code traceparent} headers the WireMock core received for one target. */
    static List<String> coreTraceparents(String targetId) {
        return core().findAll(getRequestedFor(urlPathMatching("/api/v1/targets/" + targetId + "(/.*)?"))).stream()
                .map(LoggedRequest::getHeaders).map(h -> h.getHeader("traceparent"))
                .map(h -> h.isPresent() ? h.firstValue() : null).toList();
    }

    static void assertTraceReachedTheCore(String targetId, String traceId) {
        List<String> received = coreTraceparents(targetId);
        assertFalse(received.isEmpty(), "the core was called");
        for (String header : received) {
            assertNotNull(header, "a core call without traceparent: " + received);
            assertTrue(header.matches("00-" + traceId + "-[0-9a-f]{16}-01"), "core got " + header + ", want trace " + traceId);
        }
    }

    @Test
    void mintJoinsTheCallersTraceAndForwardsItToTheCore() {
        String org = newOrg(), t = newTargetId(), trace = newTraceId();
        CoreStubs.target(org, t);

        given().header("Authorization", Jwts.bearer(Jwts.operator(org, "team"))).header("traceparent", traceparent(trace, PARENT_SPAN))
                .contentType(ContentType.JSON).body("{}").when().post("/api/v1/targets/{id}/shares", t).then().statusCode(201);

        List<SpanData> spans = awaitTrace(this.spans, trace);
        SpanData server = serverSpan(spans);
        assertAll(
                () -> assertEquals(PARENT_SPAN, server.getParentSpanId(), "the server span is the caller's child"),
                () -> assertEquals("POST /api/v1/targets/{targetId}/shares", server.getName()),
                () -> assertTrue(ofKind(spans, SpanKind.CLIENT).stream().anyMatch(s -> s.getName().equals("GET /api/v1/targets/{id}")),
                        "a core client span: " + spans),
                // the mint's one statement under the org lock (counts, cap check, insert) is a SELECT with an INSERT CTE
                () -> assertTrue(ofKind(spans, SpanKind.CLIENT).stream().anyMatch(s -> String.valueOf(
                        s.getAttributes().get(AttributeKey.stringKey("db.statement"))).contains("insert into shares")),
                        "a database span that inserts the share: " + spans),
                () -> assertTraceReachedTheCore(t, trace));
    }

    @Test
    void publicPageJoinsTheCallersTraceAndForwardsItToTheCore() {
        String org = newOrg(), t = newTargetId(), trace = newTraceId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        core().resetRequests();

        given().header("traceparent", traceparent(trace, PARENT_SPAN)).when().get(link.path()).then().statusCode(200);

        List<SpanData> spans = awaitTrace(this.spans, trace);
        SpanData server = serverSpan(spans);
        assertAll(
                () -> assertEquals(PARENT_SPAN, server.getParentSpanId()),
                () -> assertEquals("GET /m/{token}", server.getName()),
                () -> assertTrue(ofKind(spans, SpanKind.CLIENT).stream().anyMatch(s -> s.getName().equals("SELECT shares")),
                        "the token lookup's database span: " + spans),
                () -> assertTrue(ofKind(spans, SpanKind.CLIENT).stream().filter(s -> s.getName().startsWith("GET /api/v1/targets/"))
                        .count() >= 3, "core client spans: " + spans),
                () -> assertTraceReachedTheCore(t, trace));
    }

    @Test
    void apiErrorEnvelopeNamesTheTraceOfItsSpans() {
        String trace = newTraceId();
        String joined = given().header("traceparent", traceparent(trace, PARENT_SPAN))
                .when().get("/api/v1/targets/{id}/shares", newTargetId()).then().statusCode(401)
                .extract().path("error.trace_id");
        assertEquals(trace, joined, "the caller's trace id");
        assertEquals("GET /api/v1/targets/{targetId}/shares", serverSpan(awaitTrace(spans, trace)).getName());

        // Without a traceparent the service starts the trace itself, and the envelope names that one.
        String own = given().when().get("/api/v1/targets/{id}/shares", newTargetId()).then().statusCode(401)
                .extract().path("error.trace_id");
        assertTrue(own != null && own.matches("[0-9a-f]{32}") && !own.equals(trace), own);
        assertEquals(1, awaitTrace(spans, own).size(), "the spans of the envelope's trace");
    }

    @Test
    void internalRouteErrorEnvelopeNamesItsTrace() {
        String trace = newTraceId();
        given().header("traceparent", traceparent(trace, PARENT_SPAN)).header("Authorization", "Bearer wrong")
                .when().post("/internal/v1/reseal").then().statusCode(401).contentType(ContentType.JSON)
                .body("error.code", equalTo("UNAUTHORIZED"))
                .body("error.trace_id", equalTo(trace));
        assertEquals("POST /internal/v1/reseal", serverSpan(awaitTrace(spans, trace)).getName());
    }

    record Snapshot(int status, Map<String, List<String>> headers, byte[] body) {
    }

    static Snapshot fetch(String path, String traceparent) {
        Response r = (traceparent == null ? given() : given().header("traceparent", traceparent)).when().get(path);
        Map<String, List<String>> headers = new TreeMap<>();
        r.headers().forEach(h -> {
            if (!h.getName().equalsIgnoreCase("Date")) {
                headers.computeIfAbsent(h.getName().toLowerCase(), k -> new ArrayList<>()).add(h.getValue());
            }
        });
        return new Snapshot(r.statusCode(), headers, r.asByteArray());
    }

    @Test
    void publicNotFoundIsTheSameWithOrWithoutATrace() {
        String trace = newTraceId();
        String unknown = "/m/" + "A".repeat(43);
        Snapshot plain = fetch(unknown, null);
        Snapshot traced = fetch(unknown, traceparent(trace, PARENT_SPAN));

        assertEquals(404, plain.status());
        assertEquals(plain.status(), traced.status());
        assertEquals(plain.headers(), traced.headers(), "no per-request header (traceparent, traceresponse, …)");
        assertArrayEquals(plain.body(), traced.body());
        assertFalse(new String(traced.body(), java.nio.charset.StandardCharsets.UTF_8).contains(trace));
        assertEquals(PARENT_SPAN, serverSpan(awaitTrace(spans, trace)).getParentSpanId(), "the 404 is still traced");
    }

    /** Every log record published from {@link #start} to {@link #close}, with the MDC of the thread that logged it. */
    static final class Capture extends Handler implements AutoCloseable {
        final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();

        Capture start() {
            setLevel(Level.ALL);
            Logger.getLogger("").addHandler(this);
            return this;
        }

        @Override
        public void publish(LogRecord r) {
            if (r instanceof ExtLogRecord ext) {
                ext.copyMdc(); // what the console handler formats, taken on the logging thread
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }

    /** The record as the console writes it, with the configured format. */
    static String consoleLine(ExtLogRecord record) {
        return new PatternFormatter(ConfigProvider.getConfig().getValue("quarkus.log.console.format", String.class)).format(record);
    }

    @Test
    void accessLogAndErrorLogCarryTheTraceAndSpanIds() {
        String org = newOrg(), t = newTargetId(), trace = newTraceId();
        CoreStubs.targetUnreachable(t);
        List<ExtLogRecord> records;
        try (Capture capture = new Capture().start()) {
            given().header("Authorization", Jwts.bearer(Jwts.operator(org, "team"))).header("traceparent", traceparent(trace, PARENT_SPAN))
                    .contentType(ContentType.JSON).body("{}").when().post("/api/v1/targets/{id}/shares", t)
                    .then().statusCode(503).body("error.code", equalTo("CORE_UNAVAILABLE"))
                    .body("error.trace_id", equalTo(trace));
            // The access line is written when the response has ended, which may be just after the client has it.
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.records.stream()
                    .anyMatch(r -> TokenSafeAccessLog.CATEGORY.equals(r.getLoggerName()) && trace.equals(r.getMdc("traceId"))));
            records = capture.records;
        }
        String spanId = serverSpan(awaitTrace(spans, trace)).getSpanId();

        ExtLogRecord access = records.stream().filter(r -> TokenSafeAccessLog.CATEGORY.equals(r.getLoggerName()))
                .filter(r -> r.getFormattedMessage().contains("POST /api/v1/targets/")).findFirst().orElseThrow();
        ExtLogRecord error = records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(r -> r.getFormattedMessage().contains("CORE_UNAVAILABLE")).findFirst().orElseThrow();
        for (ExtLogRecord record : List.of(access, error)) {
            assertEquals(trace, record.getMdc("traceId"), record.getFormattedMessage());
            assertEquals(spanId, record.getMdc("spanId"), "the server span: " + record.getFormattedMessage());
            assertTrue(consoleLine(record).contains("trace_id=" + trace + " span_id=" + spanId), consoleLine(record));
        }
    }

    /**
     * Export is off by default: the traces endpoint resolves blank, for which Quarkus installs no OTLP exporter (its
     * default would be localhost:4317). The installed processor itself cannot be checked here: Quarkus also leaves the
     * OTLP exporter out whenever a {@code SpanExporter} bean exists, as the test's in-memory one does. Run with
     * {@code -Dquarkus.otel.exporter.otlp.traces.endpoint=http://127.0.0.1:4317} and this fails.
     */
    @Test
    void otlpEndpointIsBlankUnlessOneIsConfigured() {
        String endpoint = ConfigProvider.getConfig().getOptionalValue("quarkus.otel.exporter.otlp.traces.endpoint", String.class)
                .orElse("");
        assertTrue(endpoint.isBlank(), "no endpoint configured in tests: '" + endpoint + "'");
    }
}
