package io.uptimepage.shares.view;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.view.PublicLinks.Link;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;

@QuarkusTest
class TraceExploreTest {
    @Inject
    InMemorySpanExporter spans;

    @Test
    void dump() throws Exception {
        String o = newOrg(), t = newTargetId();
        httpMonitor(o, t);
        Link link = mint(o, t);
        for (String p : new String[] {link.path(), link.path() + "/live?range=1h", "/m//" + link.token(), "/%6D/" + link.token(),
                "/M/" + link.token(), "/m/_/x/share.css?" + link.token(), "/api/v1/nope"}) {
            given().urlEncodingEnabled(false).header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                    .get(p).then().extract().statusCode();
        }
        given().get("/api/v1/targets/x/shares").then().log().all();
        org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        for (SpanData s : spans.getFinishedSpanItems()) {
            System.out.println("SPAN " + s.getKind() + " name=" + s.getName() + " trace=" + s.getTraceId() + " attrs=" + s.getAttributes()
                    + " events=" + s.getEvents());
        }
        System.out.println("TOKEN " + link.token());
    }
}
