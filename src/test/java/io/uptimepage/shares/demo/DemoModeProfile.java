package io.uptimepage.shares.demo;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.uptimepage.shares.support.PostgresResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Demo mode under test: no core URL at all, a real PostgreSQL, and the generated dev JWT key.
 *
 * <p>Why it looks like this: a profile's overrides are applied as system properties (ordinal 400) and do beat the
 * global test resources' properties (ordinal 399), and an empty {@code shares.core.url} does switch demo mode on; but
 * the WireMock resource also sets {@code shares.core.token}, which would make the core client send the wrong service
 * token to the demo core. So the global resources are off and only PostgreSQL is started. The demo core is reached
 * over HTTP at {@code quarkus.http.port} (the production client URL), so the test port is fixed to that same port.
 * The %test JWT key in application.properties outranks what {@code DemoConfigSourceFactory} sets in demo
 * mode, so the profile sets the same four properties itself, from the same {@link DemoJwtKeys}.
 */
public class DemoModeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Path dataDir = dataDir();
        DemoJwtKeys keys = DemoJwtKeys.ensure(dataDir);
        String port = String.valueOf(port());
        return Map.of(
                "quarkus.http.port", port,
                "quarkus.http.test-port", port,
                "shares.data-dir", dataDir.toString(),
                "mp.jwt.verify.publickey.location", keys.publicKeyPath().toUri().toString(),
                "mp.jwt.verify.issuer", DemoJwtKeys.ISSUER,
                "mp.jwt.verify.audiences", DemoJwtKeys.AUDIENCE,
                "shares.demo.jwt-private-key", keys.privateKeyPath().toString());
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class));
    }

    // The profile may be instantiated in more than one class loader: a JVM-wide system property keeps one port.

    private static synchronized int port() {
        String known = System.getProperty("demo-mode-test.port");
        if (known != null) {
            return Integer.parseInt(known);
        }
        try (ServerSocket s = new ServerSocket(0)) {
            System.setProperty("demo-mode-test.port", String.valueOf(s.getLocalPort()));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Under target/: removed by {@code mvn clean}, and the same in every class loader. */
    private static Path dataDir() {
        return Path.of("target", "demo-mode-test").toAbsolutePath();
    }
}
