package io.uptimepage.shares.replica;

import io.uptimepage.shares.db.PostgresLauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The ONE PostgreSQL every replica shares. Started by the app's own {@link PostgresLauncher} in {@code system} mode
 * (Debian binaries through runuser) with a data directory this suite controls, so the fault tests can stop it with
 * {@code pg_ctl} and start it again on the SAME port, which is what the replicas are configured with. (zonky picks a
 * new port on every start, which would not model a database coming back.)
 */
final class SharedPostgres implements AutoCloseable {

    private final Path root;
    private final PostgresLauncher launcher;
    private final String bin;

    private SharedPostgres(Path root, PostgresLauncher launcher, String bin) {
        this.root = root;
        this.launcher = launcher;
        this.bin = bin;
    }

    static SharedPostgres start(Path root) throws IOException {
        String bin = binDir();
        if (Files.exists(root.resolve("pg-system/data/postmaster.pid"))) { // a leftover of an aborted run
            try {
                asPostgres(List.of(bin + "/pg_ctl", "-D", root.resolve("pg-system/data").toString(), "-m", "immediate", "-w",
                        "stop"));
            } catch (IOException ignored) {
                // not running any more
            }
        }
        deleteTree(root);
        Files.createDirectories(root);
        // The server runs as the postgres user: it must be able to reach its directory.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new SharedPostgres(root, PostgresLauncher.start(root, "system"), bin);
    }

    int port() {
        return launcher.port();
    }

    String jdbcUrl() {
        return launcher.jdbcUrl();
    }

    String reactiveUrl() {
        return launcher.reactiveUrl();
    }

    String version() {
        return Path.of(bin).getParent().getFileName().toString();
    }

    private Path dir() {
        return root.resolve("pg-system");
    }

    /** Fast shutdown: every session is terminated, new connections are refused. */
    void stop() throws IOException {
        asPostgres(List.of(bin + "/pg_ctl", "-D", dir().resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop"));
    }

    /** Starts the same cluster again on the same port. */
    void startAgain() throws IOException {
        asPostgres(List.of(bin + "/pg_ctl", "-D", dir().resolve("data").toString(), "-l", dir().resolve("log").toString(), "-w",
                "-t", "60", "-o", "-p " + port() + " -k " + dir() + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start"));
    }

    boolean running() {
        try {
            asPostgres(List.of(bin + "/pg_ctl", "-D", dir().resolve("data").toString(), "status"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    long count(String sql, Object... args) {
        return ((Number) query(sql, args).get(0).get(0)).longValue();
    }

    List<List<Object>> query(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (running()) {
                launcher.close();
            }
        } finally {
            try {
                deleteTree(root);
            } catch (IOException e) {
                System.err.println("REPLICA could not remove " + root + ": " + e.getMessage());
            }
        }
    }

    private static String binDir() {
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            return dirs.map(d -> d.resolve("bin")).filter(d -> Files.isExecutable(d.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(d -> Integer.parseInt(d.getParent().getFileName().toString())))
                    .map(Path::toString).orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the replica suite needs the Debian PostgreSQL binaries "
                    + "(/usr/lib/postgresql/*/bin/pg_ctl): apt-get install -y postgresql");
        }
    }

    private static void asPostgres(List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
