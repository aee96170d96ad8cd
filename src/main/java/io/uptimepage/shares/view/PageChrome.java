package io.uptimepage.shares.view;

import java.util.List;

/**
 * The shell around both tabs: where the page lives ({@code base} = {@code /m/{token}}, so every link and request
 * stays under it), the asset version, which tab and range are shown, and the range pills.
 */
public record PageChrome(String base, String assets, String tab, String range, List<Pill> ranges, int ongoing) {

    /** One range pill. */
    public record Pill(String key, String href, boolean active) {
    }

    public boolean monitorTab() {
        return "monitor".equals(tab);
    }
}
