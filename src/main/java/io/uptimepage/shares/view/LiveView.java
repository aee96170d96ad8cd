package io.uptimepage.shares.view;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The live region: what the page renders inline and {@code /m/{token}/live} renders alone (one Qute fragment, so
 * both are the same markup). {@code kpis} is null and {@code results} empty when the data is unavailable.
 */
public record LiveView(
        String range,
        long spanSeconds,
        long pollSeconds,
        String renderedAt,
        StatusBadge status,
        OffsetDateTime lastCheckAt,
        String lastCheckAgo,
        Notice notice,
        Kpis kpis,
        Heartbeat heartbeat,
        boolean latencyChart,
        boolean phaseChart,
        String chartSuffix,
        List<ResultRow> results,
        boolean moreResults) {

    /** The KPI cards, deltas against the prior window of equal span. */
    public record Kpis(String uptime, boolean uptimeKnown, String uptimeDelta, long total, long up, long down,
            long degraded, long error, String upDelta, String downDelta, String errorDelta, int ongoing) {
    }

    /** A heartbeat's expectation and its last ping. */
    public record Heartbeat(String expectation, String lastPing) {
    }

    /** One recent result; {@code phases} are the timings shown when the row is expanded. */
    public record ResultRow(OffsetDateTime at, String status, String duration, String code, String error,
            List<Phase> phases) {
    }

    public record Phase(String name, String value) {
    }
}
