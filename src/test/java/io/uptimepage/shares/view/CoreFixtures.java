package io.uptimepage.shares.view;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.uptimepage.shares.support.CoreStubResource;
import io.uptimepage.shares.support.CoreStubs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.before;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.uptimepage.shares.support.CoreStubs.core;
import static io.uptimepage.shares.support.CoreStubs.fixture;
import static io.uptimepage.shares.support.CoreStubs.json;

/**
 * A whole monitor in the core, stubbed from the fixtures under {@code src/test/resources/core/}: the target, its
 * regions, results (newest-of-7-days and the window page), uptime (current and prior window), incidents (ongoing
 * only and all) and latency. Fixture times are written relative to now ({@code {{AGO:s}}}, {@code {{MS_AGO:s}}}).
 */
public final class CoreFixtures {

    private static final Pattern AGO = Pattern.compile("\\{\\{(MS_)?AGO:(\\d+)}}");

    private CoreFixtures() {
    }

    /** The fixture with {@code {{ID}}} and the relative times filled in. */
    static String render(String name, String targetId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Matcher m = AGO.matcher(fixture(name).replace("{{ID}}", targetId));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Instant t = now.minusSeconds(Long.parseLong(m.group(2)));
            m.appendReplacement(out, m.group(1) != null ? Long.toString(t.truncatedTo(ChronoUnit.MINUTES).toEpochMilli())
                    : t.toString());
        }
        m.appendTail(out);
        return out.toString();
    }

    /** An HTTP monitor with data everywhere (the secret-laden target fixture). */
    public static void httpMonitor(String org, String targetId) {
        monitor(org, targetId, "target-http.json", "results-latest.json", "results.json");
    }

    /** The target from {@code targetFixture}, the newest result from {@code latest}, the window page from {@code page}. */
    static void monitor(String org, String targetId, String targetFixture, String latest, String page) {
        CoreStubs.target(org, targetId, render(targetFixture, targetId));
        String base = "/api/v1/targets/" + targetId;
        stub(org, get(urlPathEqualTo(base + "/regions")), render("regions.json", targetId), 5);
        stub(org, get(urlPathEqualTo(base + "/results")), render(page, targetId), 5);
        stub(org, get(urlPathEqualTo(base + "/results")).withQueryParam("limit", equalTo("1")), render(latest, targetId), 4);
        stub(org, get(urlPathEqualTo(base + "/uptime")), render("uptime.json", targetId), 5);
        // The prior window ends a whole span ago: at least an hour before now for every range.
        stub(org, get(urlPathEqualTo(base + "/uptime")).withQueryParam("to", before("now -30 minutes")),
                render("uptime-prior.json", targetId), 4);
        stub(org, get(urlPathEqualTo(base + "/incidents")), render("incidents.json", targetId), 5);
        stub(org, get(urlPathEqualTo(base + "/incidents")).withQueryParam("ongoing_only", equalTo("true")),
                render("incidents-ongoing.json", targetId), 4);
        stub(org, get(urlPathEqualTo(base + "/latency")), render("latency.json", targetId), 5);
    }

    /** Every core call about this target answers 500 until {@link #heal} (highest priority, so it wins). */
    static List<StubMapping> breakCore(String targetId) {
        List<StubMapping> added = new ArrayList<>();
        added.add(core().stubFor(get(urlPathMatching("/api/v1/targets/" + targetId + "(/.*)?")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"INTERNAL\",\"message\":\"internal error\",\"field\":null,"
                                + "\"details\":null,\"trace_id\":null}}"))));
        return added;
    }

    static void heal(List<StubMapping> broken) {
        broken.forEach(s -> core().removeStub(s));
    }

    private static void stub(String org, MappingBuilder request, String body, int priority) {
        core().stubFor(request.atPriority(priority)
                .withHeader("Authorization", equalTo("Bearer " + CoreStubResource.CORE_TOKEN))
                .withHeader("X-Uptimepage-Org", equalTo(org))
                .willReturn(json(200, body)));
    }
}
