package io.uptimepage.shares.support;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test can send a request target exactly as a hostile client would
 * ({@code /m//T}, {@code /%6D/T}, {@code /x/../m/T}): every HTTP client library normalises or re-encodes those.
 */
public final class RawHttp {

    /** A response: status, headers (lower-case names, last value wins) and the body as text. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    private RawHttp() {
    }

    public static Response get(String target) {
        return send("GET", target, Map.of(), null);
    }

    /** Sends one request to the Quarkus test port; {@code body} may be null. Header values are sent verbatim. */
    public static Response send(String method, String target, Map<String, String> headers, byte[] body) {
        return send(null, RestAssured.port, method, target, headers, body);
    }

    /**
     * Sends one request to {@code 127.0.0.1:port} from the local address {@code from} (null: the system's choice), so
     * a test can be several clients at once: Linux delivers all of 127.0.0.0/8 on the loopback interface, so a socket
     * bound to 127.0.0.2 reaches a server on 127.0.0.1, which sees 127.0.0.2 as the client address.
     */
    public static Response send(InetAddress from, int port, String method, String target, Map<String, String> headers,
            byte[] body) {
        try (Socket s = new Socket()) {
            if (from != null) {
                s.bind(new InetSocketAddress(from, 0));
            }
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(15_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n").append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException refusedMidBody) {
                // the server may answer (413 over the body limit) and close before the body is all sent: read that
                // answer if it arrived; if the close reset the connection, the read below fails and so do we
            }
            return parse(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    private static Response parse(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (split < 0) {
            throw new IOException("no HTTP response head: " + new String(all, StandardCharsets.UTF_8));
        }
        String[] lines = new String(all, 0, split, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int from = split + 4;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (from < all.length) {
                int eol = indexOf(all, new byte[] { '\r', '\n' }, from);
                int size = Integer.parseInt(new String(all, from, eol - from, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                body.write(all, eol + 2, size);
                from = eol + 2 + size + 2;
            }
        } else {
            body.write(all, from, all.length - from);
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
