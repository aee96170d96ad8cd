package io.uptimepage.shares.demo;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.core.CoreConfig;
import io.uptimepage.shares.share.ShareConfig;
import io.uptimepage.shares.share.ShareService;
import io.uptimepage.shares.share.ShareService.SeededLink;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Demo mode's welcome: at start-up, makes sure one share link to the demo "Checkout API" monitor exists and prints it
 * ready to open, with a dev operator JWT (also written to {@code <data dir>/dev-jwt/operator.jwt}) and a curl line
 * for the shares API. Does nothing at all outside demo mode.
 *
 * <p>The core is not called here: the HTTP server that serves the demo core may not be listening yet. The demo
 * monitors are fixed, so the link is seeded without asking ({@link ShareService#ensureSeeded}): created once, then
 * reused on every start.
 */
@Singleton
public class DemoBootstrap {

    static final String LABEL = "Demo link";
    static final String CREATED_BY = "demo-bootstrap";
    static final String OPERATOR = "demo-operator";
    static final Duration JWT_LIFETIME = Duration.ofHours(24);

    private final DemoConfig shares;
    private final CoreConfig core;
    private final ShareConfig links;
    private final ShareService shareService;
    private final Config config;

    public DemoBootstrap(DemoConfig shares, CoreConfig core, ShareConfig links, ShareService shareService, Config config) {
        this.shares = shares;
        this.core = core;
        this.links = links;
        this.shareService = shareService;
        this.config = config;
    }

    /** What a demo start produced: the link, its share, and the dev JWT (absent when a real JWT key is configured). */
    record Welcome(UUID shareId, boolean created, String link, Optional<String> jwt, Optional<Path> jwtFile,
            String curl) {
    }

    void onStart(@Observes StartupEvent event) {
        if (!core.demoMode()) {
            return;
        }
        try {
            welcome();
        } catch (Throwable e) {
            // The service itself works without the welcome; say why it is missing and carry on.
            Log.warnf("Demo mode: could not prepare the demo link and dev JWT (%s: %s)", e.getClass().getSimpleName(),
                    e.getMessage());
        }
    }

    /** Ensures the demo link, writes the dev JWT, prints both. Safe to call again: the link is reused. */
    Welcome welcome() throws Throwable {
        if (!core.demoMode()) {
            throw new IllegalStateException("the demo welcome exists only in demo mode");
        }
        SeededLink share = VertxContextSupport.subscribeAndAwait(this::ensureDemoShare);
        String apiBase = "http://localhost:" + port();
        String link = links.publicBaseUrl().filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", "")).orElse(apiBase)
                + "/m/" + share.token();
        // Set by DemoConfigSourceFactory only when it generated the dev key (demo mode, no JWT key configured).
        Optional<String> jwt = shares.demo().jwtPrivateKey().filter(p -> !p.isBlank()).map(Path::of)
                .map(DemoBootstrap::operatorJwt);
        Optional<Path> jwtFile = jwt.map(this::writeJwt);
        String curl = jwtFile.map(f -> "curl -s -H \"Authorization: Bearer $(cat '" + f + "')\" " + apiBase
                + "/api/v1/targets/" + DemoMonitors.CHECKOUT_API + "/shares").orElse(null);
        Welcome welcome = new Welcome(share.id(), share.created(), link, jwt, jwtFile, curl);
        print(welcome);
        return welcome;
    }

    /** The demo link of the Checkout API monitor in org {@value DemoMonitors#ORG}, seeded by the share service. */
    Uni<SeededLink> ensureDemoShare() {
        return shareService.ensureSeeded(DemoMonitors.ORG, DemoMonitors.CHECKOUT_API, LABEL, CREATED_BY)
                .invoke(s -> {
                    if (s.created()) {
                        Log.infof("Demo mode: share %s created on the demo monitor %s", s.id(), DemoMonitors.CHECKOUT_API);
                    }
                });
    }

    /** A dev operator JWT for org demo (scope targets:write, plan team), signed with the generated demo key. */
    static String operatorJwt(Path privateKeyPem) {
        PrivateKey key;
        try {
            key = KeyUtils.decodePrivateKey(Files.readString(privateKeyPem));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the demo JWT signing key " + privateKeyPem, e);
        }
        return Jwt.issuer(DemoJwtKeys.ISSUER)
                .audience(DemoJwtKeys.AUDIENCE)
                .subject(OPERATOR)
                .claim("org", DemoMonitors.ORG)
                .claim("scope", "targets:write")
                .claim("plan", "team")
                .issuedAt(java.time.Instant.now())
                .expiresIn(JWT_LIFETIME)
                .jws()
                .sign(key);
    }

    /** {@code <data dir>/dev-jwt/operator.jwt}, rewritten at every demo start, readable by the owner only. */
    private Path writeJwt(String jwt) {
        Path file = shares.dataDir().toAbsolutePath().normalize().resolve("dev-jwt").resolve("operator.jwt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, jwt + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system: nothing stronger to do
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }

    /** The port this process serves on (in tests, the test port). */
    private int port() {
        String name = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return config.getOptionalValue(name, Integer.class).filter(p -> p > 0)
                .orElseGet(() -> config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080));
    }

    /**
     * Prints the welcome. This is the one place a share token and a JWT are logged, on purpose: they are the demo's
     * own link and dev credential, minted for the person who just started it, and exist only in demo mode.
     */
    private static void print(Welcome w) {
        String rule = "=".repeat(100);
        Log.info(rule);
        Log.info("Demo mode: a built-in demo core serves 4 synthetic monitors in org \"demo\" (no SHARES_CORE_URL set).");
        Log.infof("Demo share link (Checkout API, %s): %s", w.created() ? "new" : "reused", w.link());
        if (w.jwt().isPresent()) {
            Log.infof("Dev operator JWT (org demo, scope targets:write, valid %d h), also in %s :",
                    JWT_LIFETIME.toHours(), w.jwtFile().orElseThrow());
            Log.info(w.jwt().get());
            Log.infof("List the demo monitor's links: %s", w.curl());
        } else {
            Log.info("No dev operator JWT: operator JWTs are verified against the configured MP_JWT_VERIFY_PUBLICKEY_LOCATION.");
        }
        Log.info(rule);
    }
}
