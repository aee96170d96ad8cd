package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Callers;
import io.uptimepage.shares.error.ErrorEnvelope;
import io.uptimepage.shares.openapi.ApiDefinition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * Org-wide operator calls (DESIGN §2 "More operator calls"): every link of the org, bulk revoke, the audit trail.
 * The org is the JWT's; nothing here can name another org. Thin: rules live in the services.
 */
@Path("/api/v1/shares")
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
public class OrgSharesResource {

    private final ShareQueryService query;
    private final BulkRevokeService bulk;
    private final AuditService audit;
    private final Callers callers;
    private final ShareConfig config;

    public OrgSharesResource(ShareQueryService query, BulkRevokeService bulk, AuditService audit, Callers callers,
            ShareConfig config) {
        this.query = query;
        this.bulk = bulk;
        this.audit = audit;
        this.callers = callers;
        this.config = config;
    }

    @GET
    @Operation(operationId = "listOrgShares",
            summary = "Every link of the org, newest first, keyset-paged; tokens only for active and paused links")
    @APIResponse(responseCode = "200", description = "one page of links",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SharePage.class)))
    @APIResponse(responseCode = "400", ref = "InvalidQuery")
    public Uni<SharePage> list(
            @Parameter(description = "only this monitor's links", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) @QueryParam("target_id") String targetId,
            @Parameter(description = "absent: every state", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "active", "paused", "expired", "revoked" })) @QueryParam("state") String state,
            @Parameter(description = "only links this member (JWT subject) minted") @QueryParam("created_by")
            String createdBy,
            @Parameter(description = "page size, default 50", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "200")) @QueryParam("limit") String limit,
            @Parameter(description = "`next_cursor` of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return query.list(callers.current(), targetId, state, createdBy, limit, cursor, ShareResource.baseUrl(config, uri));
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "bulkRevokeShares",
            summary = "Bulk revoke: one monitor's links, a member's links, or the whole org's; audited per link")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BulkRevokeRequest.class)))
    @APIResponse(responseCode = "200", description = "the links actually revoked (0 when none was live)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RevokedCount.class)))
    @APIResponse(responseCode = "400", description = "INVALID_SELECTOR (none or several selectors, malformed value, "
            + "reason too long), INVALID_JSON (not JSON)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "UnknownField")
    public Uni<Map<String, Integer>> revoke(BulkRevokeRequest body) {
        return bulk.revoke(callers.current(), body).map(n -> Map.of("revoked", n));
    }

    @GET
    @Path("audit")
    @Operation(operationId = "listAudit", summary = "The org's audit trail, newest first, keyset-paged")
    @APIResponse(responseCode = "200", description = "one page of the trail",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditEntry.Page.class)))
    @APIResponse(responseCode = "400", ref = "InvalidQuery")
    public Uni<AuditEntry.Page> audit(
            @Parameter(description = "only this monitor's entries", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) @QueryParam("target_id") String targetId,
            @Parameter(description = "only this link's entries", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) @QueryParam("share_id") String shareId,
            @Parameter(description = "page size, default 50", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "200")) @QueryParam("limit") String limit,
            @Parameter(description = "`next_cursor` of the previous page") @QueryParam("cursor") String cursor) {
        return audit.list(callers.current(), targetId, shareId, limit, cursor);
    }

    /** The documented shape of the bulk-revoke answer. */
    @Schema(name = "RevokedCount", requiredProperties = "revoked", additionalProperties = Schema.False.class)
    record RevokedCount(@Schema(minimum = "0") int revoked) {
    }
}
