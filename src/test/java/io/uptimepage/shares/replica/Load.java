package io.uptimepage.shares.replica;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Background traffic through the proxy, the way operators and viewers use the service: each worker, as its own
 * org on its own monitor, mints a link, opens its page, lists, and revokes it, over and over. Every acknowledged
 * mint (201) and revoke (204) is remembered so the suite can prove none of them is lost; every 5xx or transport
 * failure is kept with its time and the replica that produced it.
 */
final class Load implements AutoCloseable {

    /** A request the proxy could not serve: when (ms since the load started), what, and how it failed. */
    record Failure(long atMillis, String op, String status, String upstream) {
    }

    private final String base;
    private final List<Thread> threads = new ArrayList<>();
    private final long t0 = System.currentTimeMillis();
    private volatile boolean running = true;

    final Set<String> ackedMints = ConcurrentHashMap.newKeySet();
    final Set<String> ackedRevokes = ConcurrentHashMap.newKeySet();
    final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> upstreamsSinceMark = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger non5xx = new AtomicInteger();
    private volatile long markMillis = Long.MAX_VALUE;

    Load(String base, String orgPrefix, int workers, Function<String, String> newTarget) {
        this.base = base;
        for (int w = 0; w < workers; w++) {
            Operator op = new Operator(orgPrefix + "-" + w, "team");
            String target = newTarget.apply(op.org);
            Thread t = new Thread(() -> loop(op, target), "load-" + orgPrefix + "-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    long now() {
        return System.currentTimeMillis() - t0;
    }

    int total() {
        return total.get();
    }

    int non5xx() {
        return non5xx.get();
    }

    /** Counts, from now on, which replica answered. */
    void mark() {
        upstreamsSinceMark.clear();
        markMillis = now();
    }

    int answeredSinceMarkBy(String hostPort) {
        AtomicInteger n = upstreamsSinceMark.get(hostPort);
        return n == null ? 0 : n.get();
    }

    /** "op status" → count, sorted. */
    Map<String, Integer> statuses() {
        Map<String, Integer> m = new TreeMap<>();
        statuses.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    private void loop(Operator op, String target) {
        while (running) {
            Http.Res m = record("mint", op.mint(base, target));
            if (m.status() == 201) {
                String id = m.json().path("id").asText();
                String token = m.json().path("token").asText();
                ackedMints.add(id);
                record("page", Http.get(base + "/m/" + token));
                record("list", op.list(base, target));
                if (record("revoke", op.revoke(base, target, id)).status() == 204) {
                    ackedRevokes.add(id);
                }
            } else {
                // Over the cap (an earlier mint's answer was lost) or an outage: clean up what is live, back off.
                Http.Res l = record("list", op.list(base, target));
                if (l.status() == 200) {
                    for (JsonNode s : l.json()) {
                        String id = s.path("id").asText();
                        if (record("revoke", op.revoke(base, target, id)).status() == 204) {
                            ackedRevokes.add(id);
                        }
                    }
                }
                pause(50);
            }
            pause(15);
        }
    }

    private Http.Res record(String op, Http.Res r) {
        if (!running) {
            return r;
        }
        total.incrementAndGet();
        statuses.computeIfAbsent(op + " " + r, k -> new AtomicInteger()).incrementAndGet();
        if (r.is5xxOrTransport()) {
            failures.add(new Failure(now(), op, r.toString(), r.upstream()));
        } else {
            non5xx.incrementAndGet();
        }
        if (now() >= markMillis && !r.upstream().isEmpty()) {
            upstreamsSinceMark.computeIfAbsent(r.upstream(), k -> new AtomicInteger()).incrementAndGet();
        }
        return r;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}
