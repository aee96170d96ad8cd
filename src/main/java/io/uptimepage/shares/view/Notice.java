package io.uptimepage.shares.view;

/** A visible freshness notice: {@code stale} (last good data, with its age) or {@code unavailable} (nothing to show). */
public record Notice(String kind, String text) {

    static Notice stale(String age) {
        return new Notice("stale", "stale · showing data from " + age
                + "; the monitoring service is not answering right now. This page retries by itself.");
    }

    static Notice unavailable() {
        return new Notice("unavailable", "data temporarily unavailable · the monitoring service is not answering right "
                + "now. This page retries by itself.");
    }
}
