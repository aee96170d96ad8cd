package io.uptimepage.shares.share;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code POST /internal/v1/import} in the OpenAPI document. {@link ImportRoute} is a plain Vert.x route (so its body
 * streams past the request limit), which smallrye's annotation scan cannot see; this build-time filter adds the
 * operation and its schemas, referring to the shared answers and the {@code internalToken} scheme declared in
 * {@code openapi/package-info.java}, and keeps paths and schemas in the document's alphabetical order.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ImportRouteOpenApi implements OASFilter {

    private static final String ENVELOPE = "ErrorEnvelope";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            openAPI.paths(OASFactory.createPaths());
        }
        if (openAPI.getComponents() == null) {
            openAPI.components(OASFactory.createComponents());
        }
        openAPI.getPaths().addPathItem(ImportRoute.PATH, OASFactory.createPathItem().POST(operation()));
        openAPI.getComponents().addSchema("ImportLine", importLine()).addSchema("ImportReport", report())
                .addSchema("ImportRejection", rejection());
        openAPI.getPaths().setPathItems(sorted(openAPI.getPaths().getPathItems()));
        openAPI.getComponents().setSchemas(sorted(openAPI.getComponents().getSchemas()));
    }

    private static Operation operation() {
        return OASFactory.createOperation()
                .summary("Import the core's share links (cut-over, DESIGN §11)")
                .description("Upserts the core's `monitor_shares` rows by `id`, streamed: one JSON object per line (an "
                        + "`ImportLine`, as `row_to_json` writes a row, plus `org` and `used_by_pages`), bodies up to "
                        + "1 GiB, written " + ImportService.BATCH + " rows per transaction. Idempotent: a second "
                        + "identical run changes nothing. A token is never overwritten; `view_count` and "
                        + "`last_viewed_at` merge by the larger value; revocation is sticky. A bad line is rejected "
                        + "with its 1-based line number while the rest go in.")
                .operationId("importShares")
                .addTag("Internal")
                .addParameter(OASFactory.createParameter().name("dry_run").in(Parameter.In.QUERY)
                        .description("`true`: validate and count, write nothing")
                        .schema(type(SchemaType.BOOLEAN).defaultValue(false)))
                .requestBody(OASFactory.createRequestBody().required(true)
                        .description("NDJSON, one `ImportLine` object per line; blank lines are skipped; a line may "
                                + "be at most 64 KiB")
                        .content(OASFactory.createContent().addMediaType("application/x-ndjson",
                                OASFactory.createMediaType().schema(type(SchemaType.STRING).description(
                                        "newline-delimited JSON, each line an ImportLine "
                                                + "(components/schemas/ImportLine)")))))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", json("what the import did (or, in a dry run, would do)", "ImportReport"))
                        .addAPIResponse("400", json("INVALID_QUERY: `dry_run` is neither `true` nor `false`", ENVELOPE))
                        .addAPIResponse("401", shared("Unauthorized"))
                        .addAPIResponse("404", shared("NotFound"))
                        .addAPIResponse("413", json("PAYLOAD_TOO_LARGE: the body is over 1 GiB (announced by "
                                + "Content-Length, or reached while streaming, when the rows before the limit are "
                                + "already in)", ENVELOPE))
                        .addAPIResponse("415", json("INVALID_CONTENT_TYPE: the body must be application/x-ndjson",
                                ENVELOPE))
                        .addAPIResponse("503", shared("Unavailable")))
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("internalToken"));
    }

    private static Schema importLine() {
        return object("One line of the import body: a `monitor_shares` row as `row_to_json` writes it. Other keys "
                + "are ignored.", s -> s
                .addProperty("id", uuid())
                .addProperty("org", type(SchemaType.STRING).pattern("^[a-z][a-z0-9-]{2,29}$")
                        .description("the org slug (what operator JWTs carry as `org`); preferred over `org_id`"))
                .addProperty("org_id", uuid().description("taken verbatim as the org when `org` is absent"))
                .addProperty("target_id", uuid())
                .addProperty("token_hash", type(SchemaType.STRING).pattern("^[0-9a-f]{64}$")
                        .description("lowercase hex SHA-256 of the token"))
                .addProperty("token_enc", type(SchemaType.STRING).description("the token as the core stored it: a "
                        + "`v1:` envelope or plaintext (which must hash to `token_hash`)"))
                .addProperty("label", nullable(SchemaType.STRING).maxLength(80))
                .addProperty("created_by", nullable(SchemaType.STRING))
                .addProperty("created_at", type(SchemaType.STRING).format("date-time"))
                .addProperty("expires_at", nullable(SchemaType.STRING).format("date-time"))
                .addProperty("revoked_at", nullable(SchemaType.STRING).format("date-time"))
                .addProperty("view_count", count())
                .addProperty("last_viewed_at", nullable(SchemaType.STRING).format("date-time"))
                .addProperty("used_by_pages", type(SchemaType.ARRAY).items(ref("PageRef")).description(
                        "the status pages that use the link; a non-empty list makes it page-owned (exempt from the caps)"))
                .required(List.of("id", "target_id", "token_hash", "token_enc", "created_at")));
    }

    private static Schema report() {
        return object(null, s -> s.additionalPropertiesBoolean(false)
                .addProperty("dry_run", type(SchemaType.BOOLEAN))
                .addProperty("examined", count().description("every non-blank line"))
                .addProperty("imported", count().description("rows inserted (revoked and expired ones included)"))
                .addProperty("updated", count().description("stored rows the merge changed"))
                .addProperty("unchanged", count())
                .addProperty("rejected_count", count())
                .addProperty("rejected", type(SchemaType.ARRAY).maxItems(ImportReport.MAX_LISTED)
                        .description("the first " + ImportReport.MAX_LISTED + " rejected lines")
                        .items(ref("ImportRejection")))
                .required(List.of("dry_run", "examined", "imported", "updated", "unchanged", "rejected_count",
                        "rejected")));
    }

    private static Schema rejection() {
        return object(null, s -> s.additionalPropertiesBoolean(false)
                .addProperty("line", type(SchemaType.INTEGER).minimum(BigDecimal.ONE)
                        .description("1-based over all lines of the body"))
                .addProperty("id", nullable(SchemaType.STRING).format("uuid")
                        .description("the share id, when the line had a readable one"))
                .addProperty("reason", type(SchemaType.STRING).description("why; never contains a token or a label"))
                .required(List.of("line", "id", "reason")));
    }

    private static APIResponse json(String description, String schema) {
        Content content = OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(ref(schema)));
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static APIResponse shared(String name) {
        return OASFactory.createAPIResponse().ref(name);
    }

    private static Schema object(String description, Consumer<Schema> body) {
        Schema s = type(SchemaType.OBJECT);
        if (description != null) {
            s.description(description);
        }
        body.accept(s);
        return s;
    }

    private static Schema type(SchemaType type) {
        return OASFactory.createSchema().addType(type);
    }

    private static Schema nullable(SchemaType type) {
        return type(type).addType(SchemaType.NULL);
    }

    private static Schema uuid() {
        return type(SchemaType.STRING).format("uuid");
    }

    private static Schema count() {
        return type(SchemaType.INTEGER).format("int64").minimum(BigDecimal.ZERO);
    }

    private static Schema ref(String schema) {
        return OASFactory.createSchema().ref(schema);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return new LinkedHashMap<>(new TreeMap<>(map));
    }
}
