package io.uptimepage.shares.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;

/** One check result. The core also sends {@code org_id}/{@code target_id}; they are deliberately not mapped. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckResult(
        OffsetDateTime timestamp,
        String status,
        @JsonProperty("duration_ms") Long durationMs,
        @JsonProperty("dns_ms") Integer dnsMs,
        @JsonProperty("connect_ms") Integer connectMs,
        @JsonProperty("tls_ms") Integer tlsMs,
        @JsonProperty("ttfb_ms") Integer ttfbMs,
        @JsonProperty("response_code") Integer responseCode,
        @JsonProperty("response_size") Long responseSize,
        String error) {
}
