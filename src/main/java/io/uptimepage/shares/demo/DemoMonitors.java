package io.uptimepage.shares.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The demo core's four synthetic monitors, all in org {@value #ORG}: who they are (the core's target JSON, their
 * regions) and how they behave (probe kind, cadence, outage plan). Ids are fixed so links and curl lines stay valid
 * across restarts.
 */
public final class DemoMonitors {

    /** The only org the demo core knows (the {@code X-Uptimepage-Org} slug and the operator JWT's {@code org}). */
    public static final String ORG = "demo";

    /** The service token the demo core accepts: {@code CoreClient} sends it when no {@code SHARES_CORE_TOKEN} is set. */
    public static final String SERVICE_TOKEN = "demo";

    /** The org's uuid, as the core puts it on results ({@code org_id}). */
    static final UUID ORG_ID = UUID.fromString("01972110-3600-711e-8173-6cad8d116ece");
    private static final String OWNER_ID = "01972110-39e8-70f2-b90c-f28c1fb17c23";
    private static final String PAGER_CHANNEL_ID = "01972110-4a1c-7b3e-9d51-3f0c2a8e6b17";

    /** (a) HTTP with credentials in every place the public view must redact: the showcase link points here. */
    public static final UUID CHECKOUT_API = UUID.fromString("0199097d-dcb8-752e-b269-a6a36513270e");
    /** (b) TCP. */
    public static final UUID PRIMARY_DATABASE = UUID.fromString("019783b2-8115-70c5-8d23-1818892f902b");
    /** (c) Heartbeat. */
    public static final UUID NIGHTLY_BACKUP = UUID.fromString("019a55d4-504b-75d9-a0ed-81e7e8e25d94");
    /** (d) Ping with an incident that is ongoing (it started about 40 minutes before this process did). */
    public static final UUID EDGE_GATEWAY = UUID.fromString("019bff02-89b8-736f-8160-6b0d6f03675a");

    private static final List<String> THREE_REGIONS = List.of("eu-central", "eu-west", "us-east");

    static final DemoMonitor CHECKOUT = new DemoMonitor(CHECKOUT_API, "Checkout API", Probe.HTTP, 60, 7_000,
            Instant.parse("2025-09-02T08:14:27.512Z"), Instant.parse("2026-10-14T16:52:09.338Z"), THREE_REGIONS,
            new Outages(3 * 86_400, 0.55, 4, 18, null,
                    List.of(Failure.HTTP_502, Failure.HTTP_502, Failure.HTTP_TIMEOUT, Failure.HTTP_DNS)),
            0.004, List.of(Failure.HTTP_503, Failure.HTTP_429), false,
            checkoutCheck(), List.of("production", "payments", "api"), "Checkout", "majority", true);

    static final DemoMonitor DATABASE = new DemoMonitor(PRIMARY_DATABASE, "Primary database", Probe.TCP, 30, 12_000,
            Instant.parse("2025-06-18T15:40:03.221Z"), Instant.parse("2026-08-03T09:11:40.517Z"), List.of("eu-central"),
            new Outages(6 * 86_400, 0.5, 2, 8, null, List.of(Failure.TCP_REFUSED)),
            0, List.of(), false,
            obj().put("type", "tcp").put("host", "db-primary.internal.example-shop.com").put("port", 5432)
                    .put("timeout", 3000),
            List.of("production", "postgres"), "Data", "any", false);

    /** Evaluated every 300 s: the core's cadence for a heartbeat, a tenth of period + grace held to 60..300 s. */
    static final DemoMonitor BACKUP = new DemoMonitor(NIGHTLY_BACKUP, "Nightly backup job", Probe.HEARTBEAT, 300, 41_000,
            Instant.parse("2025-11-05T21:02:48.907Z"), Instant.parse("2025-11-05T21:02:48.907Z"), List.of(),
            // The job pings at ~02:00 UTC; a missed night opens an incident when period + grace runs out (02:30).
            new Outages(7 * 86_400, 0.45, 6, 30, 2 * 3600 + 30 * 60, List.of(Failure.HEARTBEAT_MISSED)),
            0, List.of(), false,
            obj().put("type", "heartbeat").put("period", 86_400_000).put("grace", 1_800_000).put("max_runtime", 7_200_000),
            List.of("backups", "cron"), "Jobs", "any", false);

    static final DemoMonitor GATEWAY = new DemoMonitor(EDGE_GATEWAY, "Edge gateway (fra1)", Probe.PING, 30, 3_000,
            Instant.parse("2026-01-27T10:31:55.064Z"), Instant.parse("2026-09-21T07:45:12.900Z"), THREE_REGIONS,
            new Outages(5 * 86_400, 0.4, 2, 10, null, List.of(Failure.PING_LOSS)),
            0.005, List.of(Failure.PING_PARTIAL), true,
            obj().put("type", "ping").put("host", "gw-fra1.example-shop.net").put("timeout", 2000),
            List.of("production", "edge", "network"), "Network", "majority", true);

    /** Every monitor, in the order an operator's list would show them. */
    static final List<DemoMonitor> ALL = List.of(CHECKOUT, DATABASE, BACKUP, GATEWAY);

    private static final Map<UUID, DemoMonitor> BY_ID = Map.of(CHECKOUT_API, CHECKOUT, PRIMARY_DATABASE, DATABASE,
            NIGHTLY_BACKUP, BACKUP, EDGE_GATEWAY, GATEWAY);

    private DemoMonitors() {
    }

    /** The monitor with this id (as the core spells it), or empty for anything else, malformed ids included. */
    static Optional<DemoMonitor> find(String rawId) {
        if (rawId == null || rawId.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(BY_ID.get(UUID.fromString(rawId)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The core's {@code GET /api/v1/targets/{id}} body ({@code Redacted<Target>}), field for field. Like the core, it
     * masks only {@code basic_auth} and {@code bearer_token} (operator-level redaction); headers, body and URL
     * userinfo/query go out as configured, which is exactly what the public view has to strip.
     */
    static ObjectNode targetJson(DemoMonitor m) {
        ObjectNode t = obj();
        t.put("id", m.id().toString());
        t.put("name", m.name());
        t.set("check", m.check().deepCopy());
        t.put("interval", m.intervalSecs());
        t.put("enabled", true);
        ArrayNode tags = t.putArray("tags");
        m.tags().forEach(tags::add);
        ArrayNode alerts = t.putArray("alerts");
        if (m.alerting()) {
            alerts.addObject().put("channel_id", PAGER_CHANNEL_ID);
        }
        t.put("alert_confirmations", 2);
        t.put("notify_recovery", true);
        t.put("renotify_interval_secs", 3600);
        t.put("region_policy", m.regionPolicy());
        t.put("group_name", m.group());
        t.put("owner_user_id", OWNER_ID);
        t.put("created_at", m.createdAt().toString());
        t.put("updated_at", m.updatedAt().toString());
        t.put("write_source", "ui");
        // plan_hold_at: the core serializes it only when set, and no demo monitor is on hold.
        return t;
    }

    private static ObjectNode checkoutCheck() {
        ObjectNode c = obj().put("type", "http")
                .put("url", "https://checkout-probe:pr0be-S3cret@api.example-shop.com/v2/checkout/health"
                        + "?api_key=demo_live_4f9a2c71e8&region=eu#summary")
                .put("method", "POST")
                .put("timeout", 10_000)
                .put("follow_redirects", true)
                .put("max_redirects", 5);
        c.putObject("expected_status").put("kind", "range").putObject("value").put("min", 200).put("max", 299);
        c.put("expected_body_contains", "\"status\":\"ok\"");
        c.putObject("headers")
                .put("Accept", "application/json")
                .put("X-Api-Key", "demo_live_sk_7Hq2mZ9xR4vL")
                .put("X-Probe-Source", "uptimepage");
        c.put("body", "{\"cart_id\":\"probe-cart\",\"card\":\"4242424242424242\",\"cvc\":\"123\"}");
        c.put("verify_tls", true);
        // The core never returns these two in clear, even to members: populated values read back as the sentinel.
        c.putArray("basic_auth").add("***").add("***");
        c.put("bearer_token", "***");
        return c;
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** What one probe kind measures when the check passes, and the numbers it reports. */
    enum Probe {
        HTTP(185), TCP(3), PING(14), HEARTBEAT(0);

        /** Typical duration (ms) at the daily mean. */
        final int baseMs;

        Probe(int baseMs) {
            this.baseMs = baseMs;
        }
    }

    /** How a bad check looks: its status, the incident severity it carries, and the error the core records. */
    enum Failure {
        HTTP_502("down", "major", "HTTP 502 Bad Gateway (expected 200-299)"),
        HTTP_TIMEOUT("down", "major", "request timed out after 10000 ms"),
        HTTP_DNS("error", "major", "dns error: failed to lookup address information: Name or service not known"),
        HTTP_503("degraded", "minor", "HTTP 503 Service Unavailable (expected 200-299)"),
        HTTP_429("degraded", "minor", "HTTP 429 Too Many Requests (expected 200-299)"),
        TCP_REFUSED("down", "major", "connection refused (os error 111)"),
        PING_LOSS("down", "critical", "no echo reply within 2000 ms (3 of 3 packets lost)"),
        PING_PARTIAL("degraded", "minor", "1 of 3 packets lost"),
        HEARTBEAT_MISSED("down", "major", "no ping received within period + grace (24h + 30m)");

        final String status;
        final String severity;
        final String error;

        Failure(String status, String severity, String error) {
            this.status = status;
            this.severity = severity;
            this.error = error;
        }
    }

    /**
     * A deterministic outage plan: time is cut into epochs of {@code epochSecs}; a seeded hash of each epoch decides
     * whether it holds one incident ({@code probability}), how many checks it lasts ({@code minChecks..maxChecks}),
     * where it starts (anywhere, or at {@code atSecondOfDay} UTC on some day of the epoch) and how it fails.
     */
    record Outages(long epochSecs, double probability, int minChecks, int maxChecks, Integer atSecondOfDay,
            List<Failure> failures) {
    }

    /**
     * One synthetic monitor.
     *
     * @param phaseMs        offset of its check slots within the interval, so monitors do not all fire on the minute
     * @param blipRate       share of checks that come back degraded outside incidents (never confirmed as incidents)
     * @param ongoingAtStart whether it also has an incident that started ~40 min before the process did and is open
     */
    record DemoMonitor(UUID id, String name, Probe probe, long intervalSecs, long phaseMs, Instant createdAt,
            Instant updatedAt, List<String> regions, Outages outages, double blipRate, List<Failure> blips,
            boolean ongoingAtStart, ObjectNode check, List<String> tags, String group, String regionPolicy,
            boolean alerting) {

        long intervalMs() {
            return intervalSecs * 1000;
        }

        /** The kind tag of its check ({@code http}, {@code tcp}, {@code ping}, {@code heartbeat}). */
        String kind() {
            return check.get("type").asText();
        }
    }
}
