package io.uptimepage.shares.view;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.support.Jwts;
import io.uptimepage.shares.view.PublicLinks.Link;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static io.uptimepage.shares.view.ShareBrowserTest.CHROMEDRIVER;
import static io.uptimepage.shares.view.ShareBrowserTest.CHROMIUM;
import static io.uptimepage.shares.view.ShareBrowserTest.js;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN §12 embedding in a real browser: a wiki page on an origin the link's {@code embed_origins} lists frames
 * {@code /m/{token}?view=embed} and shows the monitor; the same page on another origin, and any page framing a link
 * without origins, is refused by Chromium itself. The framing pages are served over https by a JDK server in the
 * test on two ports, so two origins ({@code https://localhost:P} allowed, {@code https://localhost:Q} not; embed
 * origins are https only), with a self-signed certificate made by keytool at test time.
 */
@QuarkusTest
class ShareEmbedBrowserTest {

    static final Path TLS = Path.of("target", "embed-tls", "wiki.p12");
    static final char[] PASSWORD = "embed-test".toCharArray();

    /** The wiki allowed to frame the link, and another site (another port: another origin). */
    static HttpsServer wiki;
    static HttpsServer otherWiki;

    @TestHTTPResource("/")
    URL app;

    ChromeDriver driver;
    ChromeDriverService service;

    @BeforeAll
    static void wikiServer() throws Exception {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "chromium is not installed");
        Files.createDirectories(TLS.getParent());
        Files.deleteIfExists(TLS);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "wiki", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", TLS.toString(), "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), "keytool: " + out);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TLS)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        wiki = wikiServer(tls);
        otherWiki = wikiServer(tls);
    }

    /** An https server on a port of its own: GET /?src=<url> is a wiki page with one iframe on that URL. */
    static HttpsServer wikiServer(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wiki-https");
            t.setDaemon(true);
            return t;
        }));
        // The parent counts its frame's load events: a refused frame loads too (an error document).
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String src = query == null ? "about:blank" : URLDecoder.decode(query.replaceFirst("^src=", ""), StandardCharsets.UTF_8);
            byte[] page = ("<!doctype html><html><head><title>Team wiki</title></head><body><h1>Team wiki</h1>"
                    + "<iframe id=\"status\" title=\"status\" width=\"900\" height=\"700\" src=\""
                    + src.replace("&", "&amp;").replace("\"", "&quot;")
                    + "\" onload=\"window.frameLoads = (window.frameLoads || 0) + 1\"></iframe></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        return server;
    }

    static String origin(HttpsServer server) {
        return "https://localhost:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopWiki() {
        for (HttpsServer server : new HttpsServer[] {wiki, otherWiki}) {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    @BeforeEach
    void browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // The wiki's certificate is self-signed: accepted here, and only the wiki is served over TLS.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900", "--ignore-certificate-errors");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
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

    static Link link(List<String> embedOrigins) {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        if (!embedOrigins.isEmpty()) {
            String json = embedOrigins.stream().map(o -> "\"" + o + "\"").collect(Collectors.joining(",", "[", "]"));
            given().header("Authorization", Jwts.bearer(Jwts.operator(org, "team"))).contentType("application/json")
                    .body("{\"embed_origins\":" + json + "}")
                    .when().patch("/api/v1/targets/{id}/shares/{sid}", t, link.id()).then().statusCode(200);
        }
        return link;
    }

    /** Opens the wiki page on {@code wikiOrigin} framing the link's embed view; returns once the frame has loaded. */
    void openWiki(String wikiOrigin, Link link) {
        String src = URI.create(app.toString()).resolve(link.path().substring(1) + "?view=embed").toString();
        driver.get(wikiOrigin + "/?src=" + URLEncoder.encode(src, StandardCharsets.UTF_8));
        assertEquals("Team wiki", driver.getTitle());
        await().atMost(20, TimeUnit.SECONDS).until(() -> js(driver, "return window.frameLoads || 0") instanceof Number n
                && n.intValue() >= 1);
    }

    /** What the frame shows: its root's {@code data-view} and its text (an error page has neither of the link's). */
    record Framed(String view, String text) {
    }

    Framed framed() {
        driver.switchTo().frame("status");
        try {
            return new Framed((String) js(driver, "return document.documentElement.getAttribute('data-view')"),
                    (String) js(driver, "return document.body ? document.body.innerText : ''"));
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    String refusals() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("frame")).collect(Collectors.joining("\n"));
    }

    @Test
    void aWikiOnAnAllowedOriginFramesTheLinkAndAnotherOriginIsRefusedByTheBrowser() {
        String allowed = origin(wiki);
        String other = origin(otherWiki);
        Link link = link(List.of(allowed));

        openWiki(allowed, link);
        await().atMost(20, TimeUnit.SECONDS).ignoreExceptions().until(() -> "embed".equals(framed().view()));
        assertTrue(framed().text().contains("Checkout API"), "the monitor is shown in the frame: " + framed().text());
        assertEquals("", refusals(), "nothing refused on the allowed origin");

        openWiki(other, link);
        Framed refused = framed();
        assertNull(refused.view(), "no share page in the frame on " + other);
        assertFalse(refused.text().contains("Checkout API"), refused.text());
        String log = refusals();
        System.out.println("ShareEmbedBrowserTest: Chromium on " + other + ": " + log);
        assertTrue(log.contains("frame-ancestors " + allowed), log);
    }

    @Test
    void aLinkWithoutEmbedOriginsIsRefusedEvenOnTheOriginAnotherLinkAllows() {
        link(List.of(origin(wiki))); // another link allowing this origin changes nothing for this one
        Link closed = link(List.of());
        openWiki(origin(wiki), closed);
        Framed refused = framed();
        assertNull(refused.view(), "no share page in the frame");
        assertFalse(refused.text().contains("Checkout API"), refused.text());
        String log = refusals();
        System.out.println("ShareEmbedBrowserTest: Chromium on a link without origins: " + log);
        assertTrue(log.contains("frame-ancestors 'none'") || log.contains("X-Frame-Options"), log);
    }
}
