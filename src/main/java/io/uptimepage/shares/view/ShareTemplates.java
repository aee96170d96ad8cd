package io.uptimepage.shares.view;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The public pages' type-safe templates ({@code templates/share/}). One layout ({@code share/base.html}); the live
 * region is the {@code live} fragment of {@code monitor.html}, so the page and the poll render the same markup.
 * Default escaping everywhere: nothing from the core or from users is emitted raw.
 */
@CheckedTemplate(basePath = "share")
public final class ShareTemplates {

    private ShareTemplates() {
    }

    /** The monitor tab. */
    public static native TemplateInstance monitor(PageChrome chrome, MonitorHeader header, LiveView live);

    /** The live region alone ({@code /m/{token}/live}). */
    public static native TemplateInstance monitor$live(LiveView live);

    /** The incidents tab. */
    public static native TemplateInstance incidents(PageChrome chrome, MonitorHeader header, StatusBadge status,
            IncidentsView incidents);

    /** The incidents region alone ({@code /m/{token}/incidents/live}). */
    public static native TemplateInstance incidents$region(StatusBadge status, IncidentsView incidents);
}
