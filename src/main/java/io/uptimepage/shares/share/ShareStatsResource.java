package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Callers;
import io.uptimepage.shares.openapi.ApiDefinition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import static io.uptimepage.shares.openapi.ApiDefinition.SHARE_ID;
import static io.uptimepage.shares.openapi.ApiDefinition.TARGET_ID;

/** {@code GET /api/v1/targets/{id}/shares/{shareId}/stats?days=}: a link's per-day views, viewers and bot fetches. */
@Path("/api/v1/targets/{targetId}/shares/{shareId}/stats")
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
public class ShareStatsResource {

    private final ShareStatsService service;
    private final Callers callers;

    public ShareStatsResource(ShareStatsService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @GET
    @Operation(operationId = "shareStats", summary = "Per-UTC-day views, unique viewers and link-preview bot views "
            + "of one link (revoked ones too), oldest first, zero-filled")
    @APIResponse(responseCode = "200", description = "one entry per day, the last one today (UTC)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ShareStats.class)))
    @APIResponse(responseCode = "400", ref = "InvalidQuery")
    public Uni<ShareStats> stats(
            @PathParam("targetId") @Parameter(description = TARGET_ID, schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) String targetId,
            @PathParam("shareId") @Parameter(description = SHARE_ID, schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) String shareId,
            @Parameter(description = "how many days, default 30", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "90")) @QueryParam("days") String days) {
        return service.stats(callers.current(), targetId, shareId, days);
    }
}
