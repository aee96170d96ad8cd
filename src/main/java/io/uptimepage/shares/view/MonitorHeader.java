package io.uptimepage.shares.view;

import java.util.List;

/**
 * The monitor's header and configuration block, from the REDACTED check. {@code available} is false when the core
 * could not be asked and nothing is remembered: the page then shows a neutral header.
 */
public record MonitorHeader(boolean available, String name, String kind, String kindLabel, String address,
        String interval, List<String> tags, boolean enabled, String configJson) {

    static MonitorHeader unavailable() {
        return new MonitorHeader(false, "Shared monitor", "", "", "", "", List.of(), true, "");
    }
}
