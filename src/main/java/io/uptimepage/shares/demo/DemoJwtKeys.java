package io.uptimepage.shares.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The demo-mode operator JWT key pair: generated at first start into {@code <data dir>/dev-jwt/} (never committed)
 * and trusted only while no core URL is configured, so a newcomer can call the shares API with zero setup.
 */
public record DemoJwtKeys(Path privateKeyPath, Path publicKeyPath) {

    public static final String ISSUER = "https://shares.demo.local";
    public static final String AUDIENCE = "share-links";

    /** Returns the key pair under {@code dataDir}, generating it on first use. */
    public static synchronized DemoJwtKeys ensure(Path dataDir) {
        Path dir = dataDir.resolve("dev-jwt");
        DemoJwtKeys keys = new DemoJwtKeys(dir.resolve("private-key.pem"), dir.resolve("public-key.pem"));
        if (Files.exists(keys.privateKeyPath) && Files.exists(keys.publicKeyPath)) {
            return keys;
        }
        try {
            Files.createDirectories(dir);
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            Files.writeString(keys.privateKeyPath, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(keys.publicKeyPath, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            try {
                Files.setPosixFilePermissions(keys.privateKeyPath, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system: nothing stronger to do
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo JWT key pair under " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
