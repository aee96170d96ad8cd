package io.uptimepage.shares.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Latency rollup: {@code t} is unix ms at bucket start; {@code samples == 0} marks a gap. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LatencySeries(@JsonProperty("bucket_seconds") long bucketSeconds, List<Bucket> buckets) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bucket(long t, long p50, long p95, long p99, long avg, long dns, long connect, long tls, long ttfb,
            long samples) {
    }
}
