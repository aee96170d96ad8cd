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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/targets/{id}/shares/{shareId}/stats?days=}: a link's per-day views, viewers and bot fetches. */
@Path("/api/v1/targets/{targetId}/shares/{shareId}/stats")
@RolesAllowed({ Callers.TARGETS_WRITE, Callers.FULL_ACCESS })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shares")
@SecurityRequirement(name = ApiDefinition.OPERATOR, scopes = { Callers.TARGETS_WRITE, Callers.FULL_ACCESS })
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
    @Operation(summary = "Per-UTC-day views, unique viewers and link-preview bot views of one link, oldest first, zero-filled")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShareStats.class)))
    @APIResponse(responseCode = "400", description = "INVALID_QUERY (days not an integer from 1 to 90)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    @APIResponse(responseCode = "403", description = "INSUFFICIENT_SCOPE",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    @APIResponse(responseCode = "404", description = "SHARE_NOT_FOUND (missing, other monitor, other org)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorEnvelope")))
    public Uni<ShareStats> stats(@PathParam("targetId") String targetId, @PathParam("shareId") String shareId,
            @Parameter(description = "1–90, default 30") @QueryParam("days") String days) {
        return service.stats(callers.current(), targetId, shareId, days);
    }
}
