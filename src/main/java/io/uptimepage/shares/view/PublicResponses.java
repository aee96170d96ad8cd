package io.uptimepage.shares.view;

import io.uptimepage.shares.error.PublicPages;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;

/**
 * The anonymous surface's failure pages. Each is a constant byte array, so the 404 is byte-identical whatever the
 * cause (unknown, malformed, expired, revoked, deleted or held monitor) and on every {@code /m/*} route; the headers
 * come from {@link PublicHeadersFilter} like every other public response. The error mapper reaches them through
 * {@link PublicPages}.
 */
@Singleton
public final class PublicResponses implements PublicPages {

    public static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    private static final byte[] NOT_FOUND = page("Link not found",
            "This share link does not exist, has expired, or was revoked. Ask whoever shared it for a new one.");
    private static final byte[] BAD_REQUEST = page("Bad request",
            "The requested time window is not valid.");
    private static final byte[] UNAVAILABLE = page("Temporarily unavailable",
            "This page cannot be shown right now. It will come back by itself; try again in a minute.");
    private static final byte[] TOO_MANY = page("Too many requests",
            "This link has asked for too much data in a short time. Try again in a minute.");
    private static final byte[] ERROR = page("Something went wrong",
            "This page cannot be shown right now. Try again in a minute.");

    @Override
    public Response failure(int status, Long retryAfterSeconds) {
        byte[] body = switch (status) {
            case 404 -> NOT_FOUND;
            case 400 -> BAD_REQUEST;
            case 429 -> TOO_MANY;
            case 503 -> UNAVAILABLE;
            default -> ERROR;
        };
        Response.ResponseBuilder r = Response.status(status == 404 || status == 400 || status == 429 || status == 503
                ? status : 500).type(HTML).entity(body);
        return (retryAfterSeconds == null ? r : r.header("Retry-After", retryAfterSeconds)).build();
    }

    private static byte[] page(String title, String text) {
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex, nofollow">
                <title>%s</title>
                <link rel="icon" href="/m/_/%s/favicon.svg" type="image/svg+xml">
                <link rel="stylesheet" href="/m/_/%s/share.css">
                </head>
                <body class="error-page">
                <main class="error-box">
                <h1>%s</h1>
                <p>%s</p>
                </main>
                </body>
                </html>
                """.formatted(title, Assets.VERSION, Assets.VERSION, title, text);
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
