package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.InternalBearer;
import io.uptimepage.shares.error.ErrorEnvelope;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import io.uptimepage.shares.openapi.ApiDefinition;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/**
 * Calls from the core and from operators of this service, behind a static bearer ({@code SHARES_INTERNAL_TOKEN}).
 * Without that token configured these endpoints do not exist (404, like any unknown path; see {@link InternalBearer}).
 * Not routed by the ingress. The org limits live in {@code plan.OrgLimitsResource}.
 */
@Path("/internal/v1")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
@SecurityRequirement(name = ApiDefinition.INTERNAL)
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "405", ref = "MethodNotAllowed")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
@APIResponse(responseCode = "500", ref = "Internal")
@APIResponse(responseCode = "503", ref = "Unavailable")
public class InternalResource {

    private final ShareService shares;
    private final ResealService reseal;
    private final PageLinkService pageLinks;
    private final InternalBearer bearer;
    private final ShareConfig config;

    public InternalResource(ShareService shares, ResealService reseal, PageLinkService pageLinks, InternalBearer bearer,
            ShareConfig config) {
        this.config = config;
        this.shares = shares;
        this.reseal = reseal;
        this.pageLinks = pageLinks;
        this.bearer = bearer;
    }

    /** The core deleted a monitor: revoke every link to it (reason {@code target_deleted}). */
    @POST
    @Path("targets/{id}/deleted")
    @Operation(operationId = "targetDeleted", summary = "The core deleted a monitor: revoke its links")
    @APIResponse(responseCode = "200", description = "how many links were revoked (0 for an unknown or malformed id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    required = true, requiredProperties = "revoked", additionalProperties = Schema.False.class,
                    properties = @SchemaProperty(name = "revoked", type = SchemaType.INTEGER, minimum = "0"))))
    public Uni<Map<String, Object>> targetDeleted(
            @PathParam("id") @Parameter(description = "the core target id", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) String id,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authorize(authorization);
        UUID targetId = ShareService.uuidOrNull(id);
        if (targetId == null) {
            return Uni.createFrom().item(Map.of("revoked", 0));
        }
        return shares.revokeForDeletedTarget(targetId).map(n -> Map.of("revoked", n));
    }

    /** Re-seals every stored token under the current primary KEK, so an old key can be retired. */
    @POST
    @Path("reseal")
    @Operation(operationId = "resealTokens", summary = "Re-seal every stored token under the primary key")
    @APIResponse(responseCode = "200", description = "what was re-sealed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ResealService.Report.class)))
    public Uni<ResealService.Report> reseal(@Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authorize(authorization);
        return reseal.resealAll();
    }

    /**
     * A status page of the core asks for its detail link to a monitor (DESIGN §11): 201 with a new page-owned link, or
     * 200 with the page's existing live link to that monitor. Page-owned links are exempt from the plan caps.
     */
    @POST
    @Path("targets/{id}/shares")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mintPageLink",
            summary = "A status page's link to a monitor: the page's live one, or a new page-owned one")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PageLinkRequest.class)))
    @APIResponse(responseCode = "200", description = "the page already had a live link to this monitor: that one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ShareResponse.class)))
    @APIResponse(responseCode = "201", description = "a new page-owned link (exempt from the plan caps)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ShareResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_JSON (not JSON; org, page, page.name or page.slug "
            + "missing or malformed, named in `field`), SHARE_LABEL_INVALID",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "UnknownField")
    @APIResponse(responseCode = "502", ref = "CoreRejected")
    public Uni<RestResponse<ShareResponse>> pageLink(
            @PathParam("id") @Parameter(description = "the core target id; an unknown, held or malformed one is 404 "
                    + "TARGET_NOT_FOUND", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            PageLinkRequest body,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        authorize(authorization);
        return pageLinks.linkFor(id, body, ShareResource.baseUrl(config, uri))
                .map(r -> r.created() ? RestResponse.status(RestResponse.Status.CREATED, r.share()) : RestResponse.ok(r.share()));
    }

    private void authorize(String authorization) {
        bearer.check(authorization);
    }
}
