package io.uptimepage.shares.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.support.CoreShareRows;
import io.uptimepage.shares.support.Jwts;
import io.uptimepage.shares.support.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Several replicas of the packaged jar on ONE PostgreSQL behind nginx (the stand-in ingress), as real processes on
 * this machine, and the faults a cluster meets: revocation and pause/resume seen by every replica at once, the
 * ingress's per-client-address limit on {@code /m/}, plan caps under
 * concurrent mints across replicas, view counts summed across replicas and kept over SIGTERM, {@code kill -9}
 * under load, PostgreSQL stopped under load, the core gone, and a core export imported through one replica and served
 * by the other. Each check prints one {@code REPLICA …} line of
 * numbers and ends up in {@code target/replica/results.md}; process output is in {@code target/replica/*.log}.
 *
 * <p>Run by failsafe in {@code ./mvnw verify} (after the jar is packaged). Tunables, as {@code -D} system
 * properties: {@code replica.instances} (2), {@code replica.revocation-trials} (200), {@code replica.pause-trials} (100),
 * {@code replica.outage-seconds} (10).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ReplicaSuiteIT.Verdicts.class)
class ReplicaSuiteIT {

    static final Path OUT = Path.of("target", "replica").toAbsolutePath();
    static final int INSTANCES = Math.max(2, Integer.getInteger("replica.instances", 2));
    static final int TRIALS = Integer.getInteger("replica.revocation-trials", 200);
    static final int OUTAGE_SECONDS = Integer.getInteger("replica.outage-seconds", 10);
    static final int PAUSE_TRIALS = Integer.getInteger("replica.pause-trials", 100);
    /** {@code shares.view.view-flush-interval} for the suite (the default is 5 s). */
    static final Duration FLUSH = Duration.ofSeconds(1);
    /** A test-only key-encryption key (the one the @QuarkusTest profile uses): every replica must open every row. */
    static final String TEST_KEK = "P4vePEouIDlTEpz/dMRa6qki+ktheqt1MWyiuJiBXxE=";
    /** {@code SHARES_INTERNAL_TOKEN} of every replica: the bearer of {@code /internal/v1/import}. */
    static final String INTERNAL_TOKEN = "replica-internal-token";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern FRESHNESS = Pattern.compile("data-freshness=\"([a-z]+)\"");

    static SharedPostgres pg;
    static FakeCore core;
    static final List<Instance> instances = new ArrayList<>();
    static Nginx nginx;
    private static volatile boolean stopped;

    // ------------------------------------------------------------------------------------------------ lifecycle

    @BeforeAll
    static void startCluster() throws Exception {
        Optional<Path> nginxBinary = Nginx.binary();
        if (nginxBinary.isEmpty()) {
            System.err.println("""

                    ############################################################################################
                    ##  REPLICA SUITE SKIPPED: nginx is not installed (apt-get install -y nginx).              ##
                    ##  The multi-replica, fault-injection checks did NOT run.                                 ##
                    ############################################################################################
                    """);
        }
        assumeTrue(nginxBinary.isPresent(),
                "REPLICA SUITE SKIPPED: nginx is not installed (apt-get install -y nginx); multi-replica checks did NOT run");
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no packaged jar at " + jar + ": run ./mvnw package (or verify) first");

        SharedPostgres.deleteTree(OUT);
        Files.createDirectories(OUT);
        Runtime.getRuntime().addShutdownHook(new Thread(ReplicaSuiteIT::stopEverything, "replica-cleanup"));

        long t0 = System.nanoTime();
        pg = SharedPostgres.start(OUT.resolve("pg"));
        long pgMs = millisSince(t0);
        core = new FakeCore(freePort());
        core.start();

        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", pg.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("SHARES_CORE_URL", core.url());
        env.put("SHARES_CORE_TOKEN", FakeCore.TOKEN);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                Path.of("src", "test", "resources", "test-jwt", "public-key.pem").toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_ISSUER", Jwts.ISSUER);
        env.put("MP_JWT_VERIFY_AUDIENCES", Jwts.AUDIENCE);
        env.put("SHARES_KEK", TEST_KEK);
        env.put("SHARES_INTERNAL_TOKEN", INTERNAL_TOKEN);
        env.put("SHARES_VIEW_VIEW_FLUSH_INTERVAL", FLUSH.toSeconds() + "s");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");

        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < INSTANCES; i++) {
            int port;
            do {
                port = freePort();
            } while (!ports.add(port));
            instances.add(new Instance("replica-" + (char) ('a' + i), port, jar, OUT, env));
        }
        // All at once on an empty database: Flyway's lock must serialise the concurrent migrations.
        long t1 = System.nanoTime();
        for (Instance in : instances) {
            in.start();
        }
        List<String> ready = new ArrayList<>();
        for (Instance in : instances) {
            awaitReady(in);
            ready.add(in.name + " :" + in.port + " ready after " + millisSince(t1) + " ms");
        }
        nginx = new Nginx(OUT.resolve("nginx"), freePort());
        nginx.start(nginxBinary.get(), instances.stream().map(i -> i.port).toList());

        Results.setup("PostgreSQL " + pg.version() + " (Debian binaries, one cluster) on :" + pg.port() + ", started in " + pgMs + " ms");
        Results.setup("WireMock core on " + core.url() + "; nginx " + Nginx.version(nginxBinary.get()) + " on " + nginx.base()
                + " round-robin over " + INSTANCES + " replicas");
        Results.setup(INSTANCES + " replicas of " + OUT.getParent().relativize(jar).toString().replace('\\', '/')
                + " started together on an empty database: " + String.join(", ", ready));
        Results.setup("shares.view.view-flush-interval=" + FLUSH.toSeconds() + "s; outages " + OUTAGE_SECONDS + " s; "
                + "flyway_schema_history rows=" + pg.count("select count(*) from flyway_schema_history where success"));
    }

    /** Every check starts from a whole cluster, whatever the previous one left behind. */
    @BeforeEach
    void wholeCluster(TestInfo test) throws Exception {
        for (Instance in : instances) {
            String exit = in.unexpectedExit();
            if (exit != null) {
                Results.setup("WARNING before " + test.getTestMethod().map(m -> m.getName()).orElse("?") + ": " + exit
                        + "; restarted");
            }
        }
        if (!pg.running()) {
            pg.startAgain();
        }
        if (!core.running()) {
            core.start();
        }
        for (Instance in : instances) {
            if (!in.alive()) {
                in.start();
            }
        }
        for (Instance in : instances) {
            awaitReady(in);
        }
    }

    /** A replica that died without being told to makes any result of that check meaningless: say so in its row. */
    @AfterEach
    void noReplicaDiedByItself(TestInfo test) {
        String key = test.getTestMethod().map(m -> m.getName()).orElse("?");
        for (Instance in : instances) {
            String exit = in.unexpectedExit();
            if (exit != null) {
                Results.numbers(key, test.getDisplayName(), "WARNING: " + exit + " during this check");
            }
        }
    }

    @AfterAll
    static void stopCluster() {
        stopEverything();
        Results.write(OUT.resolve("results.md"));
        System.out.println("REPLICA results: " + OUT.resolve("results.md"));
    }

    private static synchronized void stopEverything() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> {
            if (nginx != null) {
                nginx.stop();
            }
        });
        steps.add(() -> instances.parallelStream().forEach(Instance::destroy));
        steps.add(() -> {
            if (core != null) {
                core.stop();
            }
        });
        steps.add(() -> {
            if (pg != null) {
                pg.close();
            }
        });
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                System.err.println("REPLICA cleanup step failed: " + e);
            }
        }
    }

    /** Marks each check's row in results.md as passed / failed. */
    static class Verdicts implements TestWatcher {
        @Override
        public void testSuccessful(ExtensionContext context) {
            Results.verdict(context.getRequiredTestMethod().getName(), "PASS");
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            String msg = String.valueOf(cause.getMessage());
            Results.verdict(context.getRequiredTestMethod().getName(),
                    "**FAIL**: " + (msg.length() > 400 ? msg.substring(0, 400) + "…" : msg));
        }

        @Override
        public void testAborted(ExtensionContext context, Throwable cause) {
            Results.verdict(context.getRequiredTestMethod().getName(), "skipped: " + cause.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** The proxy routes exactly what the Ingress routes, and spreads requests over every replica. */
    @Test
    @Order(0)
    @Timeout(60)
    void proxyRoutesOnlyTheIngressPathsRoundRobin() {
        Operator op = new Operator("replica-routing", "free");
        String t = core.newTarget(op.org);
        Map<String, String> notRouted = new LinkedHashMap<>();
        for (String path : List.of("/q/health/ready", "/q/metrics", "/internal/v1/targets/" + t + "/deleted",
                "/api/v1/targets/" + t, "/api/v1/targets/" + t + "/sharesX", "/")) {
            Http.Res r = Http.get(nginx.base() + path);
            notRouted.put(path, r.status() == 404 && r.body().startsWith("not routed to share-links") ? "proxy 404" : "replica " + r);
        }
        Http.Res noJwt = Http.get(nginx.base() + "/api/v1/targets/" + t + "/shares");
        Http.Res asset = Http.get(nginx.base() + "/m/_/no-such-version/share.css");
        Map<String, Integer> perUpstream = new TreeMap<>();
        for (int i = 0; i < 10 * INSTANCES; i++) {
            Http.Res r = op.list(nginx.base(), t);
            perUpstream.merge(r.status() + " from " + r.upstream(), 1, Integer::sum);
        }
        long notRoutedCount = notRouted.values().stream().filter("proxy 404"::equals).count();
        Results.numbers("proxyRoutesOnlyTheIngressPathsRoundRobin", "ingress routing",
                notRoutedCount + "/" + notRouted.size() + " non-share paths answered by the proxy itself (/q, /internal, other /api); "
                        + "shares API without JWT → " + noJwt.status() + " " + noJwt.errorCode() + " from a replica; "
                        + "/m/_/… → " + asset.status() + " from a replica; " + (10 * INSTANCES) + " proxied lists → " + perUpstream);
        Set<String> upstreams = perUpstream.keySet().stream().map(k -> k.substring(k.indexOf("from ") + 5)).collect(Collectors.toSet());
        assertAll(
                () -> assertEquals(notRouted.size(), notRoutedCount, "paths that must not reach share-links: " + notRouted),
                () -> assertEquals(401, noJwt.status(), "shares API through the proxy"),
                () -> assertEquals("UNAUTHORIZED", noJwt.errorCode()),
                () -> assertTrue(!asset.body().startsWith("not routed"), "/m/_/ must reach share-links"),
                () -> assertTrue(perUpstream.keySet().stream().allMatch(k -> k.startsWith("200 ")), "lists: " + perUpstream),
                () -> assertEquals(INSTANCES, upstreams.size(), "round-robin must reach every replica: " + perUpstream));
    }

    /**
     * Mint via one replica, open the link on every replica, revoke via another: the very next request to EACH
     * replica is the 404 — no replica serves a revoked link from anything it remembered.
     */
    @Test
    @Order(1)
    @Timeout(240)
    void revocationIsImmediateOnEveryReplica() {
        Operator op = new Operator("replica-revocation", "free");
        String t = core.newTarget(op.org);
        String unknown404 = Http.get(inst(0).base() + "/m/" + randomToken() + "/results").body();
        int stale = 0;
        int warmFailures = 0;
        int otherAfterRevoke = 0;
        int bodyMismatches = 0;
        int checks = 0;
        List<String> examples = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < TRIALS; i++) {
            Instance minter = inst(i % INSTANCES);
            Instance revoker = inst((i + 1) % INSTANCES);
            String route = i % 2 == 0 ? "/results" : "/live";
            Http.Res m = op.mint(minter.base(), t);
            assertEquals(201, m.status(), "trial " + i + ": mint via " + minter.name + " → " + m + " " + m.body());
            String token = m.json().path("token").asText();
            String id = m.json().path("id").asText();
            for (Instance in : instances) {
                Http.Res w = Http.get(in.base() + "/m/" + token + route);
                if (w.status() != 200) {
                    warmFailures++;
                    if (examples.size() < 3) {
                        examples.add("warm " + route + " on " + in.name + " → " + w);
                    }
                }
            }
            Http.Res r = op.revoke(revoker.base(), t, id);
            assertEquals(204, r.status(), "trial " + i + ": revoke via " + revoker.name + " → " + r + " " + r.body());
            for (Instance in : instances) {
                Http.Res c = Http.get(in.base() + "/m/" + token + route);
                checks++;
                if (c.status() == 200) {
                    stale++;
                    if (examples.size() < 6) {
                        examples.add("STALE " + route + " on " + in.name + " in trial " + i);
                    }
                } else if (c.status() != 404) {
                    otherAfterRevoke++;
                } else if (!c.body().equals(unknown404)) {
                    bodyMismatches++;
                }
            }
        }
        Results.numbers("revocationIsImmediateOnEveryReplica", "revocation",
                TRIALS + " trials x " + INSTANCES + " instances (mint on one, warm on all, revoke on another), "
                        + checks + " next requests, stale successes=" + stale + ", non-404=" + otherAfterRevoke
                        + ", 404 body differs from unknown-token 404=" + bodyMismatches + ", warm failures=" + warmFailures
                        + " (" + millisSince(t0) + " ms)" + (examples.isEmpty() ? "" : "; e.g. " + examples));
        int staleFinal = stale;
        int warmFinal = warmFailures;
        int otherFinal = otherAfterRevoke;
        int mismatchFinal = bodyMismatches;
        assertAll(
                () -> assertEquals(0, warmFinal, "the link must work on every replica before the revoke: " + examples),
                () -> assertEquals(0, staleFinal, "stale successes after revoke: " + examples),
                () -> assertEquals(0, otherFinal, "after revoke every replica must answer 404"),
                () -> assertEquals(0, mismatchFinal, "a revoked link's 404 must be byte-identical to an unknown token's"));
    }

    /** 100 concurrent mints for one free org, split over the replicas, never exceed the cap; then the monitors cap. */
    @Test
    @Order(2)
    @Timeout(120)
    void capsHoldAcrossReplicas() throws Exception {
        Operator op = new Operator("replica-caps", "free");
        String t = core.newTarget(op.org);
        Map<String, Integer> perMonitor = concurrentMints(op, List.of(t), 100);
        long active = pg.count("select count(*) from shares where org = ? and revoked_at is null", op.org);
        long rows = pg.count("select count(*) from shares where org = ?", op.org);
        Results.numbers("capsHoldAcrossReplicas", "caps across replicas",
                "100 concurrent mints, 1 free monitor (cap 1/monitor), over " + INSTANCES + " instances → " + perMonitor
                        + "; rows=" + rows + ", active=" + active);

        Operator op2 = new Operator("replica-caps-monitors", "free");
        List<String> targets = List.of(core.newTarget(op2.org), core.newTarget(op2.org), core.newTarget(op2.org));
        Map<String, Integer> perOrg = concurrentMints(op2, targets, 60);
        long monitors = pg.count("select count(distinct target_id) from shares where org = ? and revoked_at is null", op2.org);
        long maxPerMonitor = pg.count("select coalesce(max(n), 0) from (select count(*) n from shares where org = ? "
                + "and revoked_at is null group by target_id) x", op2.org);
        Results.numbers("capsHoldAcrossReplicas", "caps across replicas",
                "60 concurrent mints over 3 monitors of one free org (cap 2 shared monitors) → " + perOrg
                        + "; shared monitors=" + monitors + ", max links on one monitor=" + maxPerMonitor);
        assertAll(
                () -> assertEquals(1, perMonitor.getOrDefault("201", 0), "created: " + perMonitor),
                () -> assertEquals(99, perMonitor.getOrDefault("422 QUOTA_EXCEEDED", 0), "refused: " + perMonitor),
                () -> assertEquals(1, active, "active rows in the database"),
                () -> assertEquals(1, rows, "no row beyond the cap was ever written"),
                () -> assertEquals(2, perOrg.getOrDefault("201", 0), "created: " + perOrg),
                () -> assertEquals(58, perOrg.getOrDefault("422 QUOTA_EXCEEDED", 0), "refused: " + perOrg),
                () -> assertEquals(2, monitors, "shared monitors"),
                () -> assertEquals(1, maxPerMonitor, "links per monitor"));
    }

    /**
     * Page views spread over every replica add up in the operator API within the flush interval, and the views a
     * replica still buffers survive its graceful shutdown (SIGTERM flushes).
     */
    @Test
    @Order(3)
    @Timeout(180)
    void viewCountsAddUpAndSurviveSigterm() throws Exception {
        Operator op = new Operator("replica-views", "free");
        String t = core.newTarget(op.org);
        Http.Res m = op.mint(inst(0).base(), t);
        assertEquals(201, m.status(), "mint → " + m + " " + m.body());
        String token = m.json().path("token").asText();
        String id = m.json().path("id").asText();

        int views = 60;
        Map<String, Integer> perInstance = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Http.Res>> futures = new ArrayList<>();
            for (int i = 0; i < views; i++) {
                Instance in = inst(i % INSTANCES);
                perInstance.merge(in.name, 1, Integer::sum);
                futures.add(pool.submit(() -> Http.get(in.base() + "/m/" + token)));
            }
            for (Future<Http.Res> f : futures) {
                statuses.merge(f.get().toString(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        // Polls never count (DESIGN §3): a few live-region polls on every replica too.
        int polls = 0;
        for (Instance in : instances) {
            for (int i = 0; i < 3; i++) {
                Http.get(in.base() + "/m/" + token + "/live");
                polls++;
            }
        }
        long lastView = System.nanoTime();
        Instance victim = inst(INSTANCES - 1);
        int exit = victim.sigterm(Duration.ofSeconds(40));
        long stopMs = millisSince(lastView);

        Instance reader = inst(0);
        long seen = -1;
        long seenAfterMs = -1;
        long deadline = System.nanoTime() + FLUSH.plusSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            seen = viewCount(op, reader, t, id);
            if (seen == views) {
                seenAfterMs = millisSince(lastView);
                break;
            }
            Thread.sleep(100);
        }
        Thread.sleep(FLUSH.multipliedBy(2).toMillis()); // nothing more may arrive: no double counting
        long settled = viewCount(op, reader, t, id);
        long inDb = pg.count("select view_count from shares where id = ?::uuid", id);

        long t1 = System.nanoTime();
        victim.start();
        awaitReady(victim);
        long rejoinMs = millisSince(t1);
        long afterRejoin = viewCount(op, victim, t, id);

        Results.numbers("viewCountsAddUpAndSurviveSigterm", "view counts",
                views + " page views " + perInstance + " → " + statuses + ", +" + polls + " polls; SIGTERM " + victim.name
                        + " right after (exit " + exit + " in " + stopMs + " ms); operator list view_count=" + seen
                        + (seenAfterMs >= 0 ? " reached " + seenAfterMs + " ms after the last view" : " (never reached " + views + ")")
                        + " (flush interval " + FLUSH.toMillis() + " ms), still " + settled + " after 2 more intervals, DB="
                        + inDb + "; " + victim.name + " restarted, ready in " + rejoinMs + " ms, reads view_count=" + afterRejoin);
        long seenFinal = seen;
        long seenAfterFinal = seenAfterMs;
        assertAll(
                () -> assertEquals(Map.of("200", views), statuses, "every page view must be served"),
                () -> assertEquals(views, seenFinal, "view_count after SIGTERM"),
                () -> assertTrue(seenAfterFinal >= 0 && seenAfterFinal <= stopMs + FLUSH.toMillis() + 3000,
                        "views must show within the flush interval of the shutdown: " + seenAfterFinal + " ms"),
                () -> assertEquals(views, settled, "no double counting"),
                () -> assertEquals(views, inDb, "view_count in the database"),
                () -> assertEquals(views, afterRejoin, "the restarted replica reads the same count"));
    }

    /**
     * The race behind a lost flush, made deterministic: a replica's scheduled flush is in flight (its UPDATE waits on
     * the share's row lock, as it does when another replica flushes the same popular link) when SIGTERM arrives. The
     * shutdown must wait for that flush (or write its counts again); otherwise the views it had taken out of the buffer
     * are gone. The lock is released 2 s after the SIGTERM, long after a shutdown that does not wait has finished.
     */
    @Test
    @Order(4)
    @Timeout(120)
    void sigtermWhileAViewFlushIsInFlightKeepsItsViews() throws Exception {
        Operator op = new Operator("replica-views-inflight", "free");
        String t = core.newTarget(op.org);
        Http.Res m = op.mint(inst(0).base(), t);
        assertEquals(201, m.status(), "mint → " + m + " " + m.body());
        String token = m.json().path("token").asText();
        String id = m.json().path("id").asText();
        Instance victim = inst(INSTANCES - 1);
        int views = 20;
        int served = 0;
        for (int i = 0; i < views; i++) {
            served += Http.get(victim.base() + "/m/" + token).status() == 200 ? 1 : 0;
        }
        boolean flushWaited;
        int exit;
        long exitMs;
        try (Connection lock = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "postgres")) {
            lock.setAutoCommit(false);
            try (PreparedStatement ps = lock.prepareStatement("select id from shares where id = ?::uuid for update")) {
                ps.setString(1, id);
                ps.executeQuery().close();
            }
            flushWaited = awaitCondition(() -> pg.count("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                    + "and query ilike 'update shares%'") > 0, FLUSH.plusSeconds(10));
            long t0 = System.nanoTime();
            victim.sendSigterm();
            Thread.sleep(2000);
            lock.commit(); // release the row: a shutdown that waits for its flush can finish it now
            exit = victim.awaitExit(Duration.ofSeconds(40));
            exitMs = millisSince(t0);
        }
        long inDb = pg.count("select view_count from shares where id = ?::uuid", id);
        List<String> lines = Files.readAllLines(victim.log());
        int lastStart = 0;
        for (int i = 0; i < lines.size(); i++) {
            lastStart = lines.get(i).startsWith("==== start") ? i : lastStart;
        }
        String flushLog = lines.subList(lastStart, lines.size()).stream() // this run of the victim only
                .filter(l -> l.contains("ViewCounter") || l.contains("Failed to commit") || l.contains("Failed to rollback"))
                .map(l -> l.replaceAll("^\\S+ \\S+ ", "")).reduce((x, y) -> y).orElse("(no view-counter line)");
        victim.start();
        awaitReady(victim);
        Results.numbers("sigtermWhileAViewFlushIsInFlightKeepsItsViews", "view flush in flight at SIGTERM",
                views + " page views on " + victim.name + " (" + served + " served); its scheduled flush "
                        + (flushWaited ? "blocked on the row lock" : "NOT seen waiting on the row lock") + "; SIGTERM, lock released 2 s later, "
                        + "exit " + exit + " after " + exitMs + " ms; DB view_count=" + inDb + " (lost " + (views - inDb) + "); "
                        + "its last flush log line: " + abbreviate(flushLog));
        int servedFinal = served;
        boolean flushWaitedFinal = flushWaited;
        assertAll(
                () -> assertEquals(views, servedFinal, "every page view must be served"),
                () -> assertTrue(flushWaitedFinal, "the scheduled flush never waited on the row lock: the race was not set up"),
                () -> assertEquals(views, inDb, "views taken out of the buffer by a flush in flight at SIGTERM are lost"));
    }

    /** {@code kill -9} of a replica under load through the proxy: nothing committed is lost, the proxy keeps serving. */
    @Test
    @Order(5)
    @Timeout(180)
    void killDashNineUnderLoadLosesNothing() throws Exception {
        Instance victim = inst(0);
        String victimAddr = "127.0.0.1:" + victim.port;
        long rowsBefore;
        long killAt;
        long restartedAt;
        long readyMs;
        int servedAfterRejoin;
        int workers = 4;
        Load load = new Load(nginx.base(), "replica-load", workers, core::newTarget);
        try {
            awaitCondition(() -> load.total() >= 80, Duration.ofSeconds(20));
            rowsBefore = pg.count("select count(*) from shares where org like 'replica-load-%'");
            killAt = load.now();
            victim.kill9();
            Thread.sleep(3000);
            restartedAt = load.now();
            victim.start();
            readyMs = awaitReady(victim).toMillis();
            load.mark();
            awaitCondition(() -> load.answeredSinceMarkBy(victimAddr) >= 10, Duration.ofSeconds(15));
            Thread.sleep(500);
            servedAfterRejoin = load.answeredSinceMarkBy(victimAddr);
        } finally {
            load.close();
        }
        long rowsAfter = pg.count("select count(*) from shares where org like 'replica-load-%'");
        Map<String, Boolean> revokedById = new HashMap<>();
        for (List<Object> row : pg.query("select id::text, revoked_at is not null from shares where org like 'replica-load-%'")) {
            revokedById.put((String) row.get(0), (Boolean) row.get(1));
        }
        long lostMints = load.ackedMints.stream().filter(id -> !revokedById.containsKey(id)).count();
        long lostRevokes = load.ackedRevokes.stream().filter(id -> !Boolean.TRUE.equals(revokedById.get(id))).count();
        long withoutAudit = pg.count("select count(*) from shares s where s.org like 'replica-load-%' and not exists "
                + "(select 1 from share_audit a where a.share_id = s.id and a.action = 'share.created')")
                + pg.count("select count(*) from shares s where s.org like 'replica-load-%' and s.revoked_at is not null and not exists "
                        + "(select 1 from share_audit a where a.share_id = s.id and a.action = 'share.revoked')");
        List<Load.Failure> failures = new ArrayList<>(load.failures);
        List<String> failureList = failures.stream()
                .map(f -> f.op() + " " + f.status() + " at kill" + signed(f.atMillis() - killAt) + "ms via " + f.upstream())
                .toList();
        long outsideKillWindow = failures.stream().filter(f -> f.atMillis() < killAt - 200 || f.atMillis() > killAt + 2000).count();

        Results.numbers("killDashNineUnderLoadLosesNothing", "kill -9 under load",
                workers + " workers through nginx (mint → page → list → revoke): " + load.total() + " requests, non-5xx="
                        + load.non5xx() + ", 5xx/transport=" + failures.size() + (failureList.isEmpty() ? "" : " " + failureList)
                        + "; SIGKILL " + victim.name + " at t=" + killAt + " ms, restarted at t=" + restartedAt + " ms, ready in "
                        + readyMs + " ms, then answered " + servedAfterRejoin + " proxied requests");
        Results.numbers("killDashNineUnderLoadLosesNothing", "kill -9 under load",
                "rows before kill=" + rowsBefore + ", after=" + rowsAfter + "; acknowledged mints=" + load.ackedMints.size()
                        + " (missing " + lostMints + "), acknowledged revokes=" + load.ackedRevokes.size() + " (not revoked "
                        + lostRevokes + "), rows without their audit row=" + withoutAudit + "; statuses " + load.statuses());
        assertAll(
                () -> assertTrue(rowsAfter >= rowsBefore, "rows lost: " + rowsBefore + " → " + rowsAfter),
                () -> assertEquals(0, lostMints, "acknowledged mints missing"),
                () -> assertEquals(0, lostRevokes, "acknowledged revokes not revoked"),
                () -> assertEquals(0, withoutAudit, "every change and its audit row commit together"),
                () -> assertTrue(failures.size() <= workers, "only in-flight requests may fail: " + failureList),
                () -> assertEquals(0, outsideKillWindow, "failures away from the kill instant: " + failureList),
                () -> assertTrue(servedAfterRejoin > 0, "the restarted replica must serve again"));
    }

    /**
     * PostgreSQL stopped under load: the API answers 503 SERVICE_UNAVAILABLE in the error envelope, the public page
     * a plain 503 page (no stack trace, no token), and both recover by themselves when it is back.
     */
    @Test
    @Order(6)
    @Timeout(180)
    void databaseOutageIs503AndRecoversWithoutRestart() throws Exception {
        Operator op = new Operator("replica-pg-outage", "team");
        String t = core.newTarget(op.org);
        Http.Res m = op.mint(inst(0).base(), t);
        assertEquals(201, m.status(), "mint → " + m + " " + m.body());
        String token = m.json().path("token").asText();
        Map<String, Integer> warm = new TreeMap<>();
        for (Instance in : instances) {
            warm.merge(Http.get(in.base() + "/m/" + token).toString(), 1, Integer::sum);
        }
        Map<String, Long> pids = pids();

        Map<String, Integer> api = new TreeMap<>();
        Map<String, Integer> page = new TreeMap<>();
        Map<String, Integer> readiness = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        long maxLatency = 0;
        Map<String, Long> recoveredMs = new LinkedHashMap<>();
        long outageMs;
        Load load = new Load(nginx.base(), "replica-pg-load", 2, core::newTarget);
        try {
            Thread.sleep(1000);
            long down = System.nanoTime();
            pg.stop();
            while (millisSince(down) < OUTAGE_SECONDS * 1000L) {
                for (Instance in : instances) {
                    for (Http.Res r : List.of(op.list(in.base(), t), op.mint(in.base(), t))) {
                        String k = r + (r.errorCode() == null ? "" : " " + r.errorCode());
                        api.merge(k, 1, Integer::sum);
                        maxLatency = Math.max(maxLatency, r.millis());
                        if (r.status() != 503 || !"SERVICE_UNAVAILABLE".equals(r.errorCode()) || !r.contentType().startsWith("application/json")) {
                            unexpected.add("API on " + in.name + " → " + k + " " + abbreviate(r.body()));
                        }
                    }
                    Http.Res p = Http.get(in.base() + "/m/" + token);
                    maxLatency = Math.max(maxLatency, p.millis());
                    String problem = p.status() != 503 ? "status " + p
                            : !p.contentType().startsWith("text/html") ? "content type " + p.contentType()
                            : p.body().contains(token) ? "token echoed"
                            : looksLikeStackTrace(p.body()) ? "stack trace/class name in body" : null;
                    page.merge(problem == null ? "503 plain page" : problem, 1, Integer::sum);
                    if (problem != null) {
                        unexpected.add("page on " + in.name + " → " + problem + " " + abbreviate(p.body()));
                    }
                    readiness.merge(Integer.toString(Http.get(in.base() + "/q/health/ready").status()), 1, Integer::sum);
                }
                Thread.sleep(200);
            }
            pg.startAgain();
            outageMs = millisSince(down);
            long up = System.nanoTime();
            Map<String, Check> checks = new LinkedHashMap<>();
            for (Instance in : instances) {
                checks.put(in.name + " API", () -> op.list(in.base(), t).status() == 200);
                checks.put(in.name + " page", () -> Http.get(in.base() + "/m/" + token).status() == 200);
            }
            recoveredMs.putAll(awaitRecovery(up, checks, Duration.ofSeconds(30)));
            Thread.sleep(1000);
        } finally {
            load.close();
        }
        Http.Res after = op.mint(nginx.base(), t);
        long lost = load.ackedMints.stream().filter(id -> pg.count("select count(*) from shares where id = ?::uuid", id) == 0).count();

        Results.numbers("databaseOutageIs503AndRecoversWithoutRestart", "PostgreSQL outage",
                "PostgreSQL stopped " + outageMs + " ms under load; warm page " + warm + "; API probes " + api + "; page probes "
                        + page + "; max probe latency " + maxLatency + " ms; /q/health/ready during outage " + readiness);
        Results.numbers("databaseOutageIs503AndRecoversWithoutRestart", "PostgreSQL outage",
                "recovered (list 200 / page 200) after PostgreSQL was back: " + recoveredMs + ", same PIDs=" + pids.equals(pids())
                        + "; mint through proxy afterwards → " + after.status() + "; load through nginx: " + load.total()
                        + " requests " + load.statuses() + "; acknowledged mints=" + load.ackedMints.size() + ", missing=" + lost
                        + (unexpected.isEmpty() ? "" : "; UNEXPECTED " + unexpected.size() + ": " + unexpected.stream().limit(5).toList()));
        long maxLatencyFinal = maxLatency;
        assertAll(
                () -> assertTrue(unexpected.isEmpty(), unexpected.size() + " unexpected answers during the outage: "
                        + unexpected.stream().limit(5).toList()),
                () -> assertTrue(maxLatencyFinal < 10_000, "answers during the outage must be prompt: " + maxLatencyFinal + " ms"),
                () -> assertEquals(2 * instances.size(), recoveredMs.size(), "every replica recovers by itself: " + recoveredMs),
                () -> assertEquals(pids, pids(), "no replica was restarted"),
                () -> assertEquals(201, after.status(), "minting works again"),
                () -> assertEquals(0, lost, "acknowledged mints lost"));
    }

    /**
     * The core gone: public pages keep answering 200 (stale or "unavailable" live data), minting answers
     * 503 CORE_UNAVAILABLE, and both recover by themselves when it is back.
     */
    @Test
    @Order(7)
    @Timeout(180)
    void coreOutageKeepsPagesUpAndRecovers() throws Exception {
        Operator op = new Operator("replica-core-outage", "team");
        String t = core.newTarget(op.org);
        Http.Res m = op.mint(inst(0).base(), t);
        assertEquals(201, m.status(), "mint → " + m + " " + m.body());
        String token = m.json().path("token").asText();
        Map<String, Integer> warm = new TreeMap<>();
        for (Instance in : instances) {
            warm.merge("page " + Http.get(in.base() + "/m/" + token), 1, Integer::sum);
            warm.merge("live " + Http.get(in.base() + "/m/" + token + "/live"), 1, Integer::sum);
        }
        Map<String, Long> pids = pids();
        Map<String, Integer> pages = new TreeMap<>();
        Map<String, Integer> apis = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        Map<String, Integer> freshness = new TreeMap<>();
        long maxLatency = 0;
        long down = System.nanoTime();
        core.stop();
        while (millisSince(down) < OUTAGE_SECONDS * 1000L) {
            for (Instance in : instances) {
                Http.Res p = Http.get(in.base() + "/m/" + token);
                Http.Res l = Http.get(in.base() + "/m/" + token + "/live");
                if (l.status() == 200) {
                    // The view marks its live region data-freshness="stale|unavailable"; none = fresh (or still cached).
                    Matcher f = FRESHNESS.matcher(l.body());
                    freshness.merge(f.find() ? f.group(1) : "fresh/cached", 1, Integer::sum);
                }
                pages.merge("page " + p, 1, Integer::sum);
                pages.merge("live " + l, 1, Integer::sum);
                for (Http.Res r : List.of(p, l)) {
                    maxLatency = Math.max(maxLatency, r.millis());
                    if (r.status() != 200) {
                        unexpected.add("public on " + in.name + " → " + r);
                    }
                }
                Http.Res mint = op.mint(in.base(), t);
                Http.Res list = op.list(in.base(), t);
                apis.merge("mint " + mint + " " + mint.errorCode(), 1, Integer::sum);
                apis.merge("list " + list + " " + list.errorCode(), 1, Integer::sum);
                maxLatency = Math.max(maxLatency, Math.max(mint.millis(), list.millis()));
                if (mint.status() != 503 || !"CORE_UNAVAILABLE".equals(mint.errorCode())) {
                    unexpected.add("mint on " + in.name + " → " + mint + " " + abbreviate(mint.body()));
                }
            }
            Thread.sleep(250);
        }
        core.start();
        long outageMs = millisSince(down);
        long up = System.nanoTime();
        List<String> minted = new ArrayList<>();
        Map<String, Check> checks = new LinkedHashMap<>();
        for (Instance in : instances) {
            checks.put(in.name + " mint", () -> {
                Http.Res r = op.mint(in.base(), t);
                if (r.status() == 201) {
                    minted.add(r.json().path("id").asText());
                    return true;
                }
                return false;
            });
            checks.put(in.name + " live", () -> Http.get(in.base() + "/m/" + token + "/live").status() == 200);
        }
        Map<String, Long> recoveredMs = awaitRecovery(up, checks, Duration.ofSeconds(30));
        for (String id : minted) {
            op.revoke(inst(0).base(), t, id);
        }
        Results.numbers("coreOutageKeepsPagesUpAndRecovers", "core outage",
                "core stopped " + outageMs + " ms; warm " + warm + "; public probes " + pages + " (live region " + freshness
                        + "); API probes " + apis + "; max latency "
                        + maxLatency + " ms; recovered (mint 201 / live 200) after the core was back: " + recoveredMs
                        + ", same PIDs=" + pids.equals(pids())
                        + (unexpected.isEmpty() ? "" : "; UNEXPECTED " + unexpected.size() + ": " + unexpected.stream().limit(5).toList()));
        long maxLatencyFinal = maxLatency;
        assertAll(
                () -> assertTrue(unexpected.isEmpty(), unexpected.size() + " unexpected answers during the core outage: "
                        + unexpected.stream().limit(5).toList()),
                () -> assertTrue(maxLatencyFinal < 10_000, "answers during the outage must be prompt: " + maxLatencyFinal + " ms"),
                () -> assertEquals(2 * instances.size(), recoveredMs.size(), "every replica recovers by itself: " + recoveredMs),
                () -> assertEquals(pids, pids(), "no replica was restarted"));
    }

    /**
     * Pause via one replica: the very next request to EACH replica is the uniform 404, byte-identical to an unknown
     * token's; resume via another: the very next request to each serves the same token again. One link is paused and
     * resumed {@code replica.pause-trials} times, so at every pause each replica has just served it (resolved, its
     * data cached): what a replica that remembered the link would serve it from.
     */
    @Test
    @Order(8)
    @Timeout(240)
    void pauseAndResumeAreImmediateOnEveryReplica() {
        Operator op = new Operator("replica-pause", "free");
        String t = core.newTarget(op.org);
        Http.Res m = op.mint(inst(0).base(), t);
        assertEquals(201, m.status(), "mint → " + m + " " + m.body());
        String token = m.json().path("token").asText();
        String id = m.json().path("id").asText();
        List<String> routes = List.of("", "/live", "/results");
        String unknownToken = randomToken();
        Map<String, Http.Res> unknown404 = new HashMap<>();
        for (String route : routes) {
            unknown404.put(route, Http.get(inst(0).base() + "/m/" + unknownToken + route));
        }
        int warmFailures = 0;
        for (String route : routes) {
            for (Instance in : instances) {
                warmFailures += Http.get(in.base() + "/m/" + token + route).status() == 200 ? 0 : 1;
            }
        }
        int stale = 0;
        int otherWhilePaused = 0;
        int bodyMismatches = 0;
        int notBack = 0;
        int tokenChanged = 0;
        int pausedChecks = 0;
        int resumedChecks = 0;
        List<String> examples = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < PAUSE_TRIALS; i++) {
            Instance pauser = inst(i % INSTANCES);
            Instance resumer = inst((i + 1) % INSTANCES);
            String route = routes.get(i % routes.size());
            Http.Res p = op.setPaused(pauser.base(), t, id, true);
            assertEquals(200, p.status(), "trial " + i + ": pause via " + pauser.name + " → " + p + " " + p.body());
            assertEquals("paused", p.json().path("state").asText(), "trial " + i + ": " + p.body());
            for (Instance in : instances) {
                Http.Res c = Http.get(in.base() + "/m/" + token + route);
                Http.Res expected = unknown404.get(route);
                pausedChecks++;
                if (c.status() == 200) {
                    stale++;
                    if (examples.size() < 6) {
                        examples.add("STALE /m/…" + route + " on " + in.name + " in trial " + i);
                    }
                } else if (c.status() != 404) {
                    otherWhilePaused++;
                    if (examples.size() < 6) {
                        examples.add("paused /m/…" + route + " on " + in.name + " → " + c);
                    }
                } else if (!c.body().equals(expected.body()) || !c.contentType().equals(expected.contentType())) {
                    bodyMismatches++;
                }
            }
            Http.Res r = op.setPaused(resumer.base(), t, id, false);
            assertEquals(200, r.status(), "trial " + i + ": resume via " + resumer.name + " → " + r + " " + r.body());
            assertEquals("active", r.json().path("state").asText(), "trial " + i + ": " + r.body());
            tokenChanged += token.equals(r.json().path("token").asText()) ? 0 : 1;
            for (Instance in : instances) {
                Http.Res c = Http.get(in.base() + "/m/" + token + route);
                resumedChecks++;
                if (c.status() != 200) {
                    notBack++;
                    if (examples.size() < 6) {
                        examples.add("resumed /m/…" + route + " on " + in.name + " in trial " + i + " → " + c);
                    }
                }
            }
        }
        long elapsedMs = millisSince(t0);
        long pausedRows = pg.count("select count(*) from share_audit where share_id = ?::uuid and action = 'share.paused'", id);
        long resumedRows = pg.count("select count(*) from share_audit where share_id = ?::uuid and action = 'share.resumed'", id);
        Results.numbers("pauseAndResumeAreImmediateOnEveryReplica", "pause / resume",
                PAUSE_TRIALS + " trials x " + INSTANCES + " instances on one link (pause via one, next request on every replica, "
                        + "resume via another, next request on every replica; page, /live, /results in turn): " + pausedChecks
                        + " requests while paused, stale successes=" + stale + ", non-404=" + otherWhilePaused
                        + ", 404 differs from unknown-token 404=" + bodyMismatches + "; " + resumedChecks
                        + " requests after resume, not 200=" + notBack + ", token changed=" + tokenChanged + "; warm failures="
                        + warmFailures + "; audit rows share.paused=" + pausedRows + ", share.resumed=" + resumedRows
                        + " (" + elapsedMs + " ms)" + (examples.isEmpty() ? "" : "; e.g. " + examples));
        int warmFinal = warmFailures;
        int staleFinal = stale;
        int otherFinal = otherWhilePaused;
        int mismatchFinal = bodyMismatches;
        int notBackFinal = notBack;
        int tokenChangedFinal = tokenChanged;
        assertAll(
                () -> assertEquals(0, warmFinal, "the link must work on every replica before the first pause"),
                () -> assertEquals(0, staleFinal, "stale successes after pause: " + examples),
                () -> assertEquals(0, otherFinal, "while paused every replica must answer 404: " + examples),
                () -> assertEquals(0, mismatchFinal, "a paused link's 404 must be byte-identical to an unknown token's"),
                () -> assertEquals(0, notBackFinal, "after resume every replica must serve the link again: " + examples),
                () -> assertEquals(0, tokenChangedFinal, "resume must bring back the same token"),
                () -> assertEquals(PAUSE_TRIALS, pausedRows, "one share.paused audit row per pause"),
                () -> assertEquals(PAUSE_TRIALS, resumedRows, "one share.resumed audit row per resume"));
    }

    /**
     * The ingress's per-client-address limit on {@code /m/} ({@code k8s/ingress.yaml}: 10 r/s, burst 50, 20
     * connections), on the stand-in nginx configured with the directives ingress-nginx writes for it. A burst from
     * one address (127.0.0.2) gets its 50 and then 429s, while another address (127.0.0.3) is served in the middle of
     * it and the operator API from the limited address is not limited; 21 connections held open at once from a third
     * address (127.0.0.4) leave the 21st with a 429. The suite's own clients (127.0.0.1) are exempt (nginx.conf).
     */
    @Test
    @Order(9)
    @Timeout(120)
    void perClientAddressLimitOnPublicRoutes() throws Exception {
        Operator op = new Operator("replica-ip-limit", "free");
        String t = core.newTarget(op.org);
        Http.Res m = op.mint(inst(0).base(), t);
        assertEquals(201, m.status(), "mint → " + m + " " + m.body());
        String live = "/m/" + m.json().path("token").asText() + "/live";
        InetAddress flooder = InetAddress.getByName("127.0.0.2");
        InetAddress neighbour = InetAddress.getByName("127.0.0.3");
        InetAddress holder = InetAddress.getByName("127.0.0.4");

        // One after another from 127.0.0.2 (each waits for its answer), with a request from 127.0.0.3 after every third.
        int burst = 150;
        List<Integer> flood = new ArrayList<>();
        Map<String, Integer> neighbourStatuses = new TreeMap<>();
        int neighbourWhileLimited = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            flood.add(rawGet(flooder, live).status());
            if (i % 3 == 2) {
                int s = rawGet(neighbour, live).status();
                neighbourStatuses.merge(Integer.toString(s), 1, Integer::sum);
                neighbourWhileLimited += s == 200 && flood.contains(429) ? 1 : 0;
            }
        }
        long floodMs = millisSince(t0);
        int firstRefused = flood.indexOf(429);
        long served = flood.stream().filter(s -> s == 200).count();
        long refused = flood.stream().filter(s -> s == 429).count();
        Map<String, Long> floodStatuses = flood.stream().collect(Collectors.groupingBy(String::valueOf, TreeMap::new,
                Collectors.counting()));
        // A token bucket of 50 + 1 and 10 a second: at most this many could be served while the burst lasted.
        long servableMax = 51 + (long) Math.ceil(floodMs / 100.0) + 1;

        Map<String, Integer> api = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            RawHttp.Response r = RawHttp.send(flooder, nginx.port, "GET", "/api/v1/targets/" + t + "/shares",
                    Map.of("Authorization", "Bearer " + op.jwt), null);
            api.merge(Integer.toString(r.status()), 1, Integer::sum);
        }
        long t1 = System.nanoTime();
        boolean flooderServedAgain = awaitCondition(() -> rawGet(flooder, live).status() == 200, Duration.ofSeconds(5));
        long againMs = millisSince(t1);
        Map<String, Integer> exempt = new TreeMap<>();
        for (int i = 0; i < 80; i++) {
            exempt.merge(Http.get(nginx.base() + live).toString(), 1, Integer::sum);
        }

        // 21 requests from 127.0.0.4 whose bodies never come: nginx counts each against the connection limit from
        // the moment it has read its head (limit_conn runs before the proxy reads the body), so 20 wait for their
        // bodies and the 21st is answered 429 at once.
        List<Socket> held = new ArrayList<>();
        int answered429 = 0;
        int answeredOther = 0;
        int stillWaiting = 0;
        boolean freed;
        try {
            for (int i = 0; i < 21; i++) {
                Socket s = new Socket();
                held.add(s);
                s.bind(new InetSocketAddress(holder, 0));
                s.connect(new InetSocketAddress("127.0.0.1", nginx.port), 2000);
                s.getOutputStream().write(("POST " + live + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 10\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            }
            awaitCondition(() -> held.stream().filter(ReplicaSuiteIT::hasBytes).count() >= 1, Duration.ofSeconds(5));
            Thread.sleep(500); // would a second one be answered too? (nothing to wait for when the limit holds)
            for (Socket s : held) {
                if (!hasBytes(s)) {
                    stillWaiting++;
                    continue;
                }
                s.setSoTimeout(5000);
                String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                if (head.startsWith("HTTP/1.1 429")) {
                    answered429++;
                } else {
                    answeredOther++;
                }
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        // Closing the waiting connections ends their requests and gives their slots back.
        freed = awaitCondition(() -> rawGet(holder, live).status() == 200, Duration.ofSeconds(5));

        Results.numbers("perClientAddressLimitOnPublicRoutes", "per-client-address limit on /m/",
                burst + " sequential /live from 127.0.0.2 in " + floodMs + " ms → " + floodStatuses + ", first 429 at request #"
                        + (firstRefused + 1) + " (at most " + servableMax + " servable at 10 r/s + burst 50); 127.0.0.3 meanwhile → "
                        + neighbourStatuses + " (" + neighbourWhileLimited + " of them 200 while 127.0.0.2 was refused); "
                        + "60 API lists from 127.0.0.2 right after → " + api + "; 127.0.0.2 served again after " + againMs
                        + " ms; 80 /live from 127.0.0.1 (exempt) → " + exempt);
        Results.numbers("perClientAddressLimitOnPublicRoutes", "per-client-address limit on /m/",
                "21 requests held open from 127.0.0.4 (bodies never sent): " + stillWaiting + " waiting, " + answered429
                        + " answered 429, " + answeredOther + " answered otherwise; after closing them 127.0.0.4 served again="
                        + freed);
        long refusedFinal = refused;
        int neighbourWhileLimitedFinal = neighbourWhileLimited;
        int answered429Final = answered429;
        int answeredOtherFinal = answeredOther;
        int stillWaitingFinal = stillWaiting;
        assertAll(
                () -> assertEquals(List.of(200), flood.subList(0, 50).stream().distinct().toList(),
                        "the first 50 of a burst are within the limit: " + flood),
                () -> assertTrue(refusedFinal > 0, "a burst of " + burst + " from one address must be limited: " + floodStatuses),
                () -> assertEquals(burst, served + refusedFinal, "only 200 or 429: " + floodStatuses),
                () -> assertTrue(served <= servableMax, "more served than 10 r/s + burst 50 allows: " + served + " > " + servableMax),
                () -> assertEquals(Map.of("200", burst / 3), neighbourStatuses, "another address has its own budget"),
                () -> assertTrue(neighbourWhileLimitedFinal > 0, "the other address must be served while the first is refused"),
                () -> assertEquals(Map.of("200", 60), api, "the operator API is not limited per address"),
                () -> assertTrue(flooderServedAgain, "the limited address is served again once its rate allows"),
                () -> assertEquals(Map.of("200", 80), exempt, "127.0.0.1 (the suite's clients) is exempt"),
                () -> assertEquals(1, answered429Final, "the 21st concurrent request from one address gets 429"),
                () -> assertEquals(0, answeredOtherFinal, "no other answer while the bodies are outstanding"),
                () -> assertEquals(20, stillWaitingFinal, "20 concurrent requests from one address are within the limit"),
                () -> assertTrue(freed, "closed connections give their slots back"));
    }

    /** One line of a core export, with what the test alone knows: the raw token and how the core answered it. */
    private record CoreLink(String kind, ObjectNode row, String token, String state, boolean copyable) {
        String id() {
            return row.path("id").asText();
        }
    }

    /** A live core row of {@code org}: its token plaintext ({@code sealWith} null) or sealed as {@code v1:} under it. */
    private static CoreLink coreLink(String kind, String org, String target, byte[] sealWith, String state, boolean copyable)
            throws Exception {
        String token = Tokens.generate();
        String tokenEnc = sealWith == null ? token : CoreShareRows.sealV1(token, sealWith);
        return new CoreLink(kind, CoreShareRows.row(org, target, tokenEnc, token), token, state, copyable);
    }

    /**
     * DESIGN §11 on the packaged jar: a core export holding every kind of row (plaintext, {@code v1:} under the core's
     * KEK — the suite's {@code SHARES_KEK} — and under a key nobody has, page-owned, revoked, expired, one line cut
     * short) imported through one replica; the other serves every imported link at once, directly and through the
     * proxy — live ones 200 on the page and {@code /live}, revoked and expired ones the uniform 404 — and its operator
     * list re-copies the core's tokens. The same body imported again through the other replica changes nothing.
     */
    @Test
    @Order(10)
    @Timeout(120)
    void importThroughOneReplicaEveryLinkAnswersOnTheOther() throws Exception {
        Operator op = new Operator("replica-import", "free");
        String target1 = core.newTarget(op.org);
        String target2 = core.newTarget(op.org);
        byte[] coreKek = Base64.getDecoder().decode(TEST_KEK);
        byte[] nobodysKey = new byte[32];
        new SecureRandom().nextBytes(nobodysKey);
        String orgId = UUID.randomUUID().toString();
        List<CoreLink> links = new ArrayList<>();
        links.add(coreLink("plaintext", op.org, target1, null, "active", true));
        links.add(coreLink("v1 sealed", op.org, target1, coreKek, "active", true));
        links.add(coreLink("v1 no key opens", op.org, target2, nobodysKey, "active", false));
        CoreLink pageOwned = coreLink("page-owned", op.org, target2, coreKek, "active", true);
        pageOwned.row().putArray("used_by_pages").addObject().put("name", "Replica Status").put("slug", "replica-status");
        links.add(pageOwned);
        CoreLink revoked = coreLink("revoked", op.org, target1, null, "revoked", false);
        revoked.row().put("revoked_at", "2026-06-01T12:00:00.25+00:00");
        links.add(revoked);
        CoreLink expired = coreLink("expired", op.org, target2, coreKek, "expired", false);
        expired.row().put("expires_at", "2026-01-01T00:00:00+00:00");
        links.add(expired);
        links.forEach(l -> l.row().put("org_id", orgId));
        // Line 5 of 7 is cut short (a copy that lost its tail): rejected by its number, the lines after it still go in.
        String malformed = coreLink("cut short", op.org, target1, null, "active", true).row().put("org_id", orgId).toString();
        List<String> lines = new ArrayList<>();
        links.forEach(l -> lines.add(l.row().toString()));
        lines.add(4, malformed.substring(0, malformed.length() / 2));
        String body = String.join("\n", lines) + "\n";

        long t0 = System.nanoTime();
        Instance importer = inst(0);
        Instance other = inst(1);
        Http.Res first = Http.postNdjson(importer.base() + "/internal/v1/import", INTERNAL_TOKEN, body);
        long importMs = millisSince(t0);

        Map<String, Http.Res> unknown = new HashMap<>();
        String unknownToken = randomToken();
        Map<String, String> bases = new LinkedHashMap<>();
        bases.put(other.name, other.base());
        bases.put("nginx", nginx.base());
        for (Map.Entry<String, String> b : bases.entrySet()) {
            for (String route : List.of("", "/live")) {
                unknown.put(b.getKey() + route, Http.get(b.getValue() + "/m/" + unknownToken + route));
            }
        }
        Map<String, Integer> answers = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (CoreLink l : links) {
            for (Map.Entry<String, String> b : bases.entrySet()) {
                for (String route : List.of("", "/live")) {
                    Http.Res r = Http.get(b.getValue() + "/m/" + l.token() + route);
                    Http.Res notFound = unknown.get(b.getKey() + route);
                    boolean live = l.state().equals("active");
                    boolean right = live ? r.status() == 200
                            : r.status() == 404 && r.body().equals(notFound.body()) && r.contentType().equals(notFound.contentType());
                    answers.merge(l.state() + " → " + r, 1, Integer::sum);
                    if (!right) {
                        wrong.add(l.kind() + " /m/…" + route + " via " + b.getKey() + " → " + r
                                + (r.status() == 404 ? " (404 differs from an unknown token's)" : ""));
                    }
                }
            }
        }

        Http.Res list = op.listOrg(other.base());
        Map<String, JsonNode> listed = new HashMap<>();
        list.json().path("items").forEach(s -> listed.put(s.path("id").asText(), s));
        List<String> listProblems = new ArrayList<>();
        for (CoreLink l : links) {
            JsonNode s = listed.get(l.id());
            String expectedToken = l.copyable() ? l.token() : null;
            if (s == null) {
                listProblems.add(l.kind() + " not listed");
            } else if (!l.state().equals(s.path("state").asText()) || !Objects.equals(expectedToken,
                    s.path("token").isTextual() ? s.path("token").asText() : null) || s.path("copyable").asBoolean() != l.copyable()
                    || !l.row().path("used_by_pages").equals(s.path("used_by_pages"))) {
                listProblems.add(l.kind() + " listed as state=" + s.path("state").asText() + ", token "
                        + (s.path("token").isTextual() ? (s.path("token").asText().equals(l.token()) ? "the core's" : "ANOTHER") : "null")
                        + ", copyable=" + s.path("copyable") + ", used_by_pages=" + s.path("used_by_pages"));
            }
        }

        long t1 = System.nanoTime();
        Http.Res again = Http.postNdjson(other.base() + "/internal/v1/import", INTERNAL_TOKEN, body);
        long againMs = millisSince(t1);
        Http.Res listAfter = op.listOrg(other.base());
        long rows = pg.count("select count(*) from shares where org = ?", op.org);
        long imported = pg.count("select count(*) from share_audit a join shares s on s.id = a.share_id where s.org = ? "
                + "and a.action = 'share.imported'", op.org);
        long elapsedMs = millisSince(t0);

        Results.numbers("importThroughOneReplicaEveryLinkAnswersOnTheOther", "import through one replica",
                lines.size() + " NDJSON lines (" + links.stream().map(CoreLink::kind).collect(Collectors.joining(", "))
                        + ", one cut short) imported via " + importer.name + " in " + importMs + " ms → " + counts(first)
                        + "; on " + other.name + " and through nginx (page, /live): " + answers + ", wrong=" + wrong.size()
                        + "; operator list on " + other.name + ": " + (links.size() - listProblems.size()) + "/" + links.size()
                        + " as in the core; same body again via " + other.name + " in " + againMs + " ms → " + counts(again)
                        + "; rows=" + rows + ", share.imported audit rows=" + imported + " (" + elapsedMs + " ms)"
                        + (wrong.isEmpty() && listProblems.isEmpty() ? "" : "; e.g. " + wrong.stream().limit(4).toList() + " "
                        + listProblems));
        assertAll(
                () -> assertEquals(200, first.status(), "import → " + first + " " + first.body()),
                () -> assertEquals("examined=7 imported=6 updated=0 unchanged=0 rejected=1 at lines [5]", counts(first),
                        first.body()),
                () -> assertTrue(wrong.isEmpty(), "imported links answering otherwise than in the core: " + wrong),
                () -> assertEquals(200, list.status(), "operator list → " + list + " " + list.body()),
                () -> assertTrue(listProblems.isEmpty(), "operator list: " + listProblems),
                () -> assertEquals(200, again.status(), "import again → " + again + " " + again.body()),
                () -> assertEquals("examined=7 imported=0 updated=0 unchanged=6 rejected=1 at lines [5]", counts(again),
                        again.body()),
                () -> assertEquals(projection(list), projection(listAfter), "the second import changed a listed link"),
                () -> assertEquals(6, rows, "one row per imported link"),
                () -> assertEquals(6, imported, "one share.imported audit row per imported link, none for the repeat"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * Waits for readiness. A replica that exits while starting although this suite did not stop it (a signal from
     * outside the suite: another job's cleanup on a shared machine) is reported and started again, at most twice.
     */
    private static Duration awaitReady(Instance in) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                return in.awaitReady(READY_TIMEOUT);
            } catch (IllegalStateException e) {
                String exit = in.unexpectedExit();
                if (exit == null || attempt >= 3) {
                    throw e;
                }
                Results.setup("WARNING: " + exit + " while starting; started again");
                in.start();
            }
        }
    }

    static Instance inst(int i) {
        return instances.get(i);
    }

    /** Fires {@code total} mints at once (round-robin over replicas and targets); returns "status [code]" → count. */
    private static Map<String, Integer> concurrentMints(Operator op, List<String> targets, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(total);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Http.Res>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                Instance in = inst(i % INSTANCES);
                String t = targets.get(i % targets.size());
                futures.add(pool.submit(() -> {
                    go.await();
                    return op.mint(in.base(), t);
                }));
            }
            go.countDown();
            Map<String, Integer> out = new TreeMap<>();
            for (Future<Http.Res> f : futures) {
                Http.Res r = f.get(60, TimeUnit.SECONDS);
                out.merge(r + (r.errorCode() == null ? "" : " " + r.errorCode()), 1, Integer::sum);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long viewCount(Operator op, Instance in, String targetId, String shareId) {
        Http.Res r = op.list(in.base(), targetId);
        if (r.status() != 200) {
            return -1;
        }
        for (JsonNode s : r.json()) {
            if (shareId.equals(s.path("id").asText())) {
                return s.path("view_count").asLong(-1);
            }
        }
        return -1;
    }

    /** The counts of an import answer (DESIGN §11), in one comparable line. */
    private static String counts(Http.Res r) {
        JsonNode j = r.json();
        List<Integer> rejectedLines = new ArrayList<>();
        j.path("rejected").forEach(x -> rejectedLines.add(x.path("line").asInt()));
        return "examined=" + j.path("examined").asText() + " imported=" + j.path("imported").asText() + " updated="
                + j.path("updated").asText() + " unchanged=" + j.path("unchanged").asText() + " rejected="
                + j.path("rejected_count").asText() + " at lines " + rejectedLines;
    }

    /** What an operator sees of each link but its counts (views go on being counted between two reads). */
    private static Map<String, String> projection(Http.Res list) {
        Map<String, String> m = new TreeMap<>();
        list.json().path("items").forEach(s -> m.put(s.path("id").asText(), s.path("state").asText() + " "
                + s.path("label").asText() + " " + s.path("token").asText() + " " + s.path("expires_at").asText() + " "
                + s.path("revoked_at").asText() + " " + s.path("used_by_pages")));
        return m;
    }

    private static Map<String, Long> pids() {
        Map<String, Long> m = new TreeMap<>();
        instances.forEach(i -> m.put(i.name, i.pid()));
        return m;
    }

    /** GET {@code target} through the proxy from the client address {@code from}. */
    private static RawHttp.Response rawGet(InetAddress from, String target) {
        return RawHttp.send(from, nginx.port, "GET", target, Map.of(), null);
    }

    private static boolean hasBytes(Socket s) {
        try {
            return s.getInputStream().available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean looksLikeStackTrace(String body) {
        return body.matches("(?s).*(Exception|\\tat |Caused by|java\\.|io\\.vertx|io\\.quarkus|org\\.hibernate|io\\.smallrye).*");
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }

    private static String signed(long v) {
        return v >= 0 ? "+" + v : Long.toString(v);
    }

    private static String randomToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /**
     * Probes every check round after round (all replicas in parallel, so one slow check does not delay the others'
     * clock) until each has held once; returns, per check, the ms from {@code sinceNanos} to its first success.
     */
    private static Map<String, Long> awaitRecovery(long sinceNanos, Map<String, Check> checks, Duration timeout) throws Exception {
        Map<String, Long> recovered = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (recovered.size() < checks.size() && System.nanoTime() < deadline) {
            for (Map.Entry<String, Check> c : checks.entrySet()) {
                if (!recovered.containsKey(c.getKey()) && c.getValue().holds()) {
                    recovered.put(c.getKey(), millisSince(sinceNanos));
                }
            }
            Thread.sleep(100);
        }
        return recovered;
    }

    /** Polls until {@code check} holds (true) or the timeout passes (false). */
    private static boolean awaitCondition(Check check, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
