package io.uptimepage.shares.error;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * The only form of a request's path a log line may carry (DESIGN §3): the route template that matched, never the
 * raw path. The router normalises {@code /m//T}, {@code /m/./T}, {@code /x/../m/T}, {@code /%6D/T} to {@code /m/T}
 * before matching, so redacting the raw path missed the token; the template ({@code /m/{token}/live}) holds none.
 */
public final class LogRoute {

    /** What a request that no resource method matched is logged as ({@code /M/T}, {@code /m%2FT}, junk paths). */
    public static final String UNMATCHED = "<unmatched>";

    /**
     * Quarkus REST stores the matched resource method's full path template under this key in the request's Vert.x
     * context (its {@code ObservabilityHandler}, active because Micrometer's HTTP server metrics are on); the
     * {@code uri} label of {@code http_server_requests_seconds} is read from the same place, so logs and metrics agree.
     */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private LogRoute() {
    }

    /**
     * The matched JAX-RS template; else the path a plain Vert.x route (health, metrics) was declared with, which is
     * a constant of the code; else {@link #UNMATCHED}.
     */
    public static String of(RoutingContext rc) {
        if (rc.request() instanceof HttpServerRequestInternal request
                && request.context().getLocal(URL_PATH_TEMPLATE) instanceof String template) {
            return template;
        }
        Route route = rc.currentRoute();
        String declared = route == null || route.isRegexPath() ? null : route.getPath();
        return declared == null || declared.equals("/") ? UNMATCHED : declared;
    }

    /**
     * True for the anonymous surface: the path the router matches on (normalised) starts with {@code /m/}, in any
     * case, since the ingress routes {@code /m/} case-insensitively. Those requests get the public HTML failures.
     */
    public static boolean isPublic(RoutingContext rc) {
        String path = rc.normalizedPath();
        return path != null && path.toLowerCase(Locale.ROOT).startsWith("/m/");
    }
}
