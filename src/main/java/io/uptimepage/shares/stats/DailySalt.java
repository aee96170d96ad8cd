package io.uptimepage.shares.stats;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The random salt of each UTC day, under which viewers are hashed ({@link ViewerKey}). Every replica must hash a
 * viewer alike, so the salt is one row per day in {@code viewer_salts}: the first replica to need it inserts 32
 * random bytes, the others read that row. Once the day is over, {@link #destroyPast()} zeroes and drops it from
 * memory and deletes it, with that day's viewer hashes, from the database; the day's counts stay.
 */
@ApplicationScoped
public class DailySalt {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool client;
    private final Map<LocalDate, byte[]> held = new ConcurrentHashMap<>();

    public DailySalt(Pool client) {
        this.client = client;
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The salt of {@code day}: from memory, else the shared row (created if this replica is the first to need it). */
    public Uni<byte[]> forDay(LocalDate day) {
        byte[] salt = held.get(day);
        if (salt != null) {
            return Uni.createFrom().item(salt);
        }
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        return client.preparedQuery("insert into viewer_salts (day, salt) values ($1, $2) on conflict (day) do nothing")
                // The core Buffer: the driver refuses the Mutiny wrapper ("can not be coerced"), failing the insert.
                .execute(Tuple.of(day, Buffer.buffer(fresh)))
                .flatMap(r -> client.preparedQuery("select salt from viewer_salts where day = $1").execute(Tuple.of(day)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    byte[] stored = row.getBuffer("salt").getBytes();
                    byte[] previous = held.putIfAbsent(day, stored);
                    return previous != null ? previous : stored;
                });
    }

    /** The days whose salt this replica holds in memory (for tests and for the sweep). */
    public Set<LocalDate> heldDays() {
        return Set.copyOf(held.keySet());
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return destroyPast().onFailure().recoverWithItem(failure -> {
            Log.warnf("viewer salt sweep failed (%s); retried next minute", failure.getClass().getSimpleName());
            return 0;
        }).replaceWithVoid();
    }

    /**
     * Destroys the salts of every day before today (UTC), in memory and in the database, and deletes those days'
     * viewer hashes. Returns the number of database rows deleted.
     */
    public Uni<Integer> destroyPast() {
        return destroyBefore(today());
    }

    /**
     * Destroys the salts and viewer hashes of every day before {@code today}. The sweep passes the real UTC date; a
     * test passes tomorrow to play "the day is over" without waiting for midnight.
     */
    Uni<Integer> destroyBefore(LocalDate today) {
        for (LocalDate day : Set.copyOf(held.keySet())) {
            if (day.isBefore(today)) {
                byte[] salt = held.remove(day);
                if (salt != null) {
                    Arrays.fill(salt, (byte) 0);
                }
            }
        }
        return client.preparedQuery("delete from viewer_salts where day < $1").execute(Tuple.of(today))
                .flatMap(salts -> client.preparedQuery("delete from share_viewer_marks where day < $1").execute(Tuple.of(today))
                        .map(marks -> salts.rowCount() + marks.rowCount()))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("destroyed the viewer salt and viewer hashes of past days (%d row(s))", n);
                    }
                });
    }
}
