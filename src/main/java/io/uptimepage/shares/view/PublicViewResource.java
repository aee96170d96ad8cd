package io.uptimepage.shares.view;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.error.PublicFailure;
import io.uptimepage.shares.view.PublicViewService.PublicResults;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The anonymous, token-scoped surface (DESIGN §3). Thin: resolution, data and rules live in
 * {@link PublicViewService}; headers come from {@link PublicHeadersFilter}; every failure (bad token, bad window,
 * unknown sub-path) is rendered by the one error mapper as a small constant HTML page.
 *
 * <p>Query parameters are taken as strings and parsed by the service, so a malformed value is a 400 page rather
 * than JAX-RS's default 404 for unconvertible parameters.
 */
@Path("/m/{token}")
@PermitAll
public class PublicViewResource {

    private final PublicViewService service;

    public PublicViewResource(PublicViewService service) {
        this.service = service;
    }

    /** The monitor tab; counts a view. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> monitor(@PathParam("token") String token, @QueryParam("range") String range) {
        return service.monitorPage(token, range)
                .flatMap(p -> html(ShareTemplates.monitor(p.chrome(), p.header(), p.live())));
    }

    /** The incidents tab; counts a view. */
    @GET
    @Path("incidents")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> incidents(@PathParam("token") String token, @QueryParam("range") String range) {
        return service.incidentsPage(token, range)
                .flatMap(p -> html(ShareTemplates.incidents(p.chrome(), p.header(), p.status(), p.incidents())));
    }

    /** The live region the page polls; never counts a view. */
    @GET
    @Path("live")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> live(@PathParam("token") String token, @QueryParam("range") String range) {
        return service.liveHtml(token, range).map(body -> Response.ok(body, PublicResponses.HTML).build());
    }

    /** Chart data: {@code ?range=} (shared cache) or {@code ?from&to} (RFC 3339, read through). */
    @GET
    @Path("latency")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<LatencySeries> latency(@PathParam("token") String token, @QueryParam("range") String range,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return service.latency(token, range, from, to);
    }

    /**
     * Check results, newest first: {@code {items:[{timestamp,status,duration_ms,response_code?,error?}], has_more}}.
     * {@code ?range=} or nothing (shared cache, stale fallback) or {@code ?from&to} (read through, budgeted).
     */
    @GET
    @Path("results")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PublicResults> results(@PathParam("token") String token, @QueryParam("range") String range,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        return service.results(token, range, from, to, limit, offset);
    }

    /** Any other path under a token: the same 404 as a bad token, without even looking the token up. */
    @GET
    @Path("{rest: .+}")
    public Response unknown() {
        throw PublicFailure.NOT_FOUND;
    }

    private static Uni<Response> html(TemplateInstance page) {
        return page.createUni().map(body -> Response.ok(body, PublicResponses.HTML).build());
    }
}
