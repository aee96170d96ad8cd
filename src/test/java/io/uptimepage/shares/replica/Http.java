package io.uptimepage.shares.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small blocking HTTP client. A transport failure (refused, reset, timeout) is status {@code -1}, not an exception. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    /** One response: status (or -1), body, a header, and how long it took. */
    record Res(int status, String body, String contentType, String upstream, long millis, String transportError) {

        boolean is5xxOrTransport() {
            return status >= 500 || status < 0;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }

        /** {@code error.code} of the error envelope, or null. */
        String errorCode() {
            JsonNode code = json().path("error").path("code");
            return code.isTextual() ? code.asText() : null;
        }

        @Override
        public String toString() {
            return status < 0 ? "transport error (" + transportError + ")" : Integer.toString(status);
        }
    }

    static Res get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Res get(String url, String jwt) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + jwt).GET());
    }

    static Res postJson(String url, String jwt, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + jwt)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@code POST} of an NDJSON body with a bearer (the internal import of DESIGN §11). */
    static Res postNdjson(String url, String bearer, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Res patchJson(String url, String jwt, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + jwt)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    static Res delete(String url, String jwt) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + jwt).DELETE());
    }

    private static Res send(HttpRequest.Builder builder) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = CLIENT.send(builder.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Optional<String> type = r.headers().firstValue("Content-Type");
            return new Res(r.statusCode(), r.body(), type.orElse(""), r.headers().firstValue("X-Replica-Upstream").orElse(""),
                    (System.nanoTime() - t0) / 1_000_000, null);
        } catch (IOException e) {
            return new Res(-1, "", "", "", (System.nanoTime() - t0) / 1_000_000, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Res(-1, "", "", "", (System.nanoTime() - t0) / 1_000_000, "interrupted");
        }
    }
}
