package io.uptimepage.shares.share;

import io.uptimepage.shares.auth.InternalBearer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.uptimepage.shares.error.ErrorEnvelope;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;

/**
 * {@code POST /internal/v1/import} (DESIGN §11) as a plain Vert.x route, so the body is read as a stream: the app's
 * 64 KiB request limit ({@code quarkus.http.limits.max-body-size}) is enforced by a route of order
 * {@link RouteConstants#ROUTE_ORDER_UPLOAD_LIMIT} and by RESTEasy's body reader, and this route runs before both.
 * The request is paused while a batch is written, so at most one chunk of lines beyond a batch is ever held
 * (TCP backpressure does the rest). Bodies are accepted up to {@value #MAX_BODY_BYTES} bytes.
 */
@ApplicationScoped
public class ImportRoute {

    static final String PATH = "/internal/v1/import";
    static final long MAX_BODY_BYTES = 1L << 30;
    private static final String NDJSON = "application/x-ndjson";

    private final ImportService imports;
    private final InternalBearer bearer;
    private final ObjectMapper json;

    ImportRoute(ImportService imports, InternalBearer bearer, ObjectMapper json) {
        this.imports = imports;
        this.bearer = bearer;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.POST, PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (!bearer.configured()) {
            ctx.next(); // no internal token: the endpoint does not exist (the usual 404)
            return;
        }
        if (!bearer.accepts(req.getHeader(HttpHeaders.AUTHORIZATION))) {
            // The same answer as the other internal endpoints get from error.ErrorMapper.
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            error(ctx, 401, "UNAUTHORIZED", "a valid bearer token is required");
            return;
        }
        String type = req.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(NDJSON)) {
            error(ctx, 415, "INVALID_CONTENT_TYPE", "Content-Type must be " + NDJSON);
            return;
        }
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLong(length) > MAX_BODY_BYTES) {
            error(ctx, 413, "PAYLOAD_TOO_LARGE", "an import body may be at most 1 GiB");
            return;
        }
        String dryRun = req.getParam("dry_run");
        if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
            error(ctx, 400, "INVALID_QUERY", "dry_run must be true or false");
            return;
        }
        stream(ctx, imports.start("true".equals(dryRun)));
    }

    private void stream(RoutingContext ctx, ImportService.Run run) {
        HttpServerRequest req = ctx.request();
        LineSplitter lines = new LineSplitter(ImportService.MAX_LINE_BYTES, run::line);
        long[] received = { 0 };
        boolean[] failed = { false };
        req.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            received[0] += chunk.length();
            if (received[0] > MAX_BODY_BYTES) {
                failed[0] = true;
                error(ctx, 413, "PAYLOAD_TOO_LARGE", "an import body may be at most 1 GiB; the rows before the limit were imported");
                return;
            }
            lines.feed(chunk);
            if (run.batchFull()) {
                req.pause();
                run.flush().subscribe().with(ok -> req.resume(), e -> {
                    failed[0] = true;
                    fail(ctx, e);
                    req.resume(); // drain the rest of the body; the answer is already sent
                });
            }
        });
        req.exceptionHandler(e -> failed[0] = true);
        req.endHandler(v -> {
            if (failed[0]) {
                return;
            }
            lines.end();
            run.finish().subscribe().with(report -> respond(ctx, 200, report), e -> fail(ctx, e));
        });
        req.resume();
    }

    private void fail(RoutingContext ctx, Throwable e) {
        // The SQLSTATE, not the message: a constraint message would quote a row's values.
        Log.errorf("import failed: %s%s", e.getClass().getName(),
                e instanceof PgException pg ? " (SQLSTATE " + pg.getSqlState() + ")" : "");
        error(ctx, 503, "SERVICE_UNAVAILABLE", "the import could not be written; rows before this point may be in");
    }

    private void error(RoutingContext ctx, int status, String code, String message) {
        respond(ctx, status, ErrorEnvelope.of(code, message, null, null));
    }

    private void respond(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        try {
            ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(500).end();
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
