package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Callers;
import io.uptimepage.shares.config.SharesConfig;
import io.uptimepage.shares.error.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;

/** Operator API for one monitor's share links (DESIGN §2). Thin: rules live in {@link ShareService}. */
@Path("/api/v1/targets/{targetId}/shares")
@RolesAllowed({ Callers.TARGETS_WRITE, Callers.FULL_ACCESS })
@Produces(MediaType.APPLICATION_JSON)
public class ShareResource {

    private final ShareService service;
    private final Callers callers;
    private final SharesConfig config;

    public ShareResource(ShareService service, Callers callers, SharesConfig config) {
        this.service = service;
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
