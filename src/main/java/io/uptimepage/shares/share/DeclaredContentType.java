package io.uptimepage.shares.share;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Locale;

/**
 * A body must say what it is (DESIGN §2: 415 {@code INVALID_CONTENT_TYPE}). JAX-RS treats a request without
 * {@code Content-Type} as matching any {@code @Consumes}, and a wildcard such as {@code *}{@code /*} matches too, so
 * a mint with no type was parsed as JSON and answered 201. This filter runs after matching and before the body is
 * read: a method that declares {@code @Consumes} needs a {@code Content-Type} naming one of its types exactly
 * (parameters such as {@code charset} allowed); anything else is refused with 415 by the error mapper.
 */
public class DeclaredContentType {

    @ServerRequestFilter
    public void requireDeclaredContentType(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        if (consumes == null) {
            return;
        }
        String header = request.getHeaderString("Content-Type");
        if (header == null || !declared(consumes, header)) {
            throw new NotSupportedException();
        }
    }

    private static boolean declared(Consumes consumes, String header) {
        MediaType given;
        try {
            given = MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (String value : consumes.value()) {
            for (String part : value.split(",")) {
                MediaType declared = MediaType.valueOf(part.trim());
                if (same(declared.getType(), given.getType()) && same(declared.getSubtype(), given.getSubtype())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean same(String declared, String given) {
        return declared.toLowerCase(Locale.ROOT).equals(given.toLowerCase(Locale.ROOT));
    }
}
