package io.uptimepage.shares.plan;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.InternalBearer;
import io.uptimepage.shares.openapi.ApiDefinition;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /internal/v1/orgs/{org}/limits} (DESIGN §7): the product's admin tooling sets per-org overrides, behind the
 * internal bearer. The plan is not stored per org (operator JWTs carry it), so {@code ?plan=} names the plan the
 * effective limits are computed for (default {@code free}).
 */
@Path("/internal/v1/orgs/{org}/limits")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
@SecurityRequirement(name = ApiDefinition.INTERNAL)
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "405", ref = "MethodNotAllowed")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
@APIResponse(responseCode = "500", ref = "Internal")
@APIResponse(responseCode = "503", ref = "Unavailable")
public class OrgLimitsResource {

    private final OrgLimitsService service;
    private final InternalBearer bearer;

    public OrgLimitsResource(OrgLimitsService service, InternalBearer bearer) {
        this.service = service;
        this.bearer = bearer;
    }

    @GET
    @Operation(summary = "The org's effective limits and where each comes from (plan or override)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrgLimits.class)))
    @APIResponse(responseCode = "400", description = "INVALID_QUERY (org or plan malformed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED (internal bearer missing or wrong)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    public Uni<OrgLimits> get(@PathParam("org") String org,
            @Parameter(description = "plan id the limits are computed for; default free") @QueryParam("plan") String plan,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        bearer.check(authorization);
        return service.get(org, plan);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the org's override; answers its effective limits")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrgLimits.class)))
    @APIResponse(responseCode = "400", description = "INVALID_LIMITS (bad value, default_share_ttl above max_share_ttl), "
            + "INVALID_EXPIRY, INVALID_JSON, INVALID_QUERY",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    @APIResponse(responseCode = "415", description = "INVALID_CONTENT_TYPE (the body is not application/json)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    @APIResponse(responseCode = "422", description = "INVALID_JSON (unknown field)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    public Uni<OrgLimits> put(@PathParam("org") String org, @QueryParam("plan") String plan, OrgLimitsRequest body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        bearer.check(authorization);
        return service.put(org, plan, body);
    }

    @DELETE
    @Operation(summary = "Remove the org's override (back to the plan); answers its effective limits")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrgLimits.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    public Uni<OrgLimits> delete(@PathParam("org") String org, @QueryParam("plan") String plan,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        bearer.check(authorization);
        return service.delete(org, plan);
    }
}
