package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.InternalBearer;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

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
public class InternalResource {

    private final ShareService shares;
    private final ResealService reseal;
    private final InternalBearer bearer;

    public InternalResource(ShareService shares, ResealService reseal, InternalBearer bearer) {
        this.shares = shares;
        this.reseal = reseal;
        this.bearer = bearer;
    }

    /** The core deleted a monitor: revoke every link to it (reason {@code target_deleted}). */
    @POST
    @Path("targets/{id}/deleted")
    public Uni<Map<String, Object>> targetDeleted(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
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
    public Uni<ResealService.Report> reseal(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authorize(authorization);
        return reseal.resealAll();
    }

    private void authorize(String authorization) {
        bearer.check(authorization);
    }
}
