package io.uptimepage.shares.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** The core ("uptimepage") stubbed by WireMock on a dynamic port; stubs answer in the core's JSON shapes. */
public class CoreStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String CORE_TOKEN = "test-core-service-token";
    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(40));
        server.start();
        return Map.of("shares.core.url", server.baseUrl(), "shares.core.token", CORE_TOKEN);
    }

    public static WireMockServer server() {
        return server;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
