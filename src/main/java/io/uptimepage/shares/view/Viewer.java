package io.uptimepage.shares.view;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client of a page view as the request shows it: its IP (the remote address after Quarkus' proxy-address
 * resolution) and User-Agent. Transient: only ever hashed ({@code stats.ViewerKey}), never stored or logged.
 */
public record Viewer(String clientIp, String userAgent) {

    public static Viewer of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return new Viewer(remote == null ? null : remote.hostAddress(), request.getHeader("User-Agent"));
    }

    @Override
    public String toString() {
        return "Viewer[redacted]";
    }
}
