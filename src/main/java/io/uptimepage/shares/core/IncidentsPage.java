package io.uptimepage.shares.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The core's {@code PageEnvelope<Incident>}, newest first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentsPage(List<Incident> items, int limit, int offset, @JsonProperty("has_more") boolean hasMore) {
}
