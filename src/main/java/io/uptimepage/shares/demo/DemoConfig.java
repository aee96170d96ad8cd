package io.uptimepage.shares.demo;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Demo-mode settings. Nobody sets these by hand: {@code db.EmbeddedPostgresConfigSourceFactory} fills them in when
 * it generates the dev JWT key pair (demo mode, no JWT key configured).
 */
@ConfigMapping(prefix = "shares.demo")
public interface DemoConfig {

    /** The generated dev signing key (PEM); absent when operator JWTs are verified against a configured key. */
    Optional<Path> jwtPrivateKey();
}
