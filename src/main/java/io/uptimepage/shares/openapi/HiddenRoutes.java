package io.uptimepage.shares.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.util.List;

/**
 * Keeps routes that are no API out of the published document (registered as {@code mp.openapi.filter}): the
 * versioned static assets, the public catch-all that answers the uniform 404, and the built-in demo core.
 */
public class HiddenRoutes implements OASFilter {

    static final List<String> HIDDEN_PREFIXES = List.of("/m/_/", "/m/{token}/{rest}", "/demo-core/");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        List.copyOf(openAPI.getPaths().getPathItems().keySet()).stream()
                .filter(path -> HIDDEN_PREFIXES.stream().anyMatch(path::startsWith))
                .forEach(openAPI.getPaths()::removePathItem);
    }
}
