package io.uptimepage.shares.view;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.error.ErrorMapper;
import io.uptimepage.shares.error.PublicFailure;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import java.util.function.Function;

/**
 * The two routes every open link polls or reloads, {@code GET /m/{token}} and {@code GET /m/{token}/live} (and their
 * HEAD), as plain Vert.x routes ahead of RESTEasy ({@link #BEFORE_AUTHENTICATION}): per request they resolve the token, count the view (the page only)
 * and write {@link PublicViewService}'s shared bytes, without JAX-RS dispatch, its request scope or its response
 * filters. Side by side that is {@code src/bench/}'s measured difference (README, Performance). Everything a viewer
 * or an operator sees stays as on the JAX-RS routes:
 * <ul>
 * <li>headers: {@link PublicHeadersFilter#tokenRouteHeaders}, the same list the filter writes (framing included);</li>
 * <li>failures: {@link ErrorMapper#publicAnswer}, the one mapping, so a bad token gets the same constant 404 bytes;</li>
 * <li>logs, metrics and spans: the JAX-RS template ({@code /m/{token}/live}) is set where Quarkus REST sets it
 * ({@code UrlPathTemplate} in the request's Vert.x context), which {@link TokenSafeAccessLog}, the
 * {@code http_server_requests} {@code uri} label and {@link TokenSafeSpans} read.</li>
 * </ul>
 * Every other {@code /m/} route (incidents, badge, the JSON twins, the catch-all 404) stays in
 * {@link PublicViewResource}.
 */
@ApplicationScoped
public class PublicRoutes {

    static final String PAGE = "/m/{token}";
    static final String LIVE = "/m/{token}/live";
    /**
     * Ahead of Quarkus' HTTP authentication filter (priority 200, route order -200) and of Quarkus REST's filter right
     * after it (priority 199), which for every request it sees builds a fresh JAX-RS request mapper to find the path
     * template (about a tenth of a {@code /live} request's allocation in a JFR profile); after the access log
     * ({@link TokenSafeAccessLog}, first of all) and the body handler. These routes are anonymous by definition
     * (DESIGN §3): no identity is read, and with lazy authentication ({@code quarkus.http.auth.proactive=false}) the
     * filter would not authenticate them either. No {@code quarkus.http.auth.permission.*} policy applies to them.
     */
    static final int BEFORE_AUTHENTICATION = -201;
    /** Where Quarkus REST and its observability integrations keep the matched path template. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    /** The routing context of the request being served, in its own (duplicated) Vert.x context. */
    private static final String SERVING = PublicRoutes.class.getName() + ".serving";
    private static final String HTML = PublicResponses.HTML.toString();

    private final PublicViewService pages;
    private final ErrorMapper errors;

    PublicRoutes(PublicViewService pages, ErrorMapper errors) {
        this.pages = pages;
        this.errors = errors;
    }

    void register(@Observes Router router) {
        int order = BEFORE_AUTHENTICATION;
        router.route("/m/:token").method(HttpMethod.GET).method(HttpMethod.HEAD).order(order)
                .handler(rc -> serve(rc, PAGE, q -> pages.monitorPage(rc.pathParam("token"), q.get("range"),
                        q.get("view"), Viewer.of(rc.request()))));
        router.route("/m/:token/live").method(HttpMethod.GET).method(HttpMethod.HEAD).order(order)
                .handler(rc -> serve(rc, LIVE, q -> pages.liveHtml(rc.pathParam("token"), q.get("range"))));
    }

    /**
     * The routing context {@link #serve} is answering on the current Vert.x context (each request has its own
     * duplicated context), or null: how {@link ShareResolver} finds the request to leave a link's framing on.
     */
    static RoutingContext servedHere() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) ? context.getLocal(SERVING) : null;
    }

    private void serve(RoutingContext rc, String template, Function<MultiMap, Uni<EncodedBody>> body) {
        if (rc.request() instanceof HttpServerRequestInternal request) {
            request.context().putLocal(URL_PATH_TEMPLATE, template);
        }
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(SERVING, rc);
        }
        MultiMap query;
        try {
            query = rc.queryParams();
        } catch (RuntimeException malformed) { // a query the router cannot decode (a bad %-escape)
            fail(rc, PublicFailure.badRequest("malformed query string"));
            return;
        }
        Uni<EncodedBody> answer;
        try {
            answer = body.apply(query);
        } catch (RuntimeException e) { // a bad range is thrown before any Uni exists
            answer = Uni.createFrom().failure(e);
        }
        String encodings = rc.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
        answer.subscribe().with(b -> {
            HttpServerResponse response = rc.response();
            if (!response.ended()) {
                PublicHeadersFilter.tokenRouteHeaders(200, PublicHeadersFilter.frameAncestors(rc), response::putHeader);
                b.write(response, HTML, encodings);
            }
        }, failure -> fail(rc, failure));
    }

    private void fail(RoutingContext rc, Throwable failure) {
        HttpServerResponse response = rc.response();
        if (response.ended()) {
            return;
        }
        Response answer = errors.publicAnswer(failure, rc);
        response.setStatusCode(answer.getStatus());
        PublicHeadersFilter.tokenRouteHeaders(answer.getStatus(), null, response::putHeader);
        answer.getStringHeaders().forEach((name, values) -> response.headers().set(name, values));
        if (answer.getMediaType() != null) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, answer.getMediaType().toString());
        }
        response.end(Buffer.buffer(answer.getEntity() instanceof byte[] bytes ? bytes : new byte[0]));
    }
}
