package io.uptimepage.shares.view;

import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.core.CheckResult;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.view.CoreReads.Incidents;
import io.uptimepage.shares.view.CoreReads.Key;
import io.uptimepage.shares.view.CoreReads.LiveWindow;
import io.uptimepage.shares.view.CoreReads.Monitor;
import io.uptimepage.shares.view.PublicData.Fetched;
import io.uptimepage.shares.view.PublicData.Rendered;
import io.uptimepage.shares.view.ShareResolver.Resolved;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The public pages' hot path. Per request: resolve the token (the database, every time), count the view (pages
 * only), take the monitor's data from {@link PublicData}, and write bytes rendered from that data — rendered ONCE per
 * second per monitor, range and variant for every viewer ({@link Rendered}), plain and gzip ({@link EncodedBody}).
 * What the bytes say comes from {@link ViewModels}; the templates are {@link ShareTemplates}.
 */
@ApplicationScoped
public class PublicViewService {

    /** The live region alone; the incidents region alone; the badge. */
    private enum Part {
        LIVE_REGION, INCIDENTS_REGION, BADGE
    }

    /**
     * A full page: its links carry the token it was opened with, so a page rendering is shared only by viewers of that
     * one link (never across links to the same monitor), per layout.
     */
    private record Page(String token, String layout) {
    }

    private final ShareResolver resolver;
    private final PublicData data;
    private final ViewCounter views;
    private final long pollSeconds;

    public PublicViewService(ShareResolver resolver, PublicData data, ViewCounter views, ViewConfig config) {
        this.resolver = resolver;
        this.data = data;
        this.views = views;
        this.pollSeconds = Math.max(1, config.pollInterval().toSeconds());
    }

    /** {@code GET /m/{token}}: counts a view. */
    public Uni<EncodedBody> monitorPage(String token, String rangeKey, String view, Viewer viewer) {
        TimeWindow.Range range = TimeWindow.monitorRange(rangeKey);
        return resolver.resolve(token).call(r -> views.record(r.share().id(), viewer))
                .flatMap(r -> window(r, range, true).map(d -> d.render(new Page(token, PageChrome.layout(view)), now -> {
                    LiveView live = d.view(range, now);
                    PageChrome chrome = ViewModels.chrome(token, "monitor", range, TimeWindow.MONITOR_RANGES, "",
                            live.kpis() == null ? 0 : live.kpis().ongoing()).withView(view);
                    return ShareTemplates.monitor(chrome, ViewModels.header(d.monitor), live).render();
                })));
    }

    /** {@code GET /m/{token}/live}, the region the page polls; never counts a view. */
    public Uni<EncodedBody> liveHtml(String token, String rangeKey) {
        TimeWindow.Range range = TimeWindow.monitorRange(rangeKey);
        return resolver.resolve(token).flatMap(r -> window(r, range, true)).map(d -> d.render(Part.LIVE_REGION,
                now -> ShareTemplates.monitor$live(d.view(range, now)).render()));
    }

    /** {@code GET /m/{token}/incidents}: counts a view. */
    public Uni<EncodedBody> incidentsPage(String token, String rangeKey, String view, Viewer viewer) {
        TimeWindow.Range range = TimeWindow.incidentRange(rangeKey);
        return resolver.resolve(token).call(r -> views.record(r.share().id(), viewer))
                .flatMap(r -> incidents(r, range)).map(d -> d.render(new Page(token, PageChrome.layout(view)), now -> {
                    IncidentsView incidents = ViewModels.incidentsOf(range, d.incidents, now, pollSeconds);
                    int ongoing = (int) incidents.rows().stream().filter(IncidentsView.Row::ongoing).count();
                    PageChrome chrome = ViewModels.chrome(token, "incidents", range, TimeWindow.INCIDENT_RANGES,
                            "/incidents", ongoing).withView(view);
                    return ShareTemplates.incidents(chrome, ViewModels.header(d.monitor),
                            ViewModels.status(d.monitor, d.latest, now), incidents).render();
                }));
    }

    /** {@code GET /m/{token}/incidents/live}: the incidents region the tab polls; never counts a view. */
    public Uni<EncodedBody> incidentsHtml(String token, String rangeKey) {
        TimeWindow.Range range = TimeWindow.incidentRange(rangeKey);
        return resolver.resolve(token).flatMap(r -> incidents(r, range)).map(d -> d.render(Part.INCIDENTS_REGION,
                now -> ShareTemplates.incidents$region(ViewModels.status(d.monitor, d.latest, now),
                        ViewModels.incidentsOf(range, d.incidents, now, pollSeconds)).render()));
    }

    /**
     * {@code GET /m/{token}/badge.svg}: status and 24 h uptime from the same data as the live region for {@code 24h};
     * never counts a view. A dead link is the uniform 404 like every route.
     */
    public Uni<EncodedBody> badge(String token) {
        TimeWindow.Range day = TimeWindow.monitorRange("24h");
        return resolver.resolve(token).flatMap(r -> window(r, day, false)).map(d -> d.render(Part.BADGE, now -> {
            Fetched<LiveWindow> w = d.window;
            Double pct = w.available() && w.value().uptime() != null ? w.value().uptime().uptimePct() : null;
            return BadgeSvg.render(ViewModels.status(d.monitor, d.latest, now), ViewFormat.uptime(pct),
                    pct != null && !pct.isNaN());
        }));
    }

    // ---- data ------------------------------------------------------------------------------------------------

    /**
     * The live region's data: the window and its newest result, and with {@code strip} the status strip's inputs — the
     * chart's latency series and the incidents tab's rows (the same cache entries the chart and the tab read). The
     * badge shows no strip and does not read them.
     */
    private Uni<LiveData> window(Resolved r, TimeWindow.Range range, boolean strip) {
        Key key = Key.live(r.share().org(), r.share().targetId(), range);
        Uni<Fetched<LatencySeries>> latency = strip ? data.latency(r.share(), range)
                : Uni.createFrom().item(Fetched.unavailable());
        Uni<Fetched<Incidents>> incidents = strip ? data.incidents(r.share(), TimeWindow.incidentRange(range.key()))
                : Uni.createFrom().item(Fetched.unavailable());
        Uni<Newest> newest = data.live(r.share(), range)
                .flatMap(window -> newest(r.share(), window).map(latest -> new Newest(window, latest)));
        return Uni.combine().all().unis(newest, latency, incidents).with((n, series, rows) ->
                new LiveData(data.rendered(key), r.monitor(), n.latest(), n.window(), series, rows));
    }

    /** The window and its newest result (read from it when it holds one). */
    private record Newest(Fetched<LiveWindow> window, Fetched<CheckResult> latest) {
    }

    private Uni<IncidentsData> incidents(Resolved r, TimeWindow.Range range) {
        Key key = Key.incidents(r.share().org(), r.share().targetId(), range);
        return Uni.combine().all().unis(data.latest(r.share()), data.incidents(r.share(), range)).asTuple()
                .map(t -> new IncidentsData(data.rendered(key), r.monitor(), t.getItem1(), t.getItem2()));
    }

    /**
     * "Current status" is the newest result of the last 7 days. When the live window holds a result that young, it IS
     * that result (the window is newest first), so the separate 7-day read is made only for an empty or older window.
     */
    private Uni<Fetched<CheckResult>> newest(PublicShare share, Fetched<LiveWindow> window) {
        if (window.available() && !window.value().results().isEmpty()) {
            CheckResult first = window.value().results().get(0);
            if (first.timestamp() != null
                    && first.timestamp().toInstant().isAfter(window.at().minus(CoreReads.LAST_RESULT_WINDOW))) {
                return Uni.createFrom().item(new Fetched<>(first, window.at(), window.state()));
            }
        }
        return data.latest(share);
    }

    /** Renders {@code what} from the data it depends on, once per second, or returns the rendering made already. */
    private static EncodedBody render(Rendered rendered, Object variant, RenderFn what, Fetched<?>... from) {
        Instant now = Instant.now();
        long second = now.getEpochSecond();
        EncodedBody made = rendered.get(variant, second, from);
        if (made != null) {
            return made;
        }
        EncodedBody body = EncodedBody.of(what.render(Instant.ofEpochSecond(second)));
        rendered.put(variant, second, body, from);
        return body;
    }

    @FunctionalInterface
    private interface RenderFn {
        String render(Instant now);
    }

    /** What the monitor tab, its live region and the badge are rendered from. */
    private final class LiveData {
        final Rendered rendered;
        final Fetched<Monitor> monitor;
        final Fetched<CheckResult> latest;
        final Fetched<LiveWindow> window;
        final Fetched<LatencySeries> latency;
        final Fetched<Incidents> incidents;

        LiveData(Rendered rendered, Fetched<Monitor> monitor, Fetched<CheckResult> latest, Fetched<LiveWindow> window,
                Fetched<LatencySeries> latency, Fetched<Incidents> incidents) {
            this.rendered = rendered;
            this.monitor = monitor;
            this.latest = latest;
            this.window = window;
            this.latency = latency;
            this.incidents = incidents;
        }

        LiveView view(TimeWindow.Range range, Instant now) {
            return ViewModels.liveView(monitor, latest, window, range, now, pollSeconds, latency, incidents);
        }

        EncodedBody render(Object variant, RenderFn what) {
            return PublicViewService.render(rendered, variant, what, monitor, latest, window, latency, incidents);
        }
    }

    /** What the incidents tab and its region are rendered from. */
    private static final class IncidentsData {
        final Rendered rendered;
        final Fetched<Monitor> monitor;
        final Fetched<CheckResult> latest;
        final Fetched<Incidents> incidents;

        IncidentsData(Rendered rendered, Fetched<Monitor> monitor, Fetched<CheckResult> latest,
                Fetched<Incidents> incidents) {
            this.rendered = rendered;
            this.monitor = monitor;
            this.latest = latest;
            this.incidents = incidents;
        }

        EncodedBody render(Object variant, RenderFn what) {
            return PublicViewService.render(rendered, variant, what, monitor, latest, incidents);
        }
    }
}
