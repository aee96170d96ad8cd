package io.uptimepage.shares.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a real PostgreSQL server without Docker: zonky's embedded binaries first (pinned major, from
 * Maven Central), then, when zonky cannot run (initdb refuses root and {@code unshare -U} is unavailable),
 * the machine's Debian binaries through {@code runuser -u postgres}.
 *
 * <p>Used by the zero-configuration default ({@link EmbeddedPostgresConfigSourceFactory}) and by the tests.
 */
public final class PostgresLauncher implements AutoCloseable {

    /** A running server: where to connect and how to stop it. */
    private final int port;
    private final String mode;
    private final EmbeddedPostgres zonky;
    private final Path systemDir;
    private final String systemBin;
    private final boolean removeOnClose;

    private PostgresLauncher(int port, String mode, EmbeddedPostgres zonky, Path systemDir, String systemBin,
            boolean removeOnClose) {
        this.port = port;
        this.mode = mode;
        this.zonky = zonky;
        this.systemDir = systemDir;
        this.systemBin = systemBin;
        this.removeOnClose = removeOnClose;
    }

    /**
     * Starts a server keeping its files under {@code dataDir} ({@code null} = a fresh temporary cluster
     * removed on close). {@code mode} is {@code auto} (zonky, then system), {@code zonky} or {@code system}.
     */
    public static PostgresLauncher start(Path dataDir, String mode) {
        boolean temporary = dataDir == null;
        if (!"system".equals(mode)) {
            try {
                return startZonky(dataDir, temporary);
            } catch (IOException | RuntimeException e) {
                if ("zonky".equals(mode)) {
                    throw new IllegalStateException("embedded PostgreSQL failed to start: " + e.getMessage(), e);
                }
            }
        }
        return startSystem(dataDir, temporary);
    }

    /** zonky relays initdb/postgres output at INFO before Quarkus logging exists; keep the console readable. */
    private static final java.util.logging.Logger ZONKY_LOG = java.util.logging.Logger.getLogger("io.zonky");

    private static PostgresLauncher startZonky(Path dataDir, boolean temporary) throws IOException {
        ZONKY_LOG.setLevel(java.util.logging.Level.WARNING);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false) // the app stops it after its own shutdown work (view-count flush)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("max_connections", "200");
        if (!temporary) {
            Path pg = dataDir.resolve("pg");
            Files.createDirectories(pg.getParent());
            builder.setDataDirectory(pg).setCleanDataDirectory(false);
        }
        EmbeddedPostgres pg = builder.start();
        return new PostgresLauncher(pg.getPort(), "zonky", pg, null, null, temporary);
    }

    private static PostgresLauncher startSystem(Path dataDir, boolean temporary) {
        String bin = systemBinDir();
        try {
            Path dir = temporary ? Files.createTempDirectory("shares-pg-") : dataDir.resolve("pg-system");
            Files.createDirectories(dir);
            run(List.of("chown", "postgres:", dir.toString()));
            Path data = dir.resolve("data");
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                asPostgres(bin + "/initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                        "--no-sync");
            }
            int port = freePort();
            asPostgres(bin + "/pg_ctl", "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w", "-t",
                    "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                            + (temporary ? " -c fsync=off" : ""),
                    "start");
            return new PostgresLauncher(port, "system", null, dir, bin, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("system PostgreSQL failed to start", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code zonky} or {@code system}: which binaries are running. */
    public String mode() {
        return mode;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() {
        try {
            if (zonky != null) {
                zonky.close();
            } else {
                asPostgres(systemBin + "/pg_ctl", "-D", systemDir.resolve("data").toString(), "-m", "fast", "-w",
                        "stop");
                if (removeOnClose) {
                    deleteTree(systemDir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    private static String systemBinDir() {
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            return dirs.map(d -> d.resolve("bin"))
                    .filter(d -> Files.isExecutable(d.resolve("initdb")))
                    .max(Comparator.comparingInt(d -> Integer.parseInt(d.getParent().getFileName().toString())))
                    .map(Path::toString)
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "no PostgreSQL binaries: zonky could not start and /usr/lib/postgresql/*/bin/initdb is missing "
                            + "(apt-get install -y postgresql)");
        }
    }

    private static void asPostgres(String... command) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> cmd = root ? Stream.concat(Stream.of("runuser", "-u", "postgres", "--"), Stream.of(command)).toList()
                : List.of(command);
        run(cmd);
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(cmd.get(cmd.size() > 3 ? 3 : 0) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
