package io.uptimepage.shares.view;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Headers on every {@code /m/{token}…} response, the 404 included (DESIGN §3): nothing is cached or indexed, the
 * token never leaves through Referer, and the strict CSP forbids inline script. Assets under {@code /m/_/} are the
 * exception: versioned URLs with long-lived immutable caching.
 * <p>
 * Framing (DESIGN §12): a successful (2xx) answer for a link whose {@code embed_origins} lists origins carries
 * {@code frame-ancestors <those origins>} and no {@code X-Frame-Options}; {@link ShareResolver} leaves them on the
 * request ({@link #allowFraming}) once the link resolved. Every other answer, the 404 and every error among them,
 * keeps {@code frame-ancestors 'none'} and {@code X-Frame-Options: DENY}, so a dead link looks like any bad token.
 */
public class PublicHeadersFilter {

    /** The strict policy without its {@code frame-ancestors} directive. */
    private static final String CSP_BASE = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors ";
    public static final String CSP = CSP_BASE + "'none'";

    /** Where a resolved link's frame-ancestors source list waits for this filter (the request's routing context). */
    private static final String FRAME_ANCESTORS = PublicHeadersFilter.class.getName() + ".frame-ancestors";
    /**
     * What may go into the header: an exact origin as {@code EmbedOrigins} writes it. The database only checks
     * {@code https://[^ /]+}; this keeps a {@code ;} or a quote in a stored value from ever adding a directive.
     */
    private static final Pattern ORIGIN = Pattern.compile("https://[a-z0-9](?:[a-z0-9.-]{0,252})(?::[0-9]{1,5})?");

    private final CurrentVertxRequest current;

    public PublicHeadersFilter(CurrentVertxRequest current) {
        this.current = current;
    }

    /**
     * Lets the current request's successful answer be framed by {@code origins} (the resolved link's embed origins);
     * nothing happens when there are none, or outside a request.
     */
    static void allowFraming(RoutingContext request, List<String> origins) {
        if (request == null || origins.isEmpty()) {
            return; // most links: nothing to build on the hot path
        }
        String sources = origins.stream().filter(o -> ORIGIN.matcher(o).matches()).collect(Collectors.joining(" "));
        if (request != null && !sources.isEmpty()) {
            request.put(FRAME_ANCESTORS, sources);
        }
    }

    /**
     * The current request's routing context, or null outside one: RESTEasy's request (CDI request context), else the
     * request {@link PublicRoutes} is serving on this Vert.x context.
     */
    static RoutingContext currentRequest(CurrentVertxRequest current) {
        return Arc.container().requestContext().isActive() ? current.getCurrent() : PublicRoutes.servedHere();
    }

    /** The frame-ancestors sources {@link #allowFraming} left on {@code request}, or null. */
    static String frameAncestors(RoutingContext request) {
        return request == null ? null : request.get(FRAME_ANCESTORS);
    }

    /**
     * The headers of a token route's answer ({@code /m/{token}…}, not an asset): {@code put} receives each, and
     * {@code ancestors} (null: no framing) is used only for a 2xx. The one list both this filter and
     * {@link PublicRoutes} write.
     */
    static void tokenRouteHeaders(int status, String ancestors, BiConsumer<String, String> put) {
        put.accept("X-Content-Type-Options", "nosniff");
        put.accept("Referrer-Policy", "no-referrer");
        put.accept("Cache-Control", "no-store");
        put.accept("X-Robots-Tag", "noindex, nofollow");
        if (ancestors == null || status / 100 != 2) {
            put.accept("Content-Security-Policy", CSP);
            put.accept("X-Frame-Options", "DENY");
        } else {
            put.accept("Content-Security-Policy", CSP_BASE + ancestors);
        }
    }

    @ServerResponseFilter
    public void addHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/m/")) {
            return;
        }
        MultivaluedMap<String, Object> h = response.getHeaders();
        // Only the current version is immutable: during a rolling deploy an old page may ask a new pod for its
        // old version, and the new bytes must not be cached forever under that URL.
        if (path.startsWith("/m/_/" + Assets.VERSION + "/") && response.getStatus() == 200) {
            h.putSingle("X-Content-Type-Options", "nosniff");
            h.putSingle("Referrer-Policy", "no-referrer");
            h.putSingle("Cache-Control", "public, max-age=31536000, immutable");
            return;
        }
        h.remove("X-Frame-Options");
        tokenRouteHeaders(response.getStatus(), frameAncestors(currentRequest(current)), h::putSingle);
    }
}
