package io.uptimepage.shares.contract;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The committed contract, {@code docs/openapi.yaml}, as a validator of real answers: for a (method, path, status,
 * body) it says what the spec does not allow — an undocumented operation or status, a JSON body that does not match
 * the declared schema (JSON Schema 2020-12, which OpenAPI 3.1 schemas are, with format assertions on so a
 * {@code uuid} or {@code date-time} must be one).
 */
public final class OpenApiContract {

    public static final Path SPEC = Path.of("docs/openapi.yaml");

    private static volatile OpenApiContract committed;

    private final JsonNode spec;
    private final List<Route> routes = new ArrayList<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true).build()));
    private final Map<JsonNode, Schema> schemas = new ConcurrentHashMap<>();

    private record Route(Pattern pattern, String template) {
    }

    OpenApiContract(JsonNode spec) {
        this.spec = spec;
        for (Iterator<String> it = spec.path("paths").propertyNames().iterator(); it.hasNext(); ) {
            String template = it.next();
            String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            routes.add(new Route(Pattern.compile(regex), template));
        }
    }

    /** The committed spec, read once per class loader. */
    public static OpenApiContract committed() {
        if (committed == null) {
            synchronized (OpenApiContract.class) {
                if (committed == null) {
                    try {
                        committed = new OpenApiContract(new YAMLMapper().readTree(Files.readString(SPEC)));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("cannot read " + SPEC, e);
                    }
                }
            }
        }
        return committed;
    }

    public static OpenApiContract of(String yaml) {
        return new OpenApiContract(new YAMLMapper().readTree(yaml));
    }

    /** What the spec does not allow about this answer; empty when it conforms. */
    public List<String> violations(String method, String path, int status, String contentType, String body) {
        String what = method + " " + path + " → " + status;
        String template = routes.stream().filter(r -> r.pattern().matcher(path).matches())
                // the most specific template wins: fewest parameters, e.g. /shares/revoke over /shares/{id}
                .min((a, b) -> Integer.compare(params(a.template()), params(b.template())))
                .map(Route::template).orElse(null);
        if (template == null) {
            return undocumented(what, "path not in the spec", status, contentType, body);
        }
        JsonNode operation = spec.path("paths").path(template).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            return undocumented(what, method + " " + template + " not in the spec", status, contentType, body);
        }
        JsonNode response = operation.path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            response = operation.path("responses").path("default");
        }
        if (response.isMissingNode()) {
            return List.of(what + ": status not documented for " + method + " " + template);
        }
        response = deref(response);
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.isEmpty() ? List.of() : List.of(what + ": a body where the spec declares none");
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            return List.of(what + ": content type '" + mediaType + "' not declared (declared: " + names(content) + ")");
        }
        JsonNode schemaNode = media.path("schema");
        if (schemaNode.isMissingNode() || !mediaType.endsWith("json")) {
            return List.of();
        }
        return validate(what, schemaNode, body);
    }

    /**
     * An operation the spec does not list may only be refused: 404 (no such path) or 405 (no such method), with the
     * shared {@code ErrorEnvelope} body every API error carries.
     */
    private List<String> undocumented(String what, String why, int status, String contentType, String body) {
        if (status != 404 && status != 405) {
            return List.of(what + ": " + why);
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
        if (!mediaType.equals("application/json")) {
            return List.of(what + ": " + why + ", and the refusal is not an application/json ErrorEnvelope");
        }
        return validate(what, JSON.createObjectNode().put("$ref", "#/components/schemas/ErrorEnvelope"), body);
    }

    private List<String> validate(String what, JsonNode schemaNode, String body) {
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (RuntimeException e) {
            return List.of(what + ": body is not JSON");
        }
        List<String> out = new ArrayList<>();
        schemas.computeIfAbsent(schemaNode, this::compile).validate(instance)
                .forEach(error -> out.add(what + ": " + error.getInstanceLocation() + " " + error.getMessage()));
        return out;
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A schema document holding the response schema and the spec's components, so {@code #/components/…} resolves. */
    private Schema compile(JsonNode responseSchema) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        doc.set("components", spec.path("components"));
        doc.set("allOf", JSON.createArrayNode().add(responseSchema));
        return registry.getSchema(SchemaLocation.of("urn:share-links:openapi"), doc);
    }

    private JsonNode deref(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (!ref.isString()) {
            return node;
        }
        return spec.at(ref.asString().substring(1));
    }

    private static int params(String template) {
        return template.split("\\{", -1).length - 1;
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return String.join(", ", names);
    }
}
