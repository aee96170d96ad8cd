package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Callers;
import io.uptimepage.shares.error.ApiException;
import io.uptimepage.shares.error.ErrorEnvelope;
import io.uptimepage.shares.openapi.ApiDefinition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

import static io.uptimepage.shares.openapi.ApiDefinition.SHARE_ID;
import static io.uptimepage.shares.openapi.ApiDefinition.TARGET_ID;

/** Operator API for one monitor's share links (DESIGN §2). Thin: rules live in {@link ShareService}. */
@Path("/api/v1/targets/{targetId}/shares")
@RolesAllowed({ Callers.TARGETS_WRITE, Callers.FULL_ACCESS })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shares")
@SecurityRequirement(name = ApiDefinition.OPERATOR, scopes = { Callers.TARGETS_WRITE, Callers.FULL_ACCESS })
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "405", ref = "MethodNotAllowed")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
@APIResponse(responseCode = "500", ref = "Internal")
@APIResponse(responseCode = "503", ref = "Unavailable")
public class ShareResource {

    private final ShareService service;
    private final ShareEditService edits;
    private final Callers callers;
    private final ShareConfig config;

    public ShareResource(ShareService service, ShareEditService edits, Callers callers, ShareConfig config) {
        this.service = service;
        this.edits = edits;
        this.callers = callers;
        this.config = config;
    }

    /** Mint a link: 201 with the share (token included) and its Location. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mintShare", summary = "Mint a share link for a monitor")
    @RequestBody(required = false, description = "an empty body mints an unlabelled link without expiry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NewShareRequest.class)))
    @APIResponse(responseCode = "201", description = "the new share, its token included",
            headers = @Header(name = "Location", description = "the share's URL in this API",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ShareResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "502", ref = "CoreRejected")
    public Uni<Response> mint(
            @PathParam("targetId") @Parameter(description = TARGET_ID, schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) String targetId, NewShareRequest body, @Context UriInfo uri) {
        return service.mint(callers.current(), targetId, body, baseUrl(uri))
                .map(share -> Response.created(URI.create("/api/v1/targets/" + share.targetId() + "/shares/" + share.id()))
                        .entity(share).build());
    }

    /** The monitor's live links, newest first, each re-copyable; {@code ?state=all} adds expired and revoked ones. */
    @GET
    @Operation(operationId = "listShares", summary = "A monitor's share links, newest first")
    @APIResponse(responseCode = "200", description = "the links; tokens included for re-copy",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ShareResponse.class)))
    @APIResponse(responseCode = "400", ref = "InvalidQuery")
    @APIResponse(responseCode = "502", ref = "CoreRejected")
    public Uni<List<ShareResponse>> list(
            @PathParam("targetId") @Parameter(description = TARGET_ID, schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) String targetId,
            @QueryParam("state") @Parameter(description = "`active` (default): live links only; `all`: also "
                    + "expired and revoked ones", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "active", "all" })) String state,
            @Context UriInfo uri) {
        if (state != null && !state.equals("all") && !state.equals("active")) {
            return Uni.createFrom().failure(ApiException.badRequest("INVALID_QUERY", "state must be `active` or `all`", "state"));
        }
        return service.list(callers.current(), targetId, "all".equals(state), baseUrl(uri));
    }

    /** Revoke now: 204. */
    @DELETE
    @Path("{shareId}")
    @Operation(operationId = "revokeShare", summary = "Revoke a share link now")
    @APIResponse(responseCode = "204", description = "revoked; its public URL answers 404 from now on")
    public Uni<Response> revoke(
            @PathParam("targetId") @Parameter(description = TARGET_ID, schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) String targetId,
            @PathParam("shareId") @Parameter(description = SHARE_ID, schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) String shareId) {
        return service.revoke(callers.current(), targetId, shareId).replaceWith(Response.noContent().build());
    }

    /** Edit label, expiry, pause and embed origins: 200 with the share. Revoked, missing or foreign → 404. */
    @PATCH
    @Path("{shareId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "editShare",
            summary = "Edit a link: label, expires_at (null removes it), paused, embed_origins")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ShareEditRequestDoc.class)))
    @APIResponse(responseCode = "200", description = "the link as edited",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ShareResponse.class)))
    @APIResponse(responseCode = "400", description = "SHARE_LABEL_INVALID, INVALID_EXPIRY (details.max_ttl_seconds), "
            + "INVALID_EMBED_ORIGINS, INVALID_JSON (not JSON, or paused not a boolean)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "UnknownField")
    public Uni<ShareResponse> edit(
            @PathParam("targetId") @Parameter(description = TARGET_ID, schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) String targetId,
            @PathParam("shareId") @Parameter(description = SHARE_ID, schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) String shareId,
            ShareEditRequest body, @Context UriInfo uri) {
        return edits.edit(callers.current(), targetId, shareId, body, baseUrl(uri));
    }

    private String baseUrl(UriInfo uri) {
        return baseUrl(config, uri);
    }

    /** SHARES_PUBLIC_BASE_URL when set, else the origin the caller used. */
    static String baseUrl(ShareConfig config, UriInfo uri) {
        return config.publicBaseUrl().filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", ""))
                .orElseGet(() -> {
                    URI base = uri.getBaseUri();
                    return base.getScheme() + "://" + base.getRawAuthority();
                });
    }
}
