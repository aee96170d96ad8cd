package io.uptimepage.shares.view;

import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.support.CoreStubs;
import io.uptimepage.shares.view.PublicLinks.Link;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token is a capability: it must never reach a log line, whatever happens to the request. */
@QuarkusTest
class TokenLogTest {

    @Inject
    ViewCounter views;

    /** Every record, formatted as the console would write it (message, then any stack trace). */
    static final class Capture extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord r) {
            String message = r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage();
            StringWriter out = new StringWriter().append(r.getLoggerName()).append(' ').append(String.valueOf(message));
            if (r.getThrown() != null) {
                r.getThrown().printStackTrace(new PrintWriter(out));
            }
            lines.add(out.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theTokenNeverAppearsInAnyLogLine() {
        Logger root = Logger.getLogger("");
        Logger app = Logger.getLogger("io.uptimepage");
        Level appLevel = app.getLevel();
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        app.setLevel(Level.FINE); // DEBUG lines too
        Link link;
        try {
            String org = newOrg(), t = newTargetId();
            httpMonitor(org, t);
            link = mint(org, t);
            for (String route : List.of("", "?range=1h", "/incidents", "/live", "/latency", "/results?limit=3",
                    "/results?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "/no/such/path")) {
                given().get(link.path() + route).then().statusCode(lessThan(500));
            }
            given().post(link.path()).then().statusCode(404);
            views.flushNow();
            // A deleted monitor (lazy revoke) and then the revoked link.
            CoreStubs.targetNotFound(t);
            given().get(link.path() + "/live?range=7d").then().statusCode(anyOf(
                    is(200), is(404)));
            given().get(link.path() + "/live?range=30d").then().statusCode(anyOf(
                    is(200), is(404)));
        } finally {
            app.setLevel(appLevel);
            root.removeHandler(capture);
        }
        assertTrue(capture.lines.size() > 10, "log captured: " + capture.lines.size());
        assertTrue(capture.lines.stream().anyMatch(l -> l.startsWith(TokenSafeAccessLog.CATEGORY)
                && l.contains("GET /m/{token}/live 200") && l.contains("ref=")), "token-safe access log is on");
        String prefix = link.token().substring(0, 12);
        for (String line : capture.lines) {
            assertFalse(line.contains(link.token()), "token in: " + line);
            assertFalse(line.contains(prefix), "token prefix in: " + line);
        }
    }
}
