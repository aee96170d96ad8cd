package io.uptimepage.shares.view;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.uptimepage.shares.view.PublicLinks.Link;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.Spans.newTraceId;
import static io.uptimepage.shares.support.Spans.traceparent;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static io.uptimepage.shares.view.PublicLinks.revoke;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No share token reaches a span (DESIGN §3, the same rule as for logs and metrics): every public route and every path
 * shape the router normalises is requested with a live and a revoked token, every exported span is collected, and its
 * name, attributes, events and status are searched for each token, its percent-encoded form and a 12-char prefix.
 * Requests go over a raw socket, so the client cannot normalise {@code /m/./T} or {@code %2F} away.
 */
@QuarkusTest
class TokenSafeTracesTest {

    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

    @Inject
    InMemorySpanExporter spans;

    /** Every route of the public surface and every hostile path shape, for one token. */
    static List<String> pathsFor(String t) {
        String assets = "/m/_/" + Assets.VERSION;
        return List.of(
                "/m/" + t, "/m/" + t + "?range=1h", "/m/" + t + "/incidents?range=7d", "/m/" + t + "/live?range=24h",
                "/m/" + t + "/latency?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", "/m/" + t + "/results?limit=3",
                "/m/" + t + "/results?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "/m/" + t + "/no/such/path",
                assets + "/share.css?" + t, assets + "/" + t, "/m/_/" + t + "/share.js",
                "/m//" + t, "/m/./" + t, "/m/a/../" + t, "/%6D/" + t, "/x/../m/" + t, "/m/_/../" + t, "/M/" + t,
                "/m%2F" + t, "/m/" + t + "%2Flive", "/%2Fm%2F" + t, "//m/" + t, "/m/" + t + "/..", "/m/" + t + ";x=1",
                "/m/" + percentEncoded(t) + "/live", "/m/" + t + "?" + t, "/api/v1/targets/" + t + "/shares");
    }

    /** Every character as %XX: the same token to the router, other bytes on the wire. */
    static String percentEncoded(String token) {
        StringBuilder out = new StringBuilder();
        for (byte b : token.getBytes(StandardCharsets.US_ASCII)) {
            out.append('%').append(String.format("%02X", b));
        }
        return out.toString();
    }

    /** One request exactly as written, with its own trace; returns the status code. */
    static int send(String method, String path, String traceId) {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\ntraceparent: "
                    + traceparent(traceId, "b7ad6b7169203331") + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(response.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything of a span a tracing backend would show, as strings. */
    static List<String> strings(SpanData span) {
        List<String> out = new ArrayList<>();
        out.add(span.getName());
        out.add(span.getStatus().getDescription());
        addValues(span.getAttributes(), out);
        for (EventData event : span.getEvents()) {
            out.add(event.getName());
            addValues(event.getAttributes(), out);
        }
        addValues(span.getResource().getAttributes(), out);
        out.add(span.toString()); // whatever else the SDK holds (links, scope, …)
        return out;
    }

    static void addValues(Attributes attributes, List<String> out) {
        attributes.forEach((key, value) -> {
            out.add(key.getKey());
            out.add(String.valueOf(value));
        });
    }

    @Test
    void noTokenReachesAnySpanOnAnyRouteOrPathShape() {
        String org = newOrg(), t1 = newTargetId(), t2 = newTargetId();
        httpMonitor(org, t1);
        httpMonitor(org, t2);
        Link live = mint(org, t1);
        Link revoked = mint(org, t2);
        revoke(revoked);

        Map<String, String> requests = new LinkedHashMap<>(); // trace id → request, for the failure message
        for (Link link : List.of(live, revoked)) {
            for (String path : pathsFor(link.token())) {
                String trace = newTraceId();
                int status = send("GET", path, trace);
                requests.put(trace, "GET " + path + " → " + status);
            }
            String trace = newTraceId();
            requests.put(trace, "POST " + link.path() + " → " + send("POST", link.path(), trace));
        }
        assertTrue(requests.values().stream().anyMatch(r -> r.startsWith("GET /m/" + live.token() + " → 200")),
                "the live link works: " + requests.values());
        await().atMost(Duration.ofSeconds(15)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER).map(SpanData::getTraceId).collect(Collectors.toSet())
                .containsAll(requests.keySet()));

        List<SpanData> all = spans.getFinishedSpanItems();
        List<String> needles = new ArrayList<>();
        for (Link link : List.of(live, revoked)) {
            needles.add(link.token());
            needles.add(link.token().substring(0, 12));
            needles.add(percentEncoded(link.token()).substring(0, 36));
        }
        List<String> leaks = new ArrayList<>();
        for (SpanData span : all) {
            for (String value : strings(span)) {
                for (String needle : needles) {
                    if (value != null && value.contains(needle)) {
                        leaks.add(requests.getOrDefault(span.getTraceId(), "trace " + span.getTraceId()) + ": "
                                + span.getKind() + " span '" + span.getName() + "' carries " + value);
                    }
                }
            }
        }
        assertEquals(List.of(), leaks.stream().distinct().limit(20).toList());

        // And the server spans say where the request went, as a route template.
        for (SpanData span : all) {
            if (span.getKind() == SpanKind.SERVER && requests.containsKey(span.getTraceId())) {
                String route = span.getAttributes().get(HTTP_ROUTE);
                assertEquals(route == null ? TokenSafeSpans.UNMATCHED : route, span.getAttributes().get(URL_PATH),
                        requests.get(span.getTraceId()));
            }
        }
        assertTrue(all.stream().anyMatch(s -> "GET /m/{token}/live".equals(s.getName())
                && requests.containsKey(s.getTraceId())), "the live region's span is named by its template");
    }
}
