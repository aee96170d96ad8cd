package io.uptimepage.shares.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Uptime over a window; {@code uptime_pct} is null for an empty window ("no data", not zero). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UptimeStats(long total, long up, long down, long degraded, long error,
        @JsonProperty("uptime_pct") Double uptimePct) {
}
