package io.uptimepage.shares.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Stubs of the core in its own JSON shapes (fixtures under {@code src/test/resources/core/}). */
public final class CoreStubs {

    private CoreStubs() {
    }

    public static WireMockServer core() {
        return CoreStubResource.server();
    }

    public static String newTargetId() {
        return UUID.randomUUID().toString();
    }

    /** {@code GET /api/v1/targets/{id}} for {@code org} answers the HTTP-check target fixture. */
    public static void target(String org, String targetId) {
        target(org, targetId, fixture("target-http.json").replace("{{ID}}", targetId));
    }

    public static void target(String org, String targetId, String json) {
        core().stubFor(get(urlPathEqualTo("/api/v1/targets/" + targetId))
                .withHeader("Authorization", equalTo("Bearer " + CoreStubResource.CORE_TOKEN))
                .withHeader("X-Uptimepage-Org", equalTo(org))
                .willReturn(json(200, json)));
    }

    /** The target is on plan hold ({@code plan_hold_at} set). */
    public static void heldTarget(String org, String targetId) {
        String json = fixture("target-http.json").replace("{{ID}}", targetId)
                .replace("\"write_source\": \"api\"", "\"write_source\": \"api\",\n  \"plan_hold_at\": \"2026-11-25T00:00:00Z\"");
        target(org, targetId, json);
    }

    /** The core's tenant cloak: unknown or foreign target → 404 TARGET_NOT_FOUND. */
    public static void targetNotFound(String targetId) {
        core().stubFor(get(urlPathEqualTo("/api/v1/targets/" + targetId))
                .willReturn(json(404, "{\"error\":{\"code\":\"TARGET_NOT_FOUND\",\"message\":\"monitor not found\","
                        + "\"field\":null,\"details\":null,\"trace_id\":null}}")));
    }

    /** The target was deleted in the core: from now on every org gets 404 (beats earlier stubs by priority). */
    public static void targetDeleted(String targetId) {
        core().stubFor(get(urlPathEqualTo("/api/v1/targets/" + targetId)).atPriority(1)
                .willReturn(json(404, "{\"error\":{\"code\":\"TARGET_NOT_FOUND\",\"message\":\"monitor not found\","
                        + "\"field\":null,\"details\":null,\"trace_id\":null}}")));
    }

    /** The core is unreachable for this target (connection reset). */
    public static void targetUnreachable(String targetId) {
        core().stubFor(get(urlPathEqualTo("/api/v1/targets/" + targetId))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    public static String fixture(String name) {
        try (InputStream in = CoreStubs.class.getResourceAsStream("/core/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
