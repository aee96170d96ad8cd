package io.uptimepage.shares.replica;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica: the packaged jar ({@code java -jar target/quarkus-app/quarkus-run.jar}) as a real OS process, on its
 * own port, configured only through the environment variables of DESIGN §10, output appended to
 * {@code target/replica/<name>.log}. SIGTERM and SIGKILL are {@link Process#destroy()} and
 * {@link Process#destroyForcibly()}.
 */
final class Instance {

    final String name;
    final int port;
    private final Path jar;
    private final Path workDir;
    private final Path log;
    private final Map<String, String> env;
    private volatile Process process;
    private volatile boolean stopRequested;
    private int starts;

    Instance(String name, int port, Path jar, Path workDir, Map<String, String> env) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.workDir = workDir.resolve(name);
        this.log = workDir.resolve(name + ".log");
        this.env = env;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    int starts() {
        return starts;
    }

    synchronized void start() throws IOException {
        Files.createDirectories(workDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only what a deployment sets: drop anything of ours the build's environment may carry.
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("SHARES_") || k.startsWith("MP_JWT_"));
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Files.writeString(log, "\n==== start #" + (starts + 1) + " of " + name + " on port " + port + " ====\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        stopRequested = false;
        process = pb.start();
        starts++;
    }

    /**
     * Non-null when the process is gone although this suite never stopped it (a crash, the OOM killer, or a signal
     * from outside the suite): the exit code, so the report can say so instead of showing only refused connections.
     */
    String unexpectedExit() {
        Process p = process;
        if (p == null || p.isAlive() || stopRequested) {
            return null;
        }
        int code = p.exitValue();
        return name + " (pid " + p.pid() + ") exited by itself with " + code
                + (code == 143 ? " (SIGTERM from outside the suite)" : code == 137 ? " (SIGKILL from outside the suite)" : "")
                + "; see " + log.getFileName();
    }

    /** Waits until {@code /q/health/ready} answers 200; returns how long that took. */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            if (Http.get(base() + "/q/health/ready").status() == 200) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    /** SIGTERM, then waits for the exit: returns the exit code. */
    int sigterm(Duration timeout) throws InterruptedException {
        Process p = process;
        stopRequested = true;
        p.destroy();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not stop within " + timeout + " of SIGTERM");
        }
        return p.exitValue();
    }

    /** SIGTERM without waiting (the caller does something while the replica shuts down, then {@link #awaitExit}). */
    void sendSigterm() {
        stopRequested = true;
        process.destroy();
    }

    /** Waits for the process to exit: returns the exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        Process p = process;
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not stop within " + timeout + " of SIGTERM");
        }
        return p.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, connections dropped mid-request. */
    void kill9() throws InterruptedException {
        Process p = process;
        stopRequested = true;
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** Cleanup: whatever state it is in, it is gone afterwards. */
    void destroy() {
        Process p = process;
        if (p == null) {
            return;
        }
        stopRequested = true;
        try {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(25, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }
}
