/**
 * The document-level part of {@code docs/openapi.yaml}: the two bearer schemes and the error answers every operation
 * shares, each one {@code {"error":{…}}} ({@link ErrorEnvelope}). Operations refer to these responses by name
 * ({@code @APIResponse(ref = "NotFound")}) instead of repeating them. Smallrye-openapi reads
 * {@code @OpenAPIDefinition} only from a package-info or a JAX-RS {@code Application} class, hence this file.
 */
@OpenAPIDefinition(
        info = @Info(title = "Share links API", version = "1",
                description = "Operator API (`/api/v1`, bearer JWT from the core's issuer) and internal API "
                        + "(`/internal/v1`, static bearer) of the share-link service. Every error is an "
                        + "ErrorEnvelope; `error.code` is stable, `error.message` is for humans."),
        tags = {
                @Tag(name = "Shares", description = "a monitor's share links"),
                @Tag(name = "Internal", description = "calls from the core and from operators of this service") },
        components = @Components(
                securitySchemes = {
                        @SecurityScheme(securitySchemeName = "operatorJwt", type = SecuritySchemeType.HTTP,
                                scheme = "bearer", bearerFormat = "JWT",
                                description = "JWT of the core's issuer carrying `org_id` and a `scope` of "
                                        + "`targets:write` or `full_access`. Without a valid token: 401 "
                                        + "UNAUTHORIZED; without either scope: 403 INSUFFICIENT_SCOPE."),
                        @SecurityScheme(securitySchemeName = "internalToken", type = SecuritySchemeType.HTTP,
                                scheme = "bearer",
                                description = "the static `SHARES_INTERNAL_TOKEN`; when it is not configured the "
                                        + "internal endpoints answer 404 like any unknown path") },
                responses = {
                        @APIResponse(name = "BadRequest", responseCode = "400",
                                description = "invalid input: INVALID_JSON (body is not JSON), SHARE_LABEL_INVALID, "
                                        + "INVALID_EXPIRY, INVALID_QUERY, BAD_REQUEST",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class),
                                        examples = @ExampleObject(name = "label", value = "{\"error\":{\"code\":"
                                                + "\"SHARE_LABEL_INVALID\",\"message\":\"label must be at most 80 "
                                                + "characters\",\"field\":\"label\",\"details\":null,"
                                                + "\"trace_id\":null}}"))),
                        @APIResponse(name = "Unauthorized", responseCode = "401",
                                description = "UNAUTHORIZED: missing, malformed, expired or foreign bearer token",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class),
                                        examples = @ExampleObject(name = "unauthorized", value = "{\"error\":"
                                                + "{\"code\":\"UNAUTHORIZED\",\"message\":\"a valid bearer token is "
                                                + "required\",\"field\":null,\"details\":null,\"trace_id\":null}}"))),
                        @APIResponse(name = "Forbidden", responseCode = "403",
                                description = "INSUFFICIENT_SCOPE: the token has neither `targets:write` nor "
                                        + "`full_access`",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class))),
                        @APIResponse(name = "NotFound", responseCode = "404",
                                description = "TARGET_NOT_FOUND (no such monitor in the caller's org, or a "
                                        + "malformed id), SHARE_NOT_FOUND, NOT_FOUND (no such endpoint)",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class),
                                        examples = @ExampleObject(name = "target", value = "{\"error\":{\"code\":"
                                                + "\"TARGET_NOT_FOUND\",\"message\":\"no such monitor\",\"field\":"
                                                + "null,\"details\":null,\"trace_id\":null}}"))),
                        @APIResponse(name = "MethodNotAllowed", responseCode = "405",
                                description = "METHOD_NOT_ALLOWED",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class))),
                        @APIResponse(name = "NotAcceptable", responseCode = "406",
                                description = "NOT_ACCEPTABLE: the Accept header excludes application/json",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class))),
                        @APIResponse(name = "UnsupportedMediaType", responseCode = "415",
                                description = "INVALID_CONTENT_TYPE: the body must be application/json",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class))),
                        @APIResponse(name = "Unprocessable", responseCode = "422",
                                description = "INVALID_JSON: an unknown key (named in `field`); QUOTA_EXCEEDED: the "
                                        + "plan's cap of live links per monitor is reached",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class))),
                        @APIResponse(name = "UnknownField", responseCode = "422",
                                description = "INVALID_JSON: the body has a key this call does not know (named in "
                                        + "`field`)",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class),
                                        examples = @ExampleObject(name = "unknown", value = "{\"error\":{\"code\":"
                                                + "\"INVALID_JSON\",\"message\":\"unknown field `colour`\","
                                                + "\"field\":\"colour\",\"details\":null,\"trace_id\":null}}"))),
                        @APIResponse(name = "InvalidQuery", responseCode = "400",
                                description = "INVALID_QUERY: a query parameter is malformed or out of range (named "
                                        + "in `field`)",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class),
                                        examples = @ExampleObject(name = "limit", value = "{\"error\":{\"code\":"
                                                + "\"INVALID_QUERY\",\"message\":\"limit must be an integer from 1 "
                                                + "to 200\",\"field\":\"limit\",\"details\":null,"
                                                + "\"trace_id\":null}}"))),
                        @APIResponse(name = "CoreRejected", responseCode = "502",
                                description = "CORE_REJECTED: the core refused this service's request (its "
                                        + "credentials or a call it does not accept); not retried, ours to fix",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class))),
                        @APIResponse(name = "Internal", responseCode = "500", description = "INTERNAL",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class))),
                        @APIResponse(name = "Unavailable", responseCode = "503",
                                description = "CORE_UNAVAILABLE (the core cannot be reached or answers 5xx) or "
                                        + "SERVICE_UNAVAILABLE (the database is down); retry later",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ErrorEnvelope.class))) }))
package io.uptimepage.shares.openapi;

import io.uptimepage.shares.error.ErrorEnvelope;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

