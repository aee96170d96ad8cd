package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of the org-wide list: {@code {"items":[share…],"next_cursor":string|null}}. */
@Schema(name = "SharePage", requiredProperties = { "items", "next_cursor" }, additionalProperties = Schema.False.class)
public record SharePage(List<ShareResponse> items,
        @JsonProperty("next_cursor") @Schema(nullable = true, description = "pass as `cursor` for the next page; "
                + "null on the last page") String nextCursor) {
}
