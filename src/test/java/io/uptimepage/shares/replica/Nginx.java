package io.uptimepage.shares.replica;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * nginx as the stand-in ingress: round-robin over the replicas, routing only what {@code k8s/ingress.yaml} routes
 * ({@code /m/} and {@code /api/v1/targets/<id>/shares…}). Runs in the foreground as a child of the test JVM with a
 * config generated from {@code src/test/resources/replica/nginx.conf}.
 */
final class Nginx {

    private final Path dir;
    final int port;
    private Process process;

    Nginx(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static Optional<Path> binary() {
        return Stream.concat(Stream.of("/usr/sbin/nginx"),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(p -> p + "/nginx"))
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    static String version(Path nginx) {
        try {
            Process p = new ProcessBuilder(nginx.toString(), "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return out.replace("nginx version: ", "");
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    void start(Path binary, List<Integer> upstreamPorts) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("tmp"));
        String template;
        try (InputStream in = Nginx.class.getResourceAsStream("/replica/nginx.conf")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String servers = upstreamPorts.stream()
                .map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=2s;")
                .collect(Collectors.joining("\n"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, template.replace("@DIR@", dir.toString()).replace("@PORT@", Integer.toString(port))
                .replace("@SERVERS@", servers));
        process = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nginx.out").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("nginx.out")) + " (config " + conf + ")");
            }
            if (Http.get(base() + "/").status() == 404) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("nginx did not answer on " + base());
    }

    void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> workers = p.descendants().toList();
        try {
            p.destroy(); // SIGTERM: fast shutdown of master and workers
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
