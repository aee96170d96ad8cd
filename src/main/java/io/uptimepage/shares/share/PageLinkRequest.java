package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Body of {@code POST /internal/v1/targets/{id}/shares}: {@code {"org": slug, "page": {"name","slug"}, "label"?}}. */
public class PageLinkRequest {

    @JsonProperty("org")
    public JsonNode org;

    @JsonProperty("page")
    public JsonNode page;

    @JsonProperty("label")
    public JsonNode label;

    final List<String> unknownKeys = new ArrayList<>();

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        unknownKeys.add(key);
    }
}
