package io.uptimepage.shares.view;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The incidents tab's region: rows of the window, newest first; each row expands to its timeline (fetched lazily).
 * The page renders it inline and {@code /m/{token}/incidents/live} alone (one Qute fragment), polled every
 * {@code pollSeconds}; {@code renderedAt} is when it was rendered (RFC 3339).
 */
public record IncidentsView(String range, Notice notice, boolean available, List<Row> rows, boolean more,
        long pollSeconds, String renderedAt) {

    /** One incident; {@code timelineFrom}/{@code timelineTo} bound the results its drawer fetches. */
    public record Row(String status, String severity, OffsetDateTime startedAt, OffsetDateTime endedAt,
            boolean ongoing, String duration, long checks, String error, boolean countsAsDowntime,
            String timelineFrom, String timelineTo) {
    }
}
