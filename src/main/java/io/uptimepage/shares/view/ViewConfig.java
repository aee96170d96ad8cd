package io.uptimepage.shares.view;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The public pages ({@code shares.view.*}). */
@ConfigMapping(prefix = "shares.view")
public interface ViewConfig {

    /** How often the page's live region polls. */
    @WithDefault("60s")
    Duration pollInterval();

    /** How often buffered view counts are written to the database. */
    @WithDefault("5s")
    Duration viewFlushInterval();

    /**
     * The public cache layer (view.PublicData): data younger than this is served as it is. N viewers of one
     * monitor cost about one core read per {@code fresh-for} (DESIGN §6).
     */
    @WithDefault("5s")
    Duration freshFor();

    /**
     * Data older than {@code fresh-for} but younger than this is served at once while ONE background refresh per
     * key runs: nobody waits for the core on a warm link. Older data makes the viewer wait for the refresh.
     */
    @WithDefault("30s")
    Duration serveWhileRefreshing();

    /** How long last-good live data may be served (marked stale) while the core is unavailable. */
    @WithDefault("15m")
    Duration staleFor();

    /** Entries (one per monitor, read and range) the public cache layer holds at most. */
    @WithDefault("20000")
    int cacheSize();

    /** The per-link budget of core-reaching JSON reads ({@code from}/{@code to} twins), applied by {@link TwinBudget}. */
    Budget twinBudget();

    /** {@code shares.view.twin-budget.*}. */
    interface Budget {
        /** Sustained core-reaching reads per link and minute ({@code SHARES_VIEW_TWIN_BUDGET_PER_MINUTE}). */
        @WithDefault("60")
        int perMinute();

        /** Reads a link may make at once before the per-minute rate applies ({@code SHARES_VIEW_TWIN_BUDGET_BURST}). */
        @WithDefault("20")
        int burst();
    }
}
