package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Callers;
import io.uptimepage.shares.config.SharesConfig;
import io.uptimepage.shares.error.ApiException;
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

import java.net.URI;
import java.util.List;

/** Operator API for one monitor's share links (DESIGN §2). Thin: rules live in {@link ShareService}. */
@Path("/api/v1/targets/{targetId}/shares")
@RolesAllowed({ Callers.TARGETS_WRITE, Callers.FULL_ACCESS })
@Produces(MediaType.APPLICATION_JSON)
public class ShareResource {

    private final ShareService service;
    private final ShareEditService edits;
    private final Callers callers;
    private final SharesConfig config;

    public ShareResource(ShareService service, ShareEditService edits, Callers callers, SharesConfig config) {
        this.service = service;
        this.edits = edits;
        this.callers = callers;
        this.config = config;
    }

    /** Mint a link: 201 with the share (token included) and its Location. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> mint(@PathParam("targetId") String targetId, NewShareRequest body, @Context UriInfo uri) {
        return service.mint(callers.current(), targetId, body, baseUrl(uri))
                .map(share -> Response.created(URI.create("/api/v1/targets/" + share.targetId() + "/shares/" + share.id()))
                        .entity(share).build());
    }

    /** The monitor's live links, newest first, each re-copyable; {@code ?state=all} adds expired and revoked ones. */
    @GET
    public Uni<List<ShareResponse>> list(@PathParam("targetId") String targetId, @QueryParam("state") String state,
            @Context UriInfo uri) {
        if (state != null && !state.equals("all") && !state.equals("active")) {
            return Uni.createFrom().failure(ApiException.badRequest("INVALID_QUERY", "state must be `active` or `all`", "state"));
        }
        return service.list(callers.current(), targetId, "all".equals(state), baseUrl(uri));
    }

    /** Revoke now: 204. */
    @DELETE
    @Path("{shareId}")
    public Uni<Response> revoke(@PathParam("targetId") String targetId, @PathParam("shareId") String shareId) {
        return service.revoke(callers.current(), targetId, shareId).replaceWith(Response.noContent().build());
    }

    /** Edit label, expiry, pause and embed origins: 200 with the share. Revoked, missing or foreign → 404. */
    @PATCH
    @Path("{shareId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a link: label, expires_at (null removes it), paused, embed_origins")
    @RequestBody(content = @Content(schema = @Schema(implementation = ShareEditRequestDoc.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShareResponse.class)))
    @APIResponse(responseCode = "400", description = "SHARE_LABEL_INVALID, INVALID_EXPIRY (details.max_ttl_seconds), "
            + "INVALID_EMBED_ORIGINS, INVALID_JSON (paused not a boolean)")
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED")
    @APIResponse(responseCode = "403", description = "INSUFFICIENT_SCOPE")
    @APIResponse(responseCode = "404", description = "SHARE_NOT_FOUND (missing, revoked, other monitor, other org)")
    @APIResponse(responseCode = "422", description = "INVALID_JSON (unknown field)")
    public Uni<ShareResponse> edit(@PathParam("targetId") String targetId, @PathParam("shareId") String shareId,
            ShareEditRequest body, @Context UriInfo uri) {
        return edits.edit(callers.current(), targetId, shareId, body, baseUrl(uri));
    }

    private String baseUrl(UriInfo uri) {
        return baseUrl(config, uri);
    }

    /** SHARES_PUBLIC_BASE_URL when set, else the origin the caller used. */
    static String baseUrl(SharesConfig config, UriInfo uri) {
        return config.publicBaseUrl().filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", ""))
                .orElseGet(() -> {
                    URI base = uri.getBaseUri();
                    return base.getScheme() + "://" + base.getRawAuthority();
                });
    }
}
