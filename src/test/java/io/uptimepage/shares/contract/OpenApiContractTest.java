package io.uptimepage.shares.contract;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract checker itself can fail: answers the spec does not allow are reported, conforming ones are not. */
class OpenApiContractTest {

    static final String SPEC = """
            openapi: 3.1.0
            info: {title: t, version: "1"}
            paths:
              /api/v1/things/{id}:
                get:
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Thing"}
                    "404": {$ref: "#/components/responses/NotFound"}
                delete:
                  responses:
                    "204": {description: gone}
              /api/v1/things/special:
                get:
                  responses:
                    "200": {description: ok}
            components:
              responses:
                NotFound:
                  description: nf
                  content:
                    application/json:
                      schema: {type: object, required: [error]}
              schemas:
                ErrorEnvelope:
                  type: object
                  required: [error]
                  additionalProperties: false
                  properties:
                    error: {type: object, required: [code]}
                Thing:
                  type: object
                  required: [id, state, at]
                  additionalProperties: false
                  properties:
                    id: {type: string, format: uuid}
                    state: {type: string, enum: [active, revoked]}
                    at: {type: string, format: date-time}
                    label: {type: [string, "null"]}
            """;

    final OpenApiContract contract = OpenApiContract.of(SPEC);

    List<String> get(int status, String body) {
        return contract.violations("GET", "/api/v1/things/5f0c6c5e-6a2c-4d1e-9d1e-0a9b8c7d6e5f", status,
                "application/json", body);
    }

    @Test
    void conformingAnswerHasNoViolation() {
        assertEquals(List.of(), get(200, """
                {"id":"5f0c6c5e-6a2c-4d1e-9d1e-0a9b8c7d6e5f","state":"active","at":"2026-12-03T10:00:00Z","label":null}
                """));
        assertEquals(List.of(), get(404, "{\"error\":{}}"));
        assertEquals(List.of(), contract.violations("DELETE", "/api/v1/things/x", 204, null, ""));
    }

    @Test
    void wrongShapesAreReported() {
        assertSingle(get(200, "{\"state\":\"active\",\"at\":\"2026-12-03T10:00:00Z\"}"), "id");
        assertFalse(get(200, "{\"id\":\"not-a-uuid\",\"state\":\"active\",\"at\":\"2026-12-03T10:00:00Z\"}")
                .isEmpty());
        assertFalse((get(200, "{\"id\":\"5f0c6c5e-6a2c-4d1e-9d1e-0a9b8c7d6e5f\",\"state\":\"paused\","
                + "\"at\":\"2026-12-03T10:00:00Z\"}")).isEmpty());
        assertFalse((get(200, "{\"id\":\"5f0c6c5e-6a2c-4d1e-9d1e-0a9b8c7d6e5f\",\"state\":\"active\","
                + "\"at\":\"yesterday\"}")).isEmpty());
        assertFalse((get(200, "{\"id\":\"5f0c6c5e-6a2c-4d1e-9d1e-0a9b8c7d6e5f\",\"state\":\"active\","
                + "\"at\":\"2026-12-03T10:00:00Z\",\"extra\":1}")).isEmpty());
        assertFalse((get(404, "[]")).isEmpty());
    }

    @Test
    void undocumentedStatusesOperationsAndPathsAreReported() {
        assertSingle(get(500, "{}"), "status not documented");
        assertFalse((contract.violations("PUT", "/api/v1/things/1", 200, "application/json", "{}")).isEmpty());
        assertFalse((contract.violations("GET", "/api/v1/nothing", 200, "application/json", "{}")).isEmpty());
        assertFalse((contract.violations("GET", "/api/v1/things/1", 200, "text/html", "<p>")).isEmpty());
    }

    @Test
    void literalPathWinsOverTemplate() {
        assertEquals(List.of(), contract.violations("GET", "/api/v1/things/special", 200, null, ""));
    }

    static void assertSingle(List<String> violations, String mentions) {
        assertEquals(1, violations.size(), () -> "" + violations);
        assertTrue(violations.get(0).contains(mentions), violations.get(0));
    }

    @Test
    void undocumentedPathOrMethodMayOnlyBeRefusedWith404Or405Envelope() {
        String envelope = "{\"error\":{\"code\":\"NOT_FOUND\"}}";
        assertTrue(contract.violations("GET", "/api/v1/nope", 404, "application/json", envelope).isEmpty());
        assertTrue(contract.violations("PUT", "/api/v1/things/special", 405, "application/json; charset=UTF-8",
                envelope).isEmpty());
        assertFalse(contract.violations("GET", "/api/v1/nope", 200, "application/json", envelope).isEmpty());
        assertFalse(contract.violations("GET", "/api/v1/nope", 404, "text/html", "<p>nf</p>").isEmpty());
        assertFalse(contract.violations("GET", "/api/v1/nope", 404, "application/json", "{\"oops\":1}").isEmpty());
    }
}
