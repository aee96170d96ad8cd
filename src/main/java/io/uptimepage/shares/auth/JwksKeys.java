package io.uptimepage.shares.auth;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The issuer's published signing keys when {@code mp.jwt.verify.publickey.location} is a JWKS (an http(s) URL, or a
 * file whose content is a JWK set); otherwise {@link #enabled()} is false and smallrye-jwt verifies against the PEM key.
 * <p>
 * Fetched at start and kept in memory. It is re-fetched when it is older than the refresh interval and when a token
 * names a {@code kid} it does not hold (so a rotation is picked up at once), but never more than once per minimum
 * refresh interval, so tokens with made-up {@code kid}s cannot make us hammer the issuer. A failed fetch, an error
 * status, a body that is not a JWK set, or a set without any usable signing key leaves the last good set in use.
 */
@ApplicationScoped
public class JwksKeys {

    /** Reads the JWK set document; throws when it cannot. */
    interface Source {
        String fetch() throws IOException;
    }

    private final String location;
    private final Source source;
    private final long refreshNanos;
    private final long minRefreshNanos;
    private final LongSupplier nanoTime;
    private final ReentrantLock fetching = new ReentrantLock();

    private volatile KeySet current = new KeySet(List.of());
    private volatile long lastSuccess;
    private volatile boolean loaded;
    private long lastAttempt; // guarded by fetching
    private boolean attempted; // guarded by fetching
    private boolean failing; // guarded by fetching; logs only on a change between working and failing

    @Inject
    JwksKeys(AuthConfig config, @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location) {
        this(location.map(String::trim).filter(JwksKeys::isJwks).orElse(null), config.auth().jwks(), System::nanoTime);
    }

    JwksKeys(String location, AuthConfig.Jwks config, LongSupplier nanoTime) {
        this(location, location == null ? null : sourceFor(location, config.fetchTimeout()), config, nanoTime);
    }

    JwksKeys(String location, Source source, AuthConfig.Jwks config, LongSupplier nanoTime) {
        this.location = location;
        this.source = source;
        this.refreshNanos = config.refreshInterval().toNanos();
        this.minRefreshNanos = config.minRefreshInterval().toNanos();
        this.nanoTime = nanoTime;
    }

    void fetchAtStart(@Observes StartupEvent event) {
        if (!enabled()) {
            return;
        }
        refresh(true);
        if (loaded) {
            Log.infof("Operator JWTs: %d signing keys from the JWKS at %s (kids %s)", current.keys().size(), location,
                    current.keys().stream().map(JsonWebKey::getKeyId).toList());
        }
    }

    /** True when the configured key location is a JWK set (this class selects the key); false for a PEM key. */
    public boolean enabled() {
        return source != null;
    }

    /**
     * The signing key a token's {@code kid} names (a token without {@code kid} gets the only key of a one-key set),
     * or null. A miss triggers one refresh unless one happened within the minimum refresh interval.
     */
    JsonWebKey find(String kid) {
        if (!loaded || nanoTime.getAsLong() - lastSuccess >= refreshNanos) {
            // stale: one request re-fetches, the others keep verifying against the current set meanwhile
            if (fetching.tryLock()) {
                try {
                    refresh(false);
                } finally {
                    fetching.unlock();
                }
            }
        }
        JsonWebKey key = current.find(kid);
        if (key != null) {
            return key;
        }
        fetching.lock();
        try {
            key = current.find(kid); // another request may have fetched it while this one waited
            return key != null || !refresh(false) ? key : current.find(kid);
        } finally {
            fetching.unlock();
        }
    }

    /** Fetches the set unless the last attempt is younger than the minimum interval; true when it was replaced. */
    private boolean refresh(boolean force) {
        fetching.lock();
        try {
            long now = nanoTime.getAsLong();
            if (!force && attempted && now - lastAttempt < minRefreshNanos) {
                return false;
            }
            attempted = true;
            lastAttempt = now;
            try {
                KeySet fetched = KeySet.parse(source.fetch());
                current = fetched;
                lastSuccess = now;
                loaded = true;
                if (failing) {
                    Log.infof("The JWKS at %s answers again (%d signing keys)", location, fetched.keys().size());
                    failing = false;
                }
                return true;
            } catch (IOException | JoseException | RuntimeException e) {
                if (!failing) {
                    Log.warnf("Cannot fetch the operator JWKS at %s (%s); %s", location, e.getMessage(), loaded
                            ? "still verifying against the " + current.keys().size() + " keys fetched before"
                            : "operator JWTs are refused until it answers");
                    failing = true;
                }
                return false;
            }
        } finally {
            fetching.unlock();
        }
    }

    /** http(s) URLs are JWKS endpoints; a local location is one when its content is a JSON object. */
    static boolean isJwks(String location) {
        if (location.isEmpty()) {
            return false;
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return true;
        }
        try {
            String content = ResourceUtils.readResource(location);
            return content != null && content.trim().startsWith("{");
        } catch (IOException e) {
            return false; // smallrye-jwt reports the unreadable location when it loads the key
        }
    }

    private static Source sourceFor(String location, Duration timeout) {
        if (!location.startsWith("http://") && !location.startsWith("https://")) {
            return () -> Objects.requireNonNull(ResourceUtils.readResource(location), "no such file");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(location)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        return () -> {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                return response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        };
    }

    /** The usable signing keys of one fetched JWK set (keys no algorithm may use are dropped). */
    record KeySet(List<JsonWebKey> keys) {

        static KeySet parse(String json) throws JoseException {
            List<JsonWebKey> usable = new JsonWebKeySet(json).getJsonWebKeys().stream()
                    .filter(k -> !JwkAlgorithms.of(k).isEmpty()).toList();
            if (usable.isEmpty()) {
                throw new JoseException("no usable signing key in the set");
            }
            return new KeySet(usable);
        }

        JsonWebKey find(String kid) {
            if (kid == null) {
                return keys.size() == 1 ? keys.get(0) : null;
            }
            return keys.stream().filter(k -> kid.equals(k.getKeyId())).findFirst().orElse(null);
        }
    }
}
