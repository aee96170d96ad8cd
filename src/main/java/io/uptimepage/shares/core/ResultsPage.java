package io.uptimepage.shares.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The core's {@code PageEnvelope<CheckResult>}: newest first, no total. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultsPage(List<CheckResult> items, int limit, int offset, @JsonProperty("has_more") boolean hasMore) {
}
