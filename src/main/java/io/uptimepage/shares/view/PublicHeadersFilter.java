package io.uptimepage.shares.view;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers on every {@code /m/{token}…} response, the 404 included (DESIGN §3): nothing is cached or indexed, the
 * token never leaves through Referer, and the strict CSP forbids inline script. Assets under {@code /m/_/} are the
 * exception: versioned URLs with long-lived immutable caching.
 */
public class PublicHeadersFilter {

    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void addHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/m/")) {
            return;
        }
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "no-referrer");
        // Only the current version is immutable: during a rolling deploy an old page may ask a new pod for its
        // old version, and the new bytes must not be cached forever under that URL.
        if (path.startsWith("/m/_/" + Assets.VERSION + "/") && response.getStatus() == 200) {
            h.putSingle("Cache-Control", "public, max-age=31536000, immutable");
            return;
        }
        h.putSingle("Cache-Control", "no-store");
        h.putSingle("X-Robots-Tag", "noindex, nofollow");
        h.putSingle("Content-Security-Policy", CSP);
        h.putSingle("X-Frame-Options", "DENY");
    }
}
