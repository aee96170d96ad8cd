package io.uptimepage.shares.stats;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per-link, per-UTC-day view statistics ({@code share_view_days}) and today's viewer hashes
 * ({@code share_viewer_marks}, which make a viewer count once a day across every replica).
 *
 * <p>{@link #addDay} is <b>called only inside the caller's transaction</b> (the view-count flush, so a flush's
 * counts commit or roll back together); every read goes straight to the reactive pool and needs no session.
 */
@ApplicationScoped
public class ViewStatsRepository {

    /** Rows per multi-row insert of viewer hashes: 3 parameters each, far below PostgreSQL's 65,535. */
    private static final int MARKS_PER_STATEMENT = 500;

    /** One day of one link. */
    public record Day(LocalDate date, long views, long uniqueViewers, long botViews) {
    }

    private final Pool client;

    public ViewStatsRepository(Pool client) {
        this.client = client;
    }

    /**
     * Adds one flush's counts of a link's day, inside the caller's Hibernate Reactive transaction (the view-count
     * flush). The viewer hashes not yet seen that day are the day's new unique viewers.
     */
    public Uni<Void> addDay(UUID shareId, LocalDate day, long views, Collection<byte[]> viewers, long botViews) {
        return insertMarks(shareId, day, new ArrayList<>(viewers), 0, 0)
                .flatMap(newViewers -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "insert into share_view_days (share_id, day, views, unique_viewers, bot_views) values (?1, ?2, ?3, ?4, ?5) "
                                + "on conflict (share_id, day) do update set views = share_view_days.views + excluded.views, "
                                + "unique_viewers = share_view_days.unique_viewers + excluded.unique_viewers, "
                                + "bot_views = share_view_days.bot_views + excluded.bot_views")
                        .setParameter(1, shareId).setParameter(2, day).setParameter(3, views)
                        .setParameter(4, (long) newViewers).setParameter(5, botViews)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    private Uni<Integer> insertMarks(UUID shareId, LocalDate day, List<byte[]> viewers, int from, int inserted) {
        if (from >= viewers.size()) {
            return Uni.createFrom().item(inserted);
        }
        List<byte[]> chunk = viewers.subList(from, Math.min(viewers.size(), from + MARKS_PER_STATEMENT));
        StringBuilder sql = new StringBuilder("insert into share_viewer_marks (share_id, day, viewer) values ");
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?1, ?2, ?").append(i + 3).append(')');
        }
        sql.append(" on conflict do nothing");
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(sql.toString()).setParameter(1, shareId).setParameter(2, day);
            for (int i = 0; i < chunk.size(); i++) {
                q.setParameter(i + 3, chunk.get(i));
            }
            return q.executeUpdate();
        }).flatMap(n -> insertMarks(shareId, day, viewers, from + chunk.size(), inserted + n));
    }

    /** The days {@code from}..{@code to} (inclusive) of a link, oldest first, zero-filled. */
    public Uni<List<Day>> days(UUID shareId, LocalDate from, LocalDate to) {
        return client.preparedQuery("select day, views, unique_viewers, bot_views from share_view_days "
                        + "where share_id = $1 and day between $2 and $3")
                .execute(Tuple.of(shareId, from, to))
                .map(rows -> {
                    Map<LocalDate, Day> byDate = new HashMap<>();
                    for (Row r : rows) {
                        LocalDate d = r.getLocalDate("day");
                        byDate.put(d, new Day(d, r.getLong("views"), r.getLong("unique_viewers"), r.getLong("bot_views")));
                    }
                    List<Day> days = new ArrayList<>();
                    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                        days.add(byDate.getOrDefault(d, new Day(d, 0, 0, 0)));
                    }
                    return days;
                });
    }

    /**
     * The sum of the last 30 UTC days' daily unique viewers (today included) of each link; links without views are
     * absent from the map. A viewer cannot be recognised across days, so this counts viewer-days.
     */
    public Uni<Map<UUID, Long>> uniqueViewers30d(Collection<UUID> shareIds) {
        if (shareIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        LocalDate since = DailySalt.today().minusDays(29);
        return client.preparedQuery("select share_id, sum(unique_viewers)::bigint as n from share_view_days "
                        + "where share_id = any($1) and day >= $2 group by share_id")
                .execute(Tuple.of(shareIds.toArray(new UUID[0]), since))
                .map(rows -> {
                    Map<UUID, Long> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getUUID("share_id"), r.getLong("n"));
                    }
                    return out;
                });
    }
}
