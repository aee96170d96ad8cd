package io.uptimepage.shares.view;

import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.error.LogRoute;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The access log, token-safe (DESIGN §3): Quarkus' own access log is off because it would write {@code /m/{token}}
 * URLs. One line per request on category {@code io.uptimepage.shares.access}: method, the matched route template
 * ({@link LogRoute#of}, never the raw path, whatever shape it had), status, duration, and for token routes
 * {@code ref=} the first 8 hex chars of the token's hash, which correlates requests of one link without being usable
 * as one. No query strings. Health and metrics probes log at DEBUG. Turn it off with
 * {@code quarkus.log.category."io.uptimepage.shares.access".level=OFF}.
 */
@ApplicationScoped
public class TokenSafeAccessLog {

    static final String CATEGORY = "io.uptimepage.shares.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final String TOKEN_ROUTE = "/m/{token}";

    void install(@Observes Router router) {
        // Before every other route (RESTEasy, static resources), so failures and unmatched paths are logged too.
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            long start = System.nanoTime();
            rc.addEndHandler(done -> log(rc, start));
            rc.next();
        });
    }

    private static void log(RoutingContext rc, long start) {
        String route = LogRoute.of(rc);
        boolean probe = route.startsWith("/q/");
        if (probe ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        // Concatenation, not String.format: this runs for every request, and format parses its pattern each time.
        String line = rc.request().method() + " " + route + " " + rc.response().getStatusCode() + " "
                + (System.nanoTime() - start) / 1_000_000 + "ms" + ref(route, rc.normalizedPath());
        if (probe) {
            LOG.debug(line);
        } else {
            LOG.info(line);
        }
    }

    /**
     * {@code " ref=1a2b3c4d"} for a request matched to a token route: a hash prefix of the segment the router bound
     * to {@code {token}} (the first one after {@code /m/} of the normalised path), never the token.
     */
    private static String ref(String route, String normalizedPath) {
        if (!route.startsWith(TOKEN_ROUTE) || normalizedPath == null || normalizedPath.length() <= 3) {
            return "";
        }
        int end = normalizedPath.indexOf('/', 3);
        String token = end < 0 ? normalizedPath.substring(3) : normalizedPath.substring(3, end);
        return token.isEmpty() ? "" : " ref=" + Tokens.logId(Tokens.hash(token));
    }
}
