package io.uptimepage.shares.view;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.support.CoreStubResource;
import io.uptimepage.shares.view.PublicLinks.Link;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.before;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.uptimepage.shares.support.CoreStubs.core;
import static io.uptimepage.shares.support.CoreStubs.json;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static io.uptimepage.shares.view.ShareBrowserTest.CHROMEDRIVER;
import static io.uptimepage.shares.view.ShareBrowserTest.CHROMIUM;
import static io.uptimepage.shares.view.ShareBrowserTest.drawnCharts;
import static io.uptimepage.shares.view.ShareBrowserTest.js;
import static io.uptimepage.shares.view.ShareBrowserTest.refreshes;
import static io.uptimepage.shares.view.ShareBrowserTest.screenshot;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The viewer's page beyond the operator view (DESIGN §12), in headless Chromium: times in the viewer's zone (and UTC
 * without script), the wall-screen and phone layouts, recovery after the network was away, a bounded JS heap over
 * many refreshes, "show older" results, and an axe-core run in light, dark and TV. Screenshots go to
 * {@code target/screenshots/}.
 */
@QuarkusTest
class ShareViewerBrowserTest {

    /** axe-core from the npm registry, unpacked under target/ at test time (never committed). */
    static final String AXE_VERSION = "4.14.1";
    static final Path AXE = Path.of("target", "axe", "package", "axe.min.js");

    @TestHTTPResource("/")
    URL app;

    ChromeDriver driver;
    ChromeDriverService service;
    String origin;

    @BeforeEach
    void browser() {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "chromium is not installed");
        start(true);
        origin = app.toString().replaceAll("/$", "");
    }

    /** A fresh headless Chromium; {@code javascript} false blocks the page's scripts (WebDriver's still run). */
    void start(boolean javascript) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1920,1080", "--force-device-scale-factor=1", "--lang=en-US");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.quit();
            service.stop();
        }
    }

    // ---- time zones ----------------------------------------------------------------------------------------

    @Test
    void timesAreInTheViewersZoneWithTheZoneNamedAndUtcWithoutJavaScript() {
        Link link = monitorWithResults(60);
        cdp("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Kolkata"));
        driver.get(origin + link.path());
        // Chromium's ICU may report the zone by its older alias (Asia/Calcutta): the same zone, named either way.
        await().atMost(20, TimeUnit.SECONDS).until(() -> text("[data-tz]").startsWith("times in your time zone"));
        assertTrue(text("[data-tz]").matches("times in your time zone: Asia/(Kolkata|Calcutta) \\(UTC\\+05:30\\)"),
                text("[data-tz]"));
        WebElement first = driver.findElement(By.cssSelector(".results-list time[datetime]"));
        String expected = LocalDateTime.ofInstant(Instant.parse(first.getAttribute("datetime")), ZoneId.of("Asia/Kolkata"))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertEquals(expected, first.getText(), "a result time in IST");
        assertTrue(first.getAttribute("title").endsWith("(UTC+05:30)"), first.getAttribute("title"));
        long times = count("time[datetime]");
        assertEquals(times, count("time[datetime$='Z']"), "every datetime attribute is UTC");

        // Without script: the server's UTC text, labelled.
        close();
        start(false);
        driver.get(origin + link.path());
        assertEquals("all times in UTC", text("[data-tz]"));
        WebElement raw = driver.findElement(By.cssSelector(".results-list time[datetime]"));
        String utc = LocalDateTime.ofInstant(Instant.parse(raw.getAttribute("datetime")), ZoneId.of("UTC"))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + " UTC";
        assertEquals(utc, raw.getText());
    }

    // ---- phone: height and "show older" ---------------------------------------------------------------------

    @Test
    void phonePageWithSixtyResultsStaysUnder4000PxAndShowOlderAppendsRowsThatSurviveRefreshes() throws IOException {
        Link link = monitorWithResults(60);
        viewport(375, 812, true);
        driver.get(origin + link.path());
        await().atMost(20, TimeUnit.SECONDS).until(() -> drawnCharts(driver) >= 2);
        assertEquals(60, count(".results-list > li"));
        long height = number("return document.documentElement.scrollHeight");
        System.out.println("ShareViewerBrowserTest: phone page height at 375x812 = " + height + " CSS px");
        assertTrue(height <= 4000, "phone page height " + height);
        screenshot(driver, "share-phone-light.png");
        cdp("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        screenshot(driver, "share-phone-dark.png");

        // Keyboard: Tab reaches the show-older control; Enter loads 30 older rows (has_more false: the control goes).
        WebElement older = driver.findElement(By.cssSelector("button[data-load-older]"));
        assertTrue(older.isDisplayed(), "show older is offered");
        js(driver, "document.querySelector('button[data-load-older]').focus()");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        await().atMost(20, TimeUnit.SECONDS).until(() -> count(".results-list > li") == 90);
        assertEquals(0, count("button[data-load-older]"), "nothing older left to load");
        long refreshed = refreshes(driver);
        await().atMost(20, TimeUnit.SECONDS).until(() -> refreshes(driver) > refreshed);
        assertEquals(90, count(".results-list > li"), "a live refresh keeps the older rows");
    }

    // ---- TV ------------------------------------------------------------------------------------------------

    @Test
    void tvFitsAWallScreenIsDarkAndRecoversByItselfAfterTheNetworkWasAway() throws IOException {
        Link link = monitorWithResults(60);
        viewport(1920, 1080, false);
        driver.get(origin + link.path() + "?view=tv");
        await().atMost(20, TimeUnit.SECONDS).until(() -> drawnCharts(driver) >= 2);
        assertEquals("tv", js(driver, "return document.documentElement.getAttribute('data-view')"));
        assertTrue(number("return document.documentElement.scrollHeight") <= 1080, "no vertical scroll");
        assertTrue(number("return document.documentElement.scrollWidth") <= 1920, "no horizontal scroll");
        assertEquals("rgb(11, 17, 32)", js(driver, "return getComputedStyle(document.body).backgroundColor"), "dark");
        screenshot(driver, "share-tv.png");

        // The network goes away for 20 s: polls fail, the page says so, backs off; then it comes back by itself.
        js(driver, "window.__beforeOutage = true;");
        cdp("Network.enable", Map.of());
        cdp("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0, "downloadThroughput", -1,
                "uploadThroughput", -1));
        Instant down = Instant.now();
        await().atMost(40, TimeUnit.SECONDS).until(() -> Boolean.TRUE.equals(js(driver,
                "return document.body.classList.contains('offline')")) && Instant.now().isAfter(down.plusSeconds(20)));
        cdp("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0, "downloadThroughput", -1,
                "uploadThroughput", -1));
        Instant restored = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            Object at = js(driver, "var l = document.getElementById('live'); return l && !document.body.classList.contains('offline')"
                    + " ? l.getAttribute('data-rendered-at') : null");
            return at != null && !Instant.parse((String) at).isBefore(restored);
        });
        assertEquals(null, js(driver, "return window.__beforeOutage || null"), "the wall screen reloaded itself");
        await().atMost(20, TimeUnit.SECONDS).until(() -> drawnCharts(driver) >= 2);
    }

    @Test
    void tvHeapStaysFlatOverTwoHundredRefreshes() {
        Link link = monitorWithResults(60);
        viewport(1920, 1080, false);
        driver.get(origin + link.path() + "?view=tv");
        await().atMost(20, TimeUnit.SECONDS).until(() -> drawnCharts(driver) >= 2);
        await().atMost(20, TimeUnit.SECONDS).until(() -> refreshes(driver) >= 2); // warm: first swaps allocate caches
        double before = heapMb();
        // Each cycle is the page's own refresh (fetch /live, swap the region, redraw the charts), started the way a
        // returning tab starts one, so 200 cycles take seconds instead of 200 poll intervals.
        for (int i = 0; i < 200; i++) {
            long n = refreshes(driver);
            js(driver, "document.dispatchEvent(new Event('visibilitychange'));");
            await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).until(() -> refreshes(driver) > n);
        }
        double after = heapMb();
        System.out.printf("ShareViewerBrowserTest: JS heap %.2f MB -> %.2f MB after %d refreshes%n", before, after,
                refreshes(driver));
        assertTrue(after - before < 3.0, "heap grew " + (after - before) + " MB");
        assertTrue(count("[data-chart] canvas") <= 2, "charts reused, not stacked");
    }

    // ---- incidents tab ---------------------------------------------------------------------------------------

    @Test
    void incidentsTabRefreshesItselfAndAnOpenIncidentStaysOpen() {
        Link link = monitorWithResults(60);
        driver.get(origin + link.path() + "/incidents");
        driver.findElement(By.cssSelector(".incident > summary")).click();
        await().atMost(20, TimeUnit.SECONDS).until(() -> count(".incident[open] .timeline-item") > 0);
        js(driver, "window.__firstRegion = document.getElementById('live');");
        await().atMost(20, TimeUnit.SECONDS).until(() -> refreshes(driver) >= 2);
        assertEquals(Boolean.TRUE, js(driver, "return document.getElementById('live') !== window.__firstRegion"),
                "the region was replaced by a fresh one");
        assertEquals(1, count(".incident[open]"), "the open incident stays open");
        assertTrue(count(".incident[open] .timeline-item") > 0, "with its timeline");
        // Another row still opens onto its own timeline after the refresh (listeners are wired on fresh rows).
        driver.findElements(By.cssSelector(".incident:not([open]) > summary")).get(0).click();
        await().atMost(20, TimeUnit.SECONDS).until(() -> Boolean.TRUE.equals(js(driver,
                "var open = Array.from(document.querySelectorAll('.incident[open]'));"
                        + "return open.length === 2 && open.every(d => d.querySelector('.timeline-item'));")));
    }

    // ---- accessibility -------------------------------------------------------------------------------------

    @Test
    void axeFindsNoSeriousOrCriticalViolationInLightDarkAndTv() throws Exception {
        Link link = monitorWithResults(60);
        String axe = axeSource();
        viewport(1920, 1080, false);
        StringBuilder found = new StringBuilder();
        for (String scheme : List.of("light", "dark")) {
            cdp("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            driver.get(origin + link.path());
            await().atMost(20, TimeUnit.SECONDS).until(() -> drawnCharts(driver) >= 2);
            found.append(axeRun(axe, "monitor " + scheme));
            if ("dark".equals(scheme)) {
                screenshot(driver, "share-desktop-dark.png");
            } else {
                screenshot(driver, "share-desktop-light.png");
            }
            driver.get(origin + link.path() + "/incidents");
            driver.findElement(By.cssSelector(".incident > summary")).click();
            await().atMost(20, TimeUnit.SECONDS).until(() -> count(".incident[open] .timeline-item") > 0);
            found.append(axeRun(axe, "incidents " + scheme));
        }
        driver.get(origin + link.path() + "?view=tv");
        await().atMost(20, TimeUnit.SECONDS).until(() -> drawnCharts(driver) >= 2);
        found.append(axeRun(axe, "tv"));
        assertEquals("", found.toString(), "axe serious/critical violations");
    }

    @Test
    void disclosureRowsOpenFromTheKeyboard() {
        Link link = monitorWithResults(60);
        driver.get(origin + link.path());
        WebElement summary = driver.findElement(By.cssSelector(".result > summary"));
        js(driver, "document.querySelector('.result > summary').focus()");
        assertEquals(summary, driver.switchTo().activeElement(), "a result row takes focus");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertEquals(1, count(".result[open]"));
        assertTrue(text(".result[open] .phases").contains("dns"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** An HTTP monitor whose window page has {@code n} results 2 min apart (has_more) and 30 older ones after it. */
    static Link monitorWithResults(int n) {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        String base = "/api/v1/targets/" + t + "/results";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        core().stubFor(get(urlPathEqualTo(base)).atPriority(3).withQueryParam("limit", equalTo("60"))
                .withHeader("X-Uptimepage-Org", equalTo(org))
                .willReturn(json(200, page(t, now, 0, n, true))));
        // "show older": the page asks for results up to its oldest row, which is well over an hour old.
        core().stubFor(get(urlPathEqualTo(base)).atPriority(2).withQueryParam("to", before("now -1 hours"))
                .withHeader("Authorization", equalTo("Bearer " + CoreStubResource.CORE_TOKEN))
                .withHeader("X-Uptimepage-Org", equalTo(org))
                .willReturn(json(200, page(t, now, n - 1, 31, false))));
        return mint(org, t);
    }

    /** A results page in the core's shape: {@code count} results, newest first, from slot {@code first} on. */
    static String page(String targetId, Instant now, int first, int count, boolean more) {
        StringBuilder items = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            boolean down = i % 17 == 5;
            items.append(items.length() == 0 ? "" : ",\n").append("""
                    {"target_id": "%s", "org_id": "0192c5a0-0000-7000-8000-00000000a11a", "timestamp": "%s", \
                    "status": "%s", "duration_ms": %d, "dns_ms": 12, "connect_ms": 31, "tls_ms": 44, "ttfb_ms": 80, \
                    "response_code": %s, "response_size": 512, "error": %s}""".formatted(targetId,
                    now.minusSeconds(20 + 120L * i), down ? "down" : "up", down ? 10000 : 170 + i % 13,
                    down ? "null" : "200", down ? "\"connect timed out after 10s\"" : "null"));
        }
        return "{\"items\": [" + items + "], \"limit\": 60, \"offset\": 0, \"has_more\": " + more + "}";
    }

    void viewport(int width, int height, boolean mobile) {
        cdp("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", mobile));
    }

    Map<String, Object> cdp(String command, Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    double heapMb() {
        cdp("HeapProfiler.collectGarbage", Map.of());
        return ((Number) cdp("Runtime.getHeapUsage", Map.of()).get("usedSize")).doubleValue() / (1024 * 1024);
    }

    long count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    long number(String script) {
        return ((Number) js(driver, script)).longValue();
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** axe-core's bundle, fetched with npm into target/ the first time (the npm registry is the only source). */
    static synchronized String axeSource() throws IOException, InterruptedException {
        if (!Files.exists(AXE)) {
            Path dir = AXE.getParent().getParent();
            Files.createDirectories(dir);
            Process pack = new ProcessBuilder("npm", "pack", "axe-core@" + AXE_VERSION, "--silent")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(pack.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, pack.waitFor(), "npm pack axe-core: " + out);
            Process untar = new ProcessBuilder("tar", "xzf", "axe-core-" + AXE_VERSION + ".tgz", "package/axe.min.js")
                    .directory(dir.toFile()).inheritIO().start();
            assertEquals(0, untar.waitFor(), "tar");
        }
        return Files.readString(AXE);
    }

    /**
     * Runs axe in the page. WebDriver's script runs through the DevTools protocol, outside the page's CSP, so the
     * page's own policy stays strict. Returns one line per serious or critical violation ("" when clean).
     */
    @SuppressWarnings("unchecked")
    String axeRun(String axe, String where) {
        js(driver, axe);
        List<Map<String, Object>> violations = (List<Map<String, Object>>) driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
                        + " first: v.nodes[0].target.join(' ') + ' ' + (v.nodes[0].failureSummary || '')}))))"
                        + ".catch(e => done([{id: 'axe-error', impact: 'critical', nodes: 0, first: String(e)}]));");
        StringBuilder lines = new StringBuilder();
        violations.forEach(v -> lines.append(where).append(": ").append(v.get("id")).append(" (").append(v.get("impact"))
                .append(", ").append(v.get("nodes")).append(" nodes) ").append(v.get("first")).append('\n'));
        System.out.println("ShareViewerBrowserTest: axe " + where + ": " + violations.size() + " serious/critical");
        return lines.toString();
    }
}
