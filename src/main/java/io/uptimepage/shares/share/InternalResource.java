package io.uptimepage.shares.share;

import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.config.SharesConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Calls from the core and from operators of this service, behind a static bearer ({@code SHARES_INTERNAL_TOKEN}).
 * Without that token configured these endpoints do not exist (404, like any unknown path). Not routed by the ingress.
 */
@Path("/internal/v1")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class InternalResource {

    private final ShareService shares;
    private final ResealService reseal;
    private final Optional<byte[]> token;

    public InternalResource(ShareService shares, ResealService reseal, SharesConfig config) {
        this.shares = shares;
        this.reseal = reseal;
        this.token = config.internalToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
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
        byte[] expected = token.orElseThrow(NotFoundException::new);
        byte[] given = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(expected, given)) {
            throw new UnauthorizedException();
        }
    }
}
