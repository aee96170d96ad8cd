package io.uptimepage.shares.view;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One rendered body, encoded once for every viewer: the UTF-8 bytes and their gzip form, each in a Vert.x
 * {@link Buffer} that is written as it is (no per-request encoding, compression or copy into a new array). A request
 * gets the gzip form when its {@code Accept-Encoding} allows gzip; every answer says {@code Vary: Accept-Encoding}.
 */
public final class EncodedBody {

    private final Buffer plain;
    private final Buffer gzip;

    private EncodedBody(Buffer plain, Buffer gzip) {
        this.plain = plain;
        this.gzip = gzip;
    }

    public static EncodedBody of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new EncodedBody(Buffer.buffer(bytes), Buffer.buffer(gzip(bytes)));
    }

    /** 200 with this body in the encoding {@code acceptEncoding} allows. */
    public Response ok(MediaType type, String acceptEncoding) {
        boolean gz = acceptsGzip(acceptEncoding);
        Response.ResponseBuilder r = Response.ok(gz ? gzip : plain, type).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        return (gz ? r.header(HttpHeaders.CONTENT_ENCODING, "gzip") : r).build();
    }

    /**
     * Ends {@code response} with this body in the encoding {@code acceptEncoding} allows, as {@link #ok} answers it:
     * the shared buffer itself, {@code Vary: Accept-Encoding}, {@code Content-Length} set by Vert.x.
     */
    void write(HttpServerResponse response, String contentType, String acceptEncoding) {
        boolean gz = acceptsGzip(acceptEncoding);
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType).putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (gz) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.end(gz ? gzip : plain);
    }

    int plainLength() {
        return plain.length();
    }

    int gzipLength() {
        return gzip.length();
    }

    /**
     * Whether an {@code Accept-Encoding} value (RFC 9110 §12.5.3) allows gzip: {@code gzip}, {@code x-gzip} or
     * {@code *} listed without {@code q=0}. Anything malformed counts as "no", which is always safe.
     */
    static boolean acceptsGzip(String header) {
        if (header == null || header.isEmpty() || header.length() > 512) {
            return false;
        }
        boolean star = false;
        for (String part : header.split(",", -1)) {
            String[] params = part.split(";", -1);
            String coding = params[0].strip().toLowerCase(Locale.ROOT);
            boolean allowed = qualityAbove0(params);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return allowed;
            }
            if (coding.equals("*")) {
                star = allowed;
            }
        }
        return star;
    }

    private static boolean qualityAbove0(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip();
            if (p.length() >= 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    return Double.parseDouble(p.substring(2).strip()) > 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
