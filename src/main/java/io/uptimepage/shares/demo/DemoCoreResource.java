package io.uptimepage.shares.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.demo.DemoData.Incident;
import io.uptimepage.shares.core.CoreConfig;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.demo.DemoData.Page;
import io.uptimepage.shares.demo.DemoData.Result;
import io.uptimepage.shares.core.UptimeStats;
import io.uptimepage.shares.demo.DemoMonitors.DemoMonitor;
import io.uptimepage.shares.error.ApiException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in demo core: the reads of the core's REST API this service uses ({@code GET /api/v1/targets/{id}} and its
 * results, latency, uptime, incidents and regions), under {@code /demo-core}, answering for the synthetic monitors of
 * {@link DemoMonitors} in the core's exact shapes and with its rules (tenant cloak, {@code BAD_TIME_RANGE}, the
 * 90-day cap on raw reads, the plan clamps, limit caps). The REST client reaches it over HTTP like the real core.
 *
 * <p>It exists only in demo mode (no {@code SHARES_CORE_URL}); with a real core configured every path is a plain 404,
 * like any unknown endpoint. It answers only the demo service token and org.
 */
@Path("/demo-core/api/v1/targets")
@PermitAll // the core's own rule applies instead: the demo service token below
@Produces(MediaType.APPLICATION_JSON)
public class DemoCoreResource {

    static final String ORG_HEADER = "X-Uptimepage-Org";

    private static final Duration MAX_RAW_SPAN = Duration.ofDays(90);
    /** The core's {@code plans.raw_days} (30 on every plan): raw reads never look further back. */
    private static final Duration RAW_WINDOW = Duration.ofDays(30);
    /** The core's history window for the demo org's plan (team: 395 days): chart reads never look further back. */
    private static final Duration HISTORY_WINDOW = Duration.ofDays(395);
    private static final int RESULTS_LIMIT_DEFAULT = 1000, RESULTS_LIMIT_MAX = 10_000;
    private static final int INCIDENTS_LIMIT_DEFAULT = 100, INCIDENTS_LIMIT_MAX = 1000;
    private static final byte[] EXPECTED_AUTH = ("Bearer " + DemoMonitors.SERVICE_TOKEN).getBytes(StandardCharsets.UTF_8);

    private final boolean enabled;
    private final DemoData data;

    public DemoCoreResource(CoreConfig config, DemoData data) {
        this.enabled = config.demoMode();
        this.data = data;
    }

    @GET
    @Path("{id}")
    @Operation(hidden = true)
    public Uni<ObjectNode> target(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(ORG_HEADER) String org) {
        return answer(() -> DemoMonitors.targetJson(monitor(id, auth, org)));
    }

    @GET
    @Path("{id}/results")
    @Operation(hidden = true)
    public Uni<Page<Result>> results(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(ORG_HEADER) String org, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return answer(() -> {
            authorize(auth, org);
            Instant now = Instant.now();
            Window w = rawWindow(from, to, now);
            int lim = Math.min(count("limit", limit, RESULTS_LIMIT_DEFAULT), RESULTS_LIMIT_MAX);
            int off = count("offset", offset, 0);
            DemoMonitor m = monitor(id, auth, org);
            return w.empty() ? new Page<>(List.of(), lim, off, false) : data.results(m, w.from, w.to, lim, off, now);
        });
    }

    @GET
    @Path("{id}/latency")
    @Operation(hidden = true)
    public Uni<LatencySeries> latency(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(ORG_HEADER) String org, @QueryParam("from") String from, @QueryParam("to") String to) {
        return answer(() -> {
            authorize(auth, org);
            Instant now = Instant.now();
            // A rollup read: no span cap, only the plan's history window.
            Window w = window(from, to, now).clampTo(now.minus(HISTORY_WINDOW));
            DemoMonitor m = monitor(id, auth, org);
            return w.empty() ? new LatencySeries(DemoData.bucketSeconds(w.from, w.to), List.of())
                    : data.latency(m, w.from, w.to, now);
        });
    }

    @GET
    @Path("{id}/uptime")
    @Operation(hidden = true)
    public Uni<UptimeStats> uptime(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(ORG_HEADER) String org, @QueryParam("from") String from, @QueryParam("to") String to) {
        return answer(() -> {
            authorize(auth, org);
            Instant now = Instant.now();
            Window w = rawWindow(from, to, now);
            DemoMonitor m = monitor(id, auth, org);
            return w.empty() ? new UptimeStats(0, 0, 0, 0, 0, null) : data.uptime(m, w.from, w.to, now);
        });
    }

    @GET
    @Path("{id}/incidents")
    @Operation(hidden = true)
    public Uni<Page<Incident>> incidents(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(ORG_HEADER) String org, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("ongoing_only") String ongoingOnly, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        return answer(() -> {
            authorize(auth, org);
            Instant now = Instant.now();
            Window w = rawWindow(from, to, now);
            int lim = Math.min(count("limit", limit, INCIDENTS_LIMIT_DEFAULT), INCIDENTS_LIMIT_MAX);
            int off = count("offset", offset, 0);
            boolean ongoing = flag("ongoing_only", ongoingOnly);
            DemoMonitor m = monitor(id, auth, org);
            return w.empty() ? new Page<>(List.of(), lim, off, false)
                    : data.incidents(m, w.from, w.to, ongoing, lim, off, now);
        });
    }

    /** {@code TargetRegions}: the core answers {@code {"regions":[…]}}, empty for a heartbeat (it is pinged, not probed). */
    @GET
    @Path("{id}/regions")
    @Operation(hidden = true)
    public Uni<Map<String, List<String>>> regions(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @HeaderParam(ORG_HEADER) String org) {
        return answer(() -> Map.of("regions", monitor(id, auth, org).regions()));
    }

    // ---- The core's request rules ------------------------------------------------------------------------------------

    /** Demo mode or nothing: outside it this resource does not exist. */
    private <T> Uni<T> answer(Supplier<T> body) {
        if (!enabled) {
            return Uni.createFrom().failure(new NotFoundException());
        }
        return Uni.createFrom().item(body);
    }

    /** The service token, then the org (the core's {@code Authorized} extractor runs before anything else). */
    private static void authorize(String auth, String org) {
        if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), EXPECTED_AUTH)) {
            throw new ApiException(401, "UNAUTHORIZED", "authentication required");
        }
        if (org == null || org.isBlank()) {
            throw ApiException.badRequest("ORG_REQUIRED", "X-Uptimepage-Org header is required for this token", null);
        }
    }

    /** The target in the caller's org; an unknown id and another org's id look the same (the tenant cloak). */
    private static DemoMonitor monitor(String id, String auth, String org) {
        authorize(auth, org);
        return DemoMonitors.find(id).filter(m -> DemoMonitors.ORG.equals(org)).orElseThrow(ApiException::targetNotFound);
    }

    /** {@code [from, to)}; {@code to} defaults to now and {@code from} to 24 h before {@code to}. */
    private record Window(Instant from, Instant to) {

        boolean empty() {
            return !to.isAfter(from);
        }

        /** The plan clamp: {@code from} never earlier than {@code floor} (silently, as the core does). */
        Window clampTo(Instant floor) {
            return from.isBefore(floor) ? new Window(floor, to) : this;
        }
    }

    private static Window window(String rawFrom, String rawTo, Instant now) {
        Instant to = rawTo == null ? now : instant("to", rawTo);
        Instant from = rawFrom == null ? to.minus(Duration.ofHours(24)) : instant("from", rawFrom);
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("BAD_TIME_RANGE", "'to' must be strictly greater than 'from'", null);
        }
        return new Window(from, to);
    }

    /** A raw-table read: the 90-day span cap (exactly 90 days passes), then the raw window clamp. */
    private static Window rawWindow(String rawFrom, String rawTo, Instant now) {
        Window w = window(rawFrom, rawTo, now);
        if (Duration.between(w.from, w.to).compareTo(MAX_RAW_SPAN) > 0) {
            throw ApiException.badRequest("BAD_TIME_RANGE", "time window exceeds maximum of 90 days; page backwards via 'to'",
                    null);
        }
        return w.clampTo(now.minus(RAW_WINDOW));
    }

    private static Instant instant(String name, String raw) {
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_QUERY", "`" + name + "` must be an RFC 3339 timestamp", name);
        }
    }

    private static int count(String name, String raw, int fallback) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badRequest("INVALID_QUERY", "`" + name + "` must be a non-negative integer", name);
    }

    private static boolean flag(String name, String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("INVALID_QUERY", "`" + name + "` must be true or false", name);
    }
}
