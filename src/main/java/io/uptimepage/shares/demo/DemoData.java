package io.uptimepage.shares.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.core.UptimeStats;
import io.uptimepage.shares.demo.DemoMonitors.DemoMonitor;
import io.uptimepage.shares.demo.DemoMonitors.Failure;
import io.uptimepage.shares.demo.DemoMonitors.Outages;
import jakarta.inject.Singleton;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The demo core's data. Every check result, latency bucket, uptime count and incident is a pure function of the
 * monitor, the instant and one anchor (when the ongoing incident began): nothing is stored and nothing runs in the
 * background. Checks sit on a fixed grid of slots (one per interval, under a second of jitter); a seeded hash of the
 * slot gives its latency (a daily wave, noise, rare spikes); the outage plan decides which slots failed. Every
 * endpoint derives from the same slots, so they agree with each other, and a reload a minute later shows the new
 * results. Work is bounded by the requested page or by a fixed number of samples per latency bucket.
 *
 * <p>Windows arrive already validated and clamped (see {@link DemoCoreResource}); {@code to} is exclusive and no
 * check exists after {@code now}.
 */
@Singleton
public class DemoData {

    /** Latency percentiles of a bucket are computed from at most this many of its checks (evenly spread). */
    static final int MAX_SAMPLES_PER_BUCKET = 240;

    private static final long DAY_MS = 86_400_000L;

    /** When the ongoing incident of the monitors that have one began (the first failed check is at or after it). */
    private final Instant ongoingSince;

    /** The ongoing incident started 40 minutes (on the minute) before this JVM did: stable across dev-mode reloads. */
    public DemoData() {
        this(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
                .truncatedTo(ChronoUnit.MINUTES).minus(40, ChronoUnit.MINUTES));
    }

    DemoData(Instant ongoingSince) {
        this.ongoingSince = ongoingSince;
    }

    // ---- The core's shapes -------------------------------------------------------------------------------------------

    /** {@code CheckResult}, in the core's field order; optional fields are serialized as null, as the core does. */
    public record Result(
            @JsonProperty("target_id") UUID targetId,
            @JsonProperty("org_id") UUID orgId,
            Instant timestamp,
            String status,
            @JsonProperty("duration_ms") long durationMs,
            @JsonProperty("dns_ms") Integer dnsMs,
            @JsonProperty("connect_ms") Integer connectMs,
            @JsonProperty("tls_ms") Integer tlsMs,
            @JsonProperty("ttfb_ms") Integer ttfbMs,
            @JsonProperty("response_code") Integer responseCode,
            @JsonProperty("response_size") Long responseSize,
            String error) {
    }

    /** {@code PageEnvelope<T>}: no total; {@code has_more} says whether a next page exists. */
    public record Page<T>(List<T> items, int limit, int offset, @JsonProperty("has_more") boolean hasMore) {
    }

    // UptimeStats and LatencySeries are the client's own records (core.UptimeStats, core.LatencySeries): the shapes
    // are identical on both sides. Results and incidents keep their own records: the core also sends fields
    // (org_id, target_id, internal timestamps) that the client deliberately does not map.

    /** {@code Incident}, in the core's field order. */
    public record Incident(
            UUID id,
            @JsonProperty("target_id") UUID targetId,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("ended_at") Instant endedAt,
            String status,
            @JsonProperty("duration_secs") Long durationSecs,
            @JsonProperty("check_count") long checkCount,
            @JsonProperty("error_sample") String errorSample,
            String severity,
            @JsonProperty("counts_as_downtime") boolean countsAsDowntime,
            @JsonProperty("public_title") String publicTitle,
            @JsonProperty("public_description") String publicDescription,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt,
            List<Object> updates,
            @JsonProperty("regions_down") List<String> regionsDown,
            @JsonProperty("regions_up") List<String> regionsUp) {
    }

    // ---- Reads ---------------------------------------------------------------------------------------------------------

    /** Checks in {@code [from, to)}, newest first, one page of them. */
    public Page<Result> results(DemoMonitor m, Instant from, Instant to, int limit, int offset, Instant now) {
        long[] s = slots(m, from.toEpochMilli(), to.toEpochMilli(), now.toEpochMilli());
        long total = Math.max(0, s[1] - s[0] + 1);
        long top = s[1] - offset;
        long bottom = Math.max(s[0], top - limit + 1);
        List<Outage> outages = top >= bottom ? outages(m, bottom, top) : List.of();
        List<Result> items = new ArrayList<>();
        for (long k = top; k >= bottom; k--) {
            items.add(result(m, k, failureAt(m, k, outages)));
        }
        return new Page<>(items, limit, offset, (long) offset + limit < total);
    }

    /** Checks in {@code [from, to)} counted by status; uptime from confirmed downtime, as the core computes it. */
    public UptimeStats uptime(DemoMonitor m, Instant from, Instant to, Instant now) {
        long[] s = slots(m, from.toEpochMilli(), to.toEpochMilli(), now.toEpochMilli());
        List<Outage> outages = s[1] >= s[0] ? outages(m, s[0], s[1]) : List.of();
        long up = 0, down = 0, degraded = 0, error = 0;
        for (long k = s[0]; k <= s[1]; k++) {
            Failure f = failureAt(m, k, outages);
            switch (f == null ? "up" : f.status) {
                case "down" -> down++;
                case "degraded" -> degraded++;
                case "error" -> error++;
                default -> up++;
            }
        }
        long total = up + down + degraded + error;
        Double pct = null;
        if (total > 0) {
            // confirmed_downtime_secs + uptime_pct_from_downtime: each counted incident's overlap with the window,
            // an open one clamped to now, over the whole window (not only the part that has checks).
            long downtime = 0;
            for (Incident i : incidentsIn(m, from.toEpochMilli(), to.toEpochMilli(), now.toEpochMilli())) {
                if (i.countsAsDowntime()) {
                    Instant end = min(i.endedAt() == null ? now : i.endedAt(), to);
                    Instant start = max(i.startedAt(), from);
                    downtime += Math.max(0, (end.toEpochMilli() - start.toEpochMilli()) / 1000);
                }
            }
            long window = (to.toEpochMilli() - from.toEpochMilli()) / 1000;
            pct = window <= 0 ? 100.0 : Math.min(100.0, Math.max(0.0, Math.max(0, window - downtime) / (double) window * 100.0));
        }
        return new UptimeStats(total, up, down, degraded, error, pct);
    }

    /**
     * Latency buckets over {@code [from, to)}: {@code bucket_seconds = max(1, span_secs / 60 / 60) * 60} (about 60
     * buckets, never under the 60 s rollup grain), buckets aligned on multiples of it, empty ones as gaps.
     */
    public LatencySeries latency(DemoMonitor m, Instant from, Instant to, Instant now) {
        long fromMs = from.toEpochMilli(), toMs = to.toEpochMilli(), nowMs = now.toEpochMilli();
        long bucketSeconds = bucketSeconds(from, to);
        long bucketMs = bucketSeconds * 1000;
        long[] all = slots(m, fromMs, toMs, nowMs);
        List<Outage> outages = all[1] >= all[0] ? outages(m, all[0], all[1]) : List.of();
        List<LatencySeries.Bucket> buckets = new ArrayList<>();
        for (long b = Math.floorDiv(fromMs, bucketMs) * bucketMs; b < toMs; b += bucketMs) {
            long[] s = slots(m, Math.max(b, fromMs), Math.min(b + bucketMs, toMs), nowMs);
            buckets.add(bucket(m, b, s[0], s[1], outages));
        }
        return new LatencySeries(bucketSeconds, buckets);
    }

    /** The core's {@code latency_bucket_seconds}: about 60 slices, floored to whole minutes, at least 60 s. */
    static long bucketSeconds(Instant from, Instant to) {
        long span = Math.max(60, (to.toEpochMilli() - from.toEpochMilli()) / 1000);
        return Math.max(1, span / 60 / 60) * 60;
    }

    /** Incidents overlapping {@code [from, to)}, newest first ({@code started_at} descending), one page of them. */
    public Page<Incident> incidents(DemoMonitor m, Instant from, Instant to, boolean ongoingOnly, int limit, int offset,
            Instant now) {
        List<Incident> all = incidentsIn(m, from.toEpochMilli(), to.toEpochMilli(), now.toEpochMilli()).stream()
                .filter(i -> !ongoingOnly || i.endedAt() == null)
                .toList();
        int start = Math.min(offset, all.size());
        int end = (int) Math.min(all.size(), (long) start + limit);
        return new Page<>(all.subList(start, end), limit, offset, end < all.size());
    }

    // ---- Slots: check k ran at tsMs(k) -----------------------------------------------------------------------------

    static long tsMs(DemoMonitor m, long k) {
        return k * m.intervalMs() + m.phaseMs() + Math.floorMod(hash(m, k, 1), 997);
    }

    /** The first check that ran at or after {@code ms} (jitter stays under a second, far below any interval). */
    static long slotAtOrAfter(DemoMonitor m, long ms) {
        long k = Math.floorDiv(ms - m.phaseMs(), m.intervalMs());
        return tsMs(m, k) >= ms ? k : k + 1;
    }

    private static long firstSlot(DemoMonitor m) {
        return slotAtOrAfter(m, m.createdAt().toEpochMilli());
    }

    /** Slots {lo, hi} (inclusive) of the checks that ran in {@code [fromMs, toMs)} and by {@code nowMs}; hi < lo if none. */
    private static long[] slots(DemoMonitor m, long fromMs, long toMs, long nowMs) {
        long lo = Math.max(slotAtOrAfter(m, fromMs), firstSlot(m));
        long hi = Math.min(slotAtOrAfter(m, toMs), slotAtOrAfter(m, nowMs + 1)) - 1;
        return new long[] { lo, hi };
    }

    // ---- Outages -----------------------------------------------------------------------------------------------------

    /** Failed checks {@code [startK, endK)}; {@code endK == Long.MAX_VALUE} for the incident that never ends. */
    private record Outage(long startK, long endK, Failure failure, boolean ongoingAtStart) {
    }

    /** Outages with at least one failed check in slots {@code [lo, hi]}. */
    private List<Outage> outages(DemoMonitor m, long lo, long hi) {
        Outages plan = m.outages();
        long epochSlots = plan.epochSecs() / m.intervalSecs();
        long first = firstSlot(m);
        long anchor = m.ongoingAtStart() ? slotAtOrAfter(m, ongoingSince.toEpochMilli()) : Long.MAX_VALUE;
        long quietBefore = 3600 / m.intervalSecs(); // no other incident in the hour before the open one
        List<Outage> out = new ArrayList<>();
        for (long e = Math.floorDiv(lo - plan.maxChecks(), epochSlots); e <= Math.floorDiv(hi, epochSlots); e++) {
            Outage o = periodic(m, e, epochSlots);
            if (o != null && o.startK >= first && o.endK + quietBefore <= anchor && o.startK <= hi && o.endK > lo) {
                out.add(o);
            }
        }
        if (anchor <= hi) {
            out.add(new Outage(Math.max(anchor, first), Long.MAX_VALUE, plan.failures().get(0), true));
        }
        return out;
    }

    /** Epoch {@code e}'s incident, if the plan puts one there; always inside the epoch, so two never overlap. */
    private static Outage periodic(DemoMonitor m, long e, long epochSlots) {
        Outages plan = m.outages();
        if (unit(hash(m, e, 2)) >= plan.probability()) {
            return null;
        }
        int length = plan.minChecks() + (int) Math.floorMod(hash(m, e, 3), plan.maxChecks() - plan.minChecks() + 1);
        long start;
        if (plan.atSecondOfDay() == null) {
            start = e * epochSlots + Math.floorMod(hash(m, e, 4), epochSlots - plan.maxChecks());
        } else {
            // On day 1..n-1 of the epoch (day 0 may begin before the epoch does), at the planned time of day.
            long epochStartMs = e * epochSlots * m.intervalMs() + m.phaseMs();
            long days = plan.epochSecs() / 86_400;
            long day = Math.floorDiv(epochStartMs, DAY_MS) + 1 + Math.floorMod(hash(m, e, 4), days - 1);
            start = slotAtOrAfter(m, day * DAY_MS + plan.atSecondOfDay() * 1000L);
        }
        Failure failure = plan.failures().get((int) Math.floorMod(hash(m, e, 5), plan.failures().size()));
        return new Outage(start, start + length, failure, false);
    }

    /** What went wrong with check {@code k}: its outage's failure, a stray degraded check, or null (up). */
    private static Failure failureAt(DemoMonitor m, long k, List<Outage> outages) {
        for (Outage o : outages) {
            if (k >= o.startK && k < o.endK) {
                return o.failure;
            }
        }
        if (m.blipRate() > 0 && unit(hash(m, k, 6)) < m.blipRate()) {
            return m.blips().get((int) Math.floorMod(hash(m, k, 7), m.blips().size()));
        }
        return null;
    }

    /** Incidents (confirmed outages) overlapping {@code [fromMs, toMs)} that had begun by {@code nowMs}, newest first. */
    private List<Incident> incidentsIn(DemoMonitor m, long fromMs, long toMs, long nowMs) {
        long lo = slotAtOrAfter(m, fromMs) - m.outages().maxChecks() - 1;
        long hi = Math.min(slotAtOrAfter(m, toMs), slotAtOrAfter(m, nowMs + 1)) - 1;
        if (hi < lo) {
            return List.of();
        }
        long nextCheck = slotAtOrAfter(m, nowMs + 1);
        List<Incident> out = new ArrayList<>();
        for (Outage o : outages(m, lo, hi)) {
            long startMs = tsMs(m, o.startK);
            if (startMs >= toMs || startMs > nowMs) {
                continue;
            }
            // Closed by the first good check after it, once that check has run.
            Long endMs = o.endK == Long.MAX_VALUE || tsMs(m, o.endK) > nowMs ? null : tsMs(m, o.endK);
            if (endMs != null && endMs <= fromMs) {
                continue;
            }
            long checks = (endMs == null ? Math.min(nextCheck, o.endK) : o.endK) - o.startK;
            out.add(incident(m, o, startMs, endMs, checks));
        }
        out.sort(Comparator.comparing(Incident::startedAt).reversed());
        return out;
    }

    private static Incident incident(DemoMonitor m, Outage o, long startMs, Long endMs, long checks) {
        Instant started = Instant.ofEpochMilli(startMs);
        Instant ended = endMs == null ? null : Instant.ofEpochMilli(endMs);
        List<String> down = m.regions();
        List<String> up = List.of();
        if (o.ongoingAtStart && m.regions().size() > 1) {
            // A quorum (majority) of regions down, the rest still answering.
            down = m.regions().subList(0, m.regions().size() / 2 + 1);
            up = m.regions().subList(m.regions().size() / 2 + 1, m.regions().size());
        } else if (m.regions().size() <= 1) {
            down = List.of(); // the core leaves both empty for a single-region monitor
        }
        return new Incident(uuidV7(startMs, hash(m, o.startK, 12)), m.id(), started, ended, o.failure.status,
                ended == null ? null : (endMs - startMs) / 1000, checks, o.failure.error,
                o.ongoingAtStart ? "critical" : o.failure.severity, true, null, null, started,
                ended == null ? started : ended, List.of(), down, up);
    }

    // ---- One check -----------------------------------------------------------------------------------------------

    private static Result result(DemoMonitor m, long k, Failure f) {
        long ts = tsMs(m, k);
        String status = f == null ? "up" : f.status;
        String error = f == null ? null : f.error;
        long healthy = healthyMs(m, k, ts);
        int dns = 1 + (int) Math.floorMod(hash(m, k, 11), 12);
        int connect = 8 + (int) Math.floorMod(hash(m, k, 12), 14);
        int tls = 17 + (int) Math.floorMod(hash(m, k, 13), 24);
        Instant at = Instant.ofEpochMilli(ts);
        switch (m.probe()) {
            case HTTP -> {
                if (f == null) {
                    int ttfb = (int) Math.max(1, Math.round((healthy - dns - connect - tls) * 0.82));
                    long total = Math.max(healthy, dns + connect + tls + ttfb + 2);
                    return new Result(m.id(), DemoMonitors.ORG_ID, at, status, total, dns, connect, tls, ttfb, 200,
                            1480L + Math.floorMod(hash(m, k, 14), 96), null);
                }
                return switch (f) {
                    case HTTP_TIMEOUT -> new Result(m.id(), DemoMonitors.ORG_ID, at, status,
                            10_000 + Math.floorMod(hash(m, k, 15), 40), dns, connect, tls, null, null, null, error);
                    case HTTP_DNS -> new Result(m.id(), DemoMonitors.ORG_ID, at, status,
                            20 + Math.floorMod(hash(m, k, 15), 40), null, null, null, null, null, null, error);
                    default -> { // an HTTP answer with the wrong status: 502, 503, 429
                        int ttfb = 15 + (int) Math.floorMod(hash(m, k, 15), 30);
                        int code = f == Failure.HTTP_502 ? 502 : f == Failure.HTTP_503 ? 503 : 429;
                        yield new Result(m.id(), DemoMonitors.ORG_ID, at, status, dns + connect + tls + ttfb + 2L, dns,
                                connect, tls, ttfb, code, f == Failure.HTTP_502 ? 166L : 94L, error);
                    }
                };
            }
            case TCP -> {
                if (f == null) {
                    int conn = (int) Math.max(1, healthy - 1);
                    return new Result(m.id(), DemoMonitors.ORG_ID, at, status, 1L + conn, 1, conn, null, null, null,
                            null, null);
                }
                return new Result(m.id(), DemoMonitors.ORG_ID, at, status, 1 + Math.floorMod(hash(m, k, 15), 2), 1,
                        null, null, null, null, null, error);
            }
            case PING -> {
                long rtt = f == null ? healthy
                        : f == Failure.PING_PARTIAL ? Math.round(healthy * 1.3) : 2000 + Math.floorMod(hash(m, k, 15), 30);
                return new Result(m.id(), DemoMonitors.ORG_ID, at, status, rtt, null, null, null, null, null, null, error);
            }
            default -> {
                return new Result(m.id(), DemoMonitors.ORG_ID, at, status, 0, null, null, null, null, null, null, error);
            }
        }
    }

    /** A passing check's duration: the probe's base, a daily wave peaking at 14:00 UTC, noise and rare spikes. */
    private static long healthyMs(DemoMonitor m, long k, long ts) {
        if (m.probe().baseMs == 0) {
            return 0;
        }
        double dayFraction = Math.floorMod(ts, DAY_MS) / (double) DAY_MS;
        double wave = 1 + 0.22 * Math.sin(2 * Math.PI * (dayFraction - 1 / 3.0));
        double noise = 0.82 + 0.36 * unit(hash(m, k, 8));
        double spike = unit(hash(m, k, 9)) < 0.006 ? 2.2 + 2.5 * unit(hash(m, k, 10)) : 1;
        return Math.max(1, Math.round(m.probe().baseMs * wave * noise * spike));
    }

    private static LatencySeries.Bucket bucket(DemoMonitor m, long t, long lo, long hi, List<Outage> outages) {
        long n = hi - lo + 1;
        if (n <= 0) {
            return new LatencySeries.Bucket(t, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        long stride = (n + MAX_SAMPLES_PER_BUCKET - 1) / MAX_SAMPLES_PER_BUCKET;
        List<Result> sample = new ArrayList<>();
        for (long k = lo; k <= hi; k += stride) {
            sample.add(result(m, k, failureAt(m, k, outages)));
        }
        long[] d = sample.stream().mapToLong(Result::durationMs).sorted().toArray();
        return new LatencySeries.Bucket(t, percentile(d, 0.50), percentile(d, 0.95), percentile(d, 0.99),
                (int) Math.round(Arrays.stream(d).average().orElse(0)),
                mean(sample, Result::dnsMs), mean(sample, Result::connectMs), mean(sample, Result::tlsMs),
                mean(sample, Result::ttfbMs), n);
    }

    private static int percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return (int) sorted[Math.max(0, rank - 1)];
    }

    /** Mean of one phase over the bucket; a check that skipped the phase counts as 0, as in the rollup. */
    private static int mean(List<Result> sample, java.util.function.Function<Result, Integer> phase) {
        return (int) Math.round(sample.stream().map(phase).mapToInt(v -> v == null ? 0 : v).average().orElse(0));
    }

    // ---- Determinism -------------------------------------------------------------------------------------------------

    /** SplitMix64 of (monitor, n, salt): the one source of "randomness", so the same check always looks the same. */
    private static long hash(DemoMonitor m, long n, long salt) {
        long z = m.id().getMostSignificantBits() ^ m.id().getLeastSignificantBits()
                ^ n * 0x9E3779B97F4A7C15L ^ salt * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A hash as a double in [0, 1). */
    private static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A UUID v7 (the core's id format) for an incident: its start time plus bits of its hash. */
    private static UUID uuidV7(long ms, long bits) {
        long msb = (ms << 16) | 0x7000L | (bits & 0x0FFFL);
        long lsb = (bits >>> 2 & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
