package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/** Body of {@code POST /internal/v1/targets/{id}/shares}: {@code {"org": slug, "page": {"name","slug"}, "label"?}}. */
@Schema(name = "PageLinkRequest", requiredProperties = { "org", "page" }, additionalProperties = Schema.False.class)
public class PageLinkRequest {

    @JsonProperty("org")
    @Schema(implementation = String.class, description = "the org slug the page and the monitor belong to")
    public JsonNode org;

    @JsonProperty("page")
    @Schema(implementation = Share.PageRef.class, description = "the status page asking: `{name, slug}`")
    public JsonNode page;

    @JsonProperty("label")
    @Schema(implementation = String.class, nullable = true, maxLength = 80,
            description = "used only when a new link is minted")
    public JsonNode label;

    @Schema(hidden = true)
    final List<String> unknownKeys = new ArrayList<>();

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        unknownKeys.add(key);
    }
}
