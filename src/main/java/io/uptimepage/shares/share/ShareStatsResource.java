package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Callers;
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

/** {@code GET /api/v1/targets/{id}/shares/{shareId}/stats?days=}: a link's per-day views, viewers and bot fetches. */
@Path("/api/v1/targets/{targetId}/shares/{shareId}/stats")
@RolesAllowed({ Callers.TARGETS_WRITE, Callers.FULL_ACCESS })
@Produces(MediaType.APPLICATION_JSON)
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
    @APIResponse(responseCode = "400", description = "INVALID_QUERY (days not an integer from 1 to 90)")
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED")
    @APIResponse(responseCode = "403", description = "INSUFFICIENT_SCOPE")
    @APIResponse(responseCode = "404", description = "SHARE_NOT_FOUND (missing, other monitor, other org)")
    public Uni<ShareStats> stats(@PathParam("targetId") String targetId, @PathParam("shareId") String shareId,
            @Parameter(description = "1–90, default 30") @QueryParam("days") String days) {
        return service.stats(callers.current(), targetId, shareId, days);
    }
}
