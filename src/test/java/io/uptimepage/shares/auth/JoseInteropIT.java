package io.uptimepage.shares.auth;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 14's interop on the PACKAGED jar, in {@code ./mvnw verify} (failsafe, after packaging): runs
 * {@code src/test/interop/jose-jwks.sh}, where node {@code jose} 5.10 (fetched from the npm registry into a temp dir)
 * publishes an RS256 and an ES256 key in one JWKS and signs the tokens, and the jar mints, lists and revokes with each
 * and answers 401 to an unknown kid, an alg mismatch, an expired token and a wrong audience. Skipped only when node or
 * npm is not installed. The transcript goes to {@code target/interop/jose-jwks.log}.
 */
class JoseInteropIT {

    static final Path SCRIPT = Path.of("src", "test", "interop", "jose-jwks.sh");
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final Path LOG = Path.of("target", "interop", "jose-jwks.log");

    static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    @Test
    void tokensSignedByNodeJoseWithRs256AndEs256KeysOfOneJwksWorkOnThePackagedJarAndForgeriesAre401() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "node/npm not installed: the jose interop needs them");
        assertTrue(Files.exists(JAR), "the jar is packaged before failsafe runs: " + JAR);
        Files.createDirectories(LOG.getParent());
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true)
                .redirectOutput(LOG.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAR", JAR.toString());
        Process run = pb.start();
        boolean finished = run.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            run.destroy(); // the script's trap stops the jar and the issuer it started
            run.waitFor(30, TimeUnit.SECONDS);
        }
        String transcript = Files.readString(LOG);
        System.out.println(transcript);
        assertTrue(finished, "the interop script did not finish within 5 minutes");
        assertEquals(0, run.exitValue(), "the interop script failed, see " + LOG);
        assertTrue(transcript.contains("== interop: all checks passed"), transcript);
        assertTrue(transcript.contains("ok   ec-1 mint → 201") && transcript.contains("ok   rsa-1 mint → 201"), transcript);
    }
}
