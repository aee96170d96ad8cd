package io.uptimepage.shares.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * The header line of a monitor: kind label and address (the core's {@code describe_check}). Always derived from the
 * REDACTED check, so the address can never show what redaction removed.
 */
public record CheckSummary(String kind, String label, String address) {

    /** Describes a check that already went through {@link PublicRedactor#redact}. */
    public static CheckSummary of(ObjectNode redacted) {
        String kind = redacted.path("type").asText("");
        return switch (kind) {
            case "http" -> new CheckSummary(kind, "HTTP", text(redacted, "url"));
            case "tcp" -> new CheckSummary(kind, "TCP", hostPort(redacted));
            case "ping" -> new CheckSummary(kind, "PING", text(redacted, "host"));
            case "heartbeat" -> new CheckSummary(kind, "HEARTBEAT", "ping every " + ViewFormat.millis(redacted.path("period"))
                    + " (+" + ViewFormat.millis(redacted.path("grace")) + " grace)");
            case "tls_cert" -> new CheckSummary(kind, "TLS", hostPort(redacted));
            case "domain_expiry" -> new CheckSummary(kind, "DOMAIN", text(redacted, "domain"));
            case "dns" -> new CheckSummary(kind, "DNS", (text(redacted, "record_type") + " " + text(redacted, "domain")).trim());
            case "flow" -> new CheckSummary(kind, "FLOW", text(redacted, "start_url"));
            default -> new CheckSummary(kind, kind.isEmpty() ? "MONITOR" : kind.toUpperCase(Locale.ROOT), "");
        };
    }

    /** Heartbeats and flows have no per-phase latency; heartbeats have no latency at all. */
    public boolean latencyChart() {
        return !"heartbeat".equals(kind);
    }

    public boolean phaseChart() {
        return latencyChart() && !"flow".equals(kind);
    }

    private static String hostPort(JsonNode check) {
        String host = text(check, "host");
        JsonNode port = check.get("port");
        return port == null || port.isNull() ? host : host + ":" + port.asText();
    }

    private static String text(JsonNode check, String field) {
        JsonNode v = check.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
