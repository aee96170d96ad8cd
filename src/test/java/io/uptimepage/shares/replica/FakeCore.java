package io.uptimepage.shares.replica;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The core ("uptimepage") as WireMock in the test JVM, on a FIXED port so it can go away and come back where the
 * replicas expect it. Each registered target answers its six reads in the core's shapes, only for its own org and
 * only with the service bearer. "Core down" is {@link #stop()}: connections to the port are refused.
 */
final class FakeCore {

    static final String TOKEN = "replica-core-service-token";
    private static final String[] SUB_RESOURCES = { "results", "latency", "uptime", "incidents", "regions" };

    private final int port;
    private final Map<String, String> orgByTarget = new ConcurrentHashMap<>();
    private volatile WireMockServer server;

    FakeCore(int port) {
        this.port = port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void start() {
        WireMockServer s = new WireMockServer(options().port(port).bindAddress("127.0.0.1").containerThreads(40)
                .disableRequestJournal());
        s.start();
        server = s;
        orgByTarget.forEach(this::stub);
    }

    synchronized void stop() {
        WireMockServer s = server;
        server = null;
        if (s != null) {
            s.stop();
        }
    }

    boolean running() {
        return server != null;
    }

    /** A new monitor of {@code org}, known to the core from now on (and after every restart). */
    String newTarget(String org) {
        String id = UUID.randomUUID().toString();
        orgByTarget.put(id, org);
        if (server != null) {
            stub(id, org);
        }
        return id;
    }

    private void stub(String id, String org) {
        WireMockServer s = server;
        s.stubFor(get(urlPathEqualTo("/api/v1/targets/" + id))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-Uptimepage-Org", equalTo(org))
                .willReturn(json(fixture("/core/target-http.json", id))));
        for (String sub : SUB_RESOURCES) {
            s.stubFor(get(urlPathEqualTo("/api/v1/targets/" + id + "/" + sub))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withHeader("X-Uptimepage-Org", equalTo(org))
                    .willReturn(json(fixture("/replica/core/" + sub + ".json", id))));
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private static String fixture(String resource, String id) {
        try (InputStream in = FakeCore.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{ID}}", id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
