package io.uptimepage.shares.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;

/** A confirmed incident; ongoing while {@code ended_at} is null. Internal titles are not in this projection. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Incident(
        String id,
        @JsonProperty("started_at") OffsetDateTime startedAt,
        @JsonProperty("ended_at") OffsetDateTime endedAt,
        String status,
        @JsonProperty("duration_secs") Long durationSecs,
        @JsonProperty("check_count") long checkCount,
        @JsonProperty("error_sample") String errorSample,
        String severity,
        @JsonProperty("counts_as_downtime") boolean countsAsDowntime,
        @JsonProperty("regions_down") List<String> regionsDown,
        @JsonProperty("regions_up") List<String> regionsUp) {

    public boolean ongoing() {
        return endedAt == null;
    }
}
