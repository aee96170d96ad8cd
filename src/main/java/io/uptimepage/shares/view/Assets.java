package io.uptimepage.shares.view;

import io.smallrye.common.annotation.NonBlocking;
import io.uptimepage.shares.error.PublicFailure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's own static files under {@code /m/_/{version}/…}, so the ingress rule {@code /m/*} covers everything the
 * page loads and no CDN is involved. Held in memory; the version is a digest of the contents, so the URLs can be
 * cached as immutable and change whenever a file does.
 */
@Path("/m/_")
public class Assets {

    private record Asset(byte[] bytes, String type) {
    }

    private static final Map<String, Asset> FILES = new LinkedHashMap<>();

    static {
        load("share.css", "assets/share.css", "text/css;charset=UTF-8");
        load("share.js", "assets/share.js", "text/javascript;charset=UTF-8");
        load("favicon.svg", "assets/favicon.svg", "image/svg+xml");
        load("uPlot.min.js", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "text/javascript;charset=UTF-8");
        load("uPlot.min.css", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css", "text/css;charset=UTF-8");
    }

    /** Digest of every asset: part of each asset URL. */
    public static final String VERSION = digest();

    @GET
    @Path("{version}/{name}")
    @NonBlocking
    public Response asset(@PathParam("version") String version, @PathParam("name") String name) {
        Asset a = FILES.get(name);
        if (a == null) {
            throw PublicFailure.NOT_FOUND;
        }
        return Response.ok(a.bytes(), a.type()).build();
    }

    private static void load(String name, String resource, String type) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing asset " + resource);
            }
            FILES.put(name, new Asset(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            FILES.values().forEach(a -> md.update(a.bytes()));
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
