package io.uptimepage.shares.view;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.error.PublicFailure;
import io.uptimepage.shares.view.PublicJson.PublicResults;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The anonymous, token-scoped surface (DESIGN §3) but for its two hottest routes, the monitor tab and its live region,
 * which {@link PublicRoutes} serves without JAX-RS. Thin: the pages and regions are {@link PublicViewService}'s shared
 * rendered bytes (gzip when the client accepts it), the JSON twins {@link PublicJson}'s; headers come from
 * {@link PublicHeadersFilter}; every failure (bad token, bad window, unknown sub-path) is rendered by the one error
 * mapper as a small constant HTML page.
 *
 * <p>Query parameters are taken as strings and parsed by the service, so a malformed value is a 400 page rather
 * than JAX-RS's default 404 for unconvertible parameters.
 */
@Path("/m/{token}")
@PermitAll
public class PublicViewResource {

    private static final MediaType SVG = MediaType.valueOf("image/svg+xml");

    private final PublicViewService pages;
    private final PublicJson json;

    public PublicViewResource(PublicViewService pages, PublicJson json) {
        this.pages = pages;
        this.json = json;
    }

    /** The incidents tab; counts a view. */
    @GET
    @Path("incidents")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> incidents(@PathParam("token") String token, @QueryParam("range") String range,
            @QueryParam("view") String view, @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings,
            @Context HttpServerRequest request) {
        return pages.incidentsPage(token, range, view, Viewer.of(request))
                .map(b -> b.ok(PublicResponses.HTML, encodings));
    }

    /** The incidents region the incidents tab polls; never counts a view. */
    @GET
    @Path("incidents/live")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> incidentsLive(@PathParam("token") String token, @QueryParam("range") String range,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings) {
        return pages.incidentsHtml(token, range).map(b -> b.ok(PublicResponses.HTML, encodings));
    }

    /** A status + 24 h uptime badge for READMEs; never counts a view. */
    @GET
    @Path("badge.svg")
    @Produces("image/svg+xml")
    public Uni<Response> badge(@PathParam("token") String token,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings) {
        return pages.badge(token).map(b -> b.ok(SVG, encodings));
    }

    /** Chart data: {@code ?range=} (shared cache) or {@code ?from&to} (RFC 3339, read through). */
    @GET
    @Path("latency")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<LatencySeries> latency(@PathParam("token") String token, @QueryParam("range") String range,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return json.latency(token, range, from, to);
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
        return json.results(token, range, from, to, limit, offset);
    }

    /** Any other path under a token: the same 404 as a bad token, without even looking the token up. */
    @GET
    @Path("{rest: .+}")
    public Response unknown() {
        throw PublicFailure.NOT_FOUND;
    }
}
