package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One page of the org-wide list: {@code {"items":[share…],"next_cursor":string|null}}. */
public record SharePage(List<ShareResponse> items, @JsonProperty("next_cursor") String nextCursor) {
}
