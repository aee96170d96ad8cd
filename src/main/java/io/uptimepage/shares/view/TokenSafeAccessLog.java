package io.uptimepage.shares.view;

import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.error.ErrorMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The access log, token-safe (DESIGN §3): Quarkus' own access log is off because it would write {@code /m/{token}}
 * URLs. One line per request on category {@code io.uptimepage.shares.access}: method, route with the token replaced
 * ({@link ErrorMapper#routeOf}), status, duration, and for public routes {@code ref=} the first 8 hex chars of the
 * token's hash, which correlates requests of one link without being usable as one. No query strings. Health and
 * metrics probes log at DEBUG. Turn it off with {@code quarkus.log.category."io.uptimepage.shares.access".level=OFF}.
 */
@ApplicationScoped
public class TokenSafeAccessLog {

    static final String CATEGORY = "io.uptimepage.shares.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    void install(@Observes Router router) {
        // Before every other route (RESTEasy, static resources), so failures and unmatched paths are logged too.
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            long start = System.nanoTime();
            HttpServerRequest request = rc.request();
            rc.addEndHandler(done -> log(request, rc.response().getStatusCode(), start));
            rc.next();
        });
    }

    private static void log(HttpServerRequest request, int status, long start) {
        String path = request.path();
        boolean probe = path != null && path.startsWith("/q/");
        if (probe ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        String line = String.format("%s %s %d %dms%s", request.method(), ErrorMapper.routeOf(request), status,
                (System.nanoTime() - start) / 1_000_000, ref(path));
        if (probe) {
            LOG.debug(line);
        } else {
            LOG.info(line);
        }
    }

    /** {@code " ref=1a2b3c4d"} for a token path: a hash prefix, never the token. */
    private static String ref(String path) {
        if (path == null || !path.startsWith("/m/") || path.startsWith("/m/_/")) {
            return "";
        }
        int end = path.indexOf('/', 3);
        String token = end < 0 ? path.substring(3) : path.substring(3, end);
        return token.isEmpty() ? "" : " ref=" + Tokens.logId(Tokens.hash(token));
    }
}
