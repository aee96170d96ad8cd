package io.uptimepage.shares.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place exceptions become responses. The operator API and everything else answer with the core's error
 * envelope; the anonymous {@code /m/*} surface answers with its own small HTML pages, and every bad token there
 * gets the byte-identical 404 ({@link PublicPages}). No stack trace, class name or token ever reaches a body.
 */
public class ErrorMapper {

    /** {@code Retry-After} of a public 503 when the core cannot answer: about one circuit-breaker delay. */
    private static final long PUBLIC_RETRY_AFTER_SECONDS = 5;

    /** Server shutting down / crashed / starting (57P01-57P03) and connection exceptions (08000-08006). */
    private static final Pattern DB_GONE_SQLSTATE = Pattern.compile("\\((57P0[1-3]|0800[0-6])\\)");

    private final PublicPages pages;

    public ErrorMapper(PublicPages pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, RoutingContext rc) {
        if (e.status() >= 500) {
            Log.warnf("%s %s → %d %s%s", rc.request().method(), LogRoute.of(rc), e.status(), e.code(),
                    e.logDetail() == null ? "" : " (" + e.logDetail() + ")");
        }
        if (isPublic(rc)) {
            // a core that refused our request (CoreRejectedException 502) is our fault to fix, not an outage
            return e.status() == 404 || e.status() == 400 ? pages.failure(e.status())
                    : e.status() == 502 ? pages.failure(500)
                    : pages.failure(503, PUBLIC_RETRY_AFTER_SECONDS);
        }
        return envelope(e.status(), e.code(), e.getMessage(), e.field(), e.details());
    }

    /** Timeout or open circuit around a core call: the core is unavailable, like any other transient failure. */
    @ServerExceptionMapper
    public Response coreFaultTolerance(FaultToleranceException e, RoutingContext rc) {
        return api(ApiException.coreUnavailable(e.getClass().getSimpleName()), rc);
    }

    /**
     * The answer to a failure of a public request served outside JAX-RS ({@code view.PublicRoutes}): the same
     * mapping, picked by the same exception types, that a resource method's failure gets from the methods here.
     */
    public Response publicAnswer(Throwable failure, RoutingContext rc) {
        if (failure instanceof PublicFailure e) {
            return publicFailure(e);
        }
        if (failure instanceof ApiException e) {
            return api(e, rc);
        }
        if (failure instanceof FaultToleranceException e) {
            return coreFaultTolerance(e, rc);
        }
        if (failure instanceof WebApplicationException e) {
            return webApplication(e, rc);
        }
        return unexpected(failure instanceof Exception e ? e : new IllegalStateException(failure), rc);
    }

    @ServerExceptionMapper
    public Response publicFailure(PublicFailure e) {
        return pages.failure(e.status(), e.retryAfterSeconds());
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthorized(RoutingContext rc) {
        if (isPublic(rc)) {
            return pages.failure(404);
        }
        return Response.fromResponse(envelope(401, "UNAUTHORIZED", "a valid bearer token is required", null, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return envelope(403, "INSUFFICIENT_SCOPE", "the token is missing the required scope `targets:write`", null, null);
    }

    @ServerExceptionMapper
    public Response unknownJsonKey(UnrecognizedPropertyException e) {
        return envelope(422, "INVALID_JSON", "unknown field `" + e.getPropertyName() + "`", e.getPropertyName(), null);
    }

    /**
     * A body that is JSON but not the request object ({@code [1,2]}, {@code 42}, a label that is an array): Quarkus'
     * own mapper for this subtype would otherwise win over {@link #badJson} with a bare 400 and no envelope.
     */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return envelope(400, "INVALID_JSON", "the request body is not valid JSON for this endpoint", null, null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, RoutingContext rc) {
        if (isPublic(rc)) {
            return pages.failure(404);
        }
        return envelope(404, "NOT_FOUND", "no such endpoint", null, null);
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, RoutingContext rc) {
        if (isPublic(rc)) {
            return pages.failure(404);
        }
        Response.ResponseBuilder r = Response.fromResponse(
                envelope(405, "METHOD_NOT_ALLOWED", "method not allowed on this endpoint", null, null));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return (allow == null ? r : r.header(HttpHeaders.ALLOW, allow)).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return envelope(415, "INVALID_CONTENT_TYPE", "the request body must be application/json", null, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, RoutingContext rc) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return json instanceof UnrecognizedPropertyException u ? unknownJsonKey(u) : badJson(json);
        }
        if (isPublic(rc)) {
            return pages.failure(status >= 500 ? 503 : status == 400 ? 400 : 404);
        }
        if (status >= 500) {
            Log.errorf("%s %s → %d (%s)", rc.request().method(), LogRoute.of(rc), status, e.getClass().getSimpleName());
            return envelope(500, "INTERNAL", "internal error", null, null);
        }
        return envelope(status, status == 400 ? "BAD_REQUEST" : status == 406 ? "NOT_ACCEPTABLE" : "REQUEST_REJECTED",
                "the request was rejected", null, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, RoutingContext rc) {
        boolean dbDown = isDatabaseUnavailable(e);
        if (dbDown) {
            Log.warnf("%s %s → 503: database unavailable (%s)", rc.request().method(), LogRoute.of(rc), rootMessage(e));
        } else {
            Log.errorf(e, "%s %s → 500", rc.request().method(), LogRoute.of(rc));
        }
        if (isPublic(rc)) {
            return pages.failure(dbDown ? 503 : 500);
        }
        return dbDown ? envelope(503, "SERVICE_UNAVAILABLE", "the service is temporarily unavailable; try again shortly", null, null)
                : envelope(500, "INTERNAL", "internal error", null, null);
    }

    static Response envelope(int status, String code, String message, String field, Map<String, Object> details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorEnvelope.of(code, message, field, details)).build();
    }

    private static boolean isPublic(RoutingContext rc) {
        return LogRoute.isPublic(rc);
    }

    /**
     * True when the failure is the database being unreachable (stopped, restarting, network), not a bug. Looks at the
     * whole cause chain and at suppressed exceptions: Hibernate Reactive reports a connection that died inside a
     * transaction as a Mutiny {@code CompositeException} (first cause {@code SocketException: Connection reset},
     * suppressed {@code HR000090 Live transaction detected}), which a cause-only walk of the message missed (→ 500).
     */
    public static boolean isDatabaseUnavailable(Throwable e) {
        return isDatabaseUnavailable(e, 0);
    }

    private static boolean isDatabaseUnavailable(Throwable e, int depth) {
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            // SocketException covers ConnectException (refused) and "Connection reset" of a server that went away.
            if (t instanceof SocketException || t instanceof ClosedChannelException || name.endsWith("ClosedConnectionException")
                    || name.startsWith("io.vertx.pgclient") && DB_GONE_SQLSTATE.matcher(message).find()
                    || message.contains("Connection refused")
                    || name.endsWith("ConnectionPoolTooBusyException") || name.contains("NoStackTraceTimeoutException")) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isDatabaseUnavailable(suppressed, depth + 1)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
