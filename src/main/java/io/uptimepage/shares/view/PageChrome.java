package io.uptimepage.shares.view;

import java.util.List;

/**
 * The shell around both tabs: where the page lives ({@code base} = {@code /m/{token}}, so every link and request
 * stays under it), the asset version, which tab and range are shown, the range pills, and the layout
 * ({@code view}: {@code page}, the wall-screen {@code tv}, or {@code embed} without the page chrome).
 */
public record PageChrome(String base, String assets, String tab, String range, List<Pill> ranges, int ongoing,
        String view) {

    /** The layouts {@code ?view=} selects; anything else is the normal page. */
    public static final List<String> VIEWS = List.of("page", "tv", "embed");

    /** One range pill. */
    public record Pill(String key, String href, boolean active) {
    }

    public PageChrome(String base, String assets, String tab, String range, List<Pill> ranges, int ongoing) {
        this(base, assets, tab, range, ranges, ongoing, "page");
    }

    /** The layout {@code requested} names: one of {@link #VIEWS}, {@code page} when unknown or missing. */
    public static String layout(String requested) {
        return requested != null && VIEWS.contains(requested) ? requested : "page";
    }

    /** This chrome in the layout {@code requested} names (unknown or missing → {@code page}); links keep the layout. */
    public PageChrome withView(String requested) {
        String v = layout(requested);
        if (v.equals("page")) {
            return this;
        }
        List<Pill> pills = ranges.stream().map(p -> new Pill(p.key(), p.href() + "&view=" + v, p.active())).toList();
        return new PageChrome(base, assets, tab, range, pills, ongoing, v);
    }

    /** The query suffix that keeps the layout on the tab links ({@code ""} for the normal page). */
    public String viewQuery() {
        return "page".equals(view) ? "" : "?view=" + view;
    }

    public boolean monitorTab() {
        return "monitor".equals(tab);
    }

    public boolean tv() {
        return "tv".equals(view);
    }

    public boolean chromeShown() {
        return "page".equals(view);
    }
}
