package io.uptimepage.shares.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.view.PublicLinks.Link;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;

import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static org.awaitility.Awaitility.await;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real page in a real browser (Debian chromium, headless): charts drawn, the live region refreshing by itself,
 * every request staying under {@code /m/}, nothing blocked by the CSP, and a revoked link landing on the 404 page.
 * Screenshots go to {@code target/screenshots/}.
 */
@QuarkusTest
class ShareBrowserTest {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL app;

    static Object js(WebDriver driver, String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    static void screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Resizes the window to the whole page, so the screenshot shows all of it. */
    static void fitHeight(WebDriver driver, int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        long height = ((Number) js(driver, "return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 6000)));
    }

    /** How long the charts' canvas sizes must stay the same to count as redrawn after a resize. */
    static final Duration CHARTS_SETTLED = Duration.ofMillis(400);

    /** The size of every chart canvas, e.g. {@code "640x200,640x200"}: changes while uPlot redraws after a resize. */
    static String chartSizes(WebDriver driver) {
        return String.valueOf(js(driver, "return Array.from(document.querySelectorAll('.chart-host canvas'))"
                + ".map(c => c.width + 'x' + c.height).join()"));
    }

    /** Waits (at most {@code atMost}) until {@code value} has not changed for {@code during}. */
    static void holdsStill(Supplier<Object> value, Duration during, Duration atMost) {
        AtomicReference<Object> last = new AtomicReference<>(value.get());
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).during(during)
                .until(() -> Objects.equals(last.getAndSet(value.get()), last.get()));
    }

    static int drawnCharts(WebDriver driver) {
        return ((Number) js(driver, "return Array.from(document.querySelectorAll('.chart-host canvas'))"
                + ".filter(c => c.width > 0 && c.height > 0 && c.getBoundingClientRect().width > 0).length")).intValue();
    }

    @Test
    void aViewerSeesChartsAndLiveRefreshesAndARevokedLinkLandsOnThe404() throws Exception {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            System.err.println("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
                    + "\n!!! SKIPPED ShareBrowserTest: /usr/bin/chromium or /usr/bin/chromedriver is missing."
                    + "\n!!! Install them with: apt-get install -y chromium chromium-driver"
                    + "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
            Assumptions.abort("chromium is not installed");
        }
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        String origin = app.toString().replaceAll("/$", "");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--hide-scrollbars", "--window-size=1280,900", "--force-device-scale-factor=1", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        List<String> requested = new ArrayList<>();
        List<String> console = new ArrayList<>();
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get(origin + link.path());
            assertEquals("Checkout API · shared monitor", driver.getTitle());

            // Charts: uPlot canvases with a real size.
            wait.until(d -> drawnCharts(d) >= 2);

            // The live region refreshes by itself (2 s in tests): a new element replaces the old one, charts survive.
            js(driver, "window.__firstLive = document.getElementById('live');");
            wait.until(d -> Boolean.TRUE.equals(js(d, "return document.getElementById('live') !== window.__firstLive"
                    + " && Number(document.body.getAttribute('data-live-refreshes')) >= 1")));
            wait.until(d -> drawnCharts(d) >= 2);
            assertTrue(driver.findElement(By.id("head-status")).getText().contains("up"), "header badge");

            // Hidden tab: polling pauses (no refresh for more than two intervals); back: refreshes at once.
            js(driver, "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});"
                    + "document.dispatchEvent(new Event('visibilitychange'));");
            // A poll already in flight may still land once; after that the count must hold still for 5 s, more
            // than two poll intervals (2 s in tests). Were polling not paused, it would move every 2 s and time out.
            holdsStill(() -> refreshes(driver), Duration.ofSeconds(5), Duration.ofSeconds(15));
            long paused = refreshes(driver);
            js(driver, "Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});"
                    + "document.dispatchEvent(new Event('visibilitychange'));");
            new WebDriverWait(driver, Duration.ofMillis(1500)).until(d -> refreshes(d) > paused); // sooner than a poll

            // A result row expands to its phase timings without any script.
            driver.findElement(By.cssSelector(".result > summary")).click();
            assertTrue(driver.findElement(By.cssSelector(".result[open] .phases")).getText().contains("processing"));

            fitHeight(driver, 1280);
            wait.until(d -> drawnCharts(d) >= 2);
            holdsStill(() -> chartSizes(driver), CHARTS_SETTLED, Duration.ofSeconds(10)); // redrawn after the resize
            screenshot(driver, "share-page.png");
            fitHeight(driver, 390);
            holdsStill(() -> chartSizes(driver), CHARTS_SETTLED, Duration.ofSeconds(10));
            screenshot(driver, "share-page-phone.png");
            driver.manage().window().setSize(new Dimension(1280, 900));
            requested.addAll(resourceNames(driver));

            // Incidents tab: a row opens onto its timeline, fetched from /m/{token}/results.
            driver.findElement(By.cssSelector("a.tab[href$='/incidents']")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/incidents"));
            driver.findElement(By.cssSelector(".incident > summary")).click();
            wait.until(d -> !d.findElements(By.cssSelector(".incident[open] .timeline-item")).isEmpty());
            assertTrue(driver.findElement(By.cssSelector(".incident[open] .timeline")).getText().contains("first failure"));
            fitHeight(driver, 1280);
            screenshot(driver, "share-incidents.png");
            requested.addAll(resourceNames(driver));

            // Revoke through the operator API: the next poll gets 404 and the page reloads onto the 404.
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(origin + link.path());
            wait.until(d -> drawnCharts(d) >= 2);
            requested.addAll(resourceNames(driver));
            PublicLinks.revoke(link);
            wait.until(d -> d.getPageSource().contains("Link not found"));
            assertFalse(driver.getPageSource().contains("Checkout API"), "nothing of the monitor left");
            screenshot(driver, "share-page-404.png");

            for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
                JsonNode m = new ObjectMapper().readTree(e.getMessage()).path("message");
                if ("Network.requestWillBeSent".equals(m.path("method").asText())) {
                    requested.add(m.path("params").path("request").path("url").asText());
                }
            }
            driver.manage().logs().get(LogType.BROWSER).forEach(e -> console.add(e.getLevel() + " " + e.getMessage()));
        } finally {
            driver.quit();
            service.stop();
        }

        // Every request the page made (documents, assets, polls, chart data, timelines, favicon) stayed under /m/.
        Set<String> distinct = new LinkedHashSet<>(requested);
        assertTrue(distinct.stream().anyMatch(u -> u.contains("/live?range=")), "live polls seen: " + distinct);
        assertTrue(distinct.stream().anyMatch(u -> u.contains("/latency?range=")), "chart data seen");
        assertTrue(distinct.stream().anyMatch(u -> u.contains("/results?from=")), "timeline seen");
        assertTrue(distinct.stream().anyMatch(u -> u.contains("/m/_/")), "assets seen");
        URI home = URI.create(origin);
        for (String url : distinct) {
            if (url.startsWith("data:") || url.startsWith("about:")) {
                continue;
            }
            URI u = URI.create(url);
            assertEquals(home.getAuthority(), u.getAuthority(), "same origin: " + url);
            assertTrue(u.getPath().startsWith("/m/"), "under /m/: " + u.getPath());
            assertTrue(u.getPath().startsWith(link.path()) || u.getPath().startsWith("/m/_/"), "this link or assets: " + u.getPath());
        }
        // Nothing the page does trips its own CSP, and it throws no script errors (the 404 reload logs the 404 itself).
        List<String> problems = console.stream().filter(l -> l.contains("Content Security Policy") || l.contains("Uncaught")
                || l.contains("TypeError")).toList();
        assertTrue(problems.isEmpty(), "browser console: " + problems);
        System.out.println("ShareBrowserTest: " + distinct.size() + " distinct request URLs, all under /m/; screenshots in "
                + SHOTS.toAbsolutePath());
    }

    static long refreshes(WebDriver driver) {
        return ((Number) js(driver, "return Number(document.body.getAttribute('data-live-refreshes') || 0)")).longValue();
    }

    @SuppressWarnings("unchecked")
    static List<String> resourceNames(WebDriver driver) {
        return (List<String>) js(driver, "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".map(e => e.name)");
    }
}
