package io.uptimepage.shares.contract;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.uptimepage.shares.support.TestResources;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/openapi.yaml} is the contract: it is what the running service publishes at {@code /q/openapi}, byte for
 * byte, so every API change shows up as a reviewed diff of that file; and it is a valid OpenAPI 3.1 document.
 */
@QuarkusTest
class OpenApiSpecTest {

    static final Path GENERATED = Path.of("target/openapi/openapi.yaml");

    @Test
    void committedSpecIsWhatTheServicePublishes() throws Exception {
        String served = given().queryParam("format", "YAML").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, served);
        String committed = Files.readString(OpenApiContract.SPEC);
        assertEquals(committed, served, "docs/openapi.yaml differs from /q/openapi: review the change, then "
                + "cp " + GENERATED + " " + OpenApiContract.SPEC);
    }

    @Test
    void committedSpecIsValidOpenApi31() throws Exception {
        SwaggerParseResult parsed = new OpenAPIParser().readContents(Files.readString(OpenApiContract.SPEC), null,
                null);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), () -> "" + parsed.getMessages());
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());
        assertFalse(parsed.getOpenAPI().getPaths().isEmpty());
    }
}
