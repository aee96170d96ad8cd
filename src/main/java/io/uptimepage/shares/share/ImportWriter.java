package io.uptimepage.shares.share;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Applies one batch of import rows in one transaction on the reactive pool: two reads (the stored rows with these ids,
 * the stored owners of these token hashes), then at most three batched statements (inserts, merges, audit rows).
 * Batches of every import, on every replica, are serialised by one advisory lock, so two imports of the same export
 * cannot both insert a row. A dry run does the reads only.
 */
@ApplicationScoped
class ImportWriter {

    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended('shares:import', 0))";
    private static final String STORED = "select id, org, target_id, token_hash, label, expires_at, revoked_at, view_count,"
            + " last_viewed_at, used_by_pages as pages from shares where id = any($1)";
    private static final String OWNERS = "select id, token_hash from shares where token_hash = any($1)";
    private static final String INSERT = "insert into shares (id, org, target_id, label, token_hash, token_sealed, created_by,"
            + " created_at, expires_at, revoked_at, revoke_reason, view_count, last_viewed_at, used_by_pages)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, case when $10::timestamptz is null then null else 'revoked' end,"
            + " $11, $12, $13)";
    private static final String AUDIT = "insert into share_audit (org, action, share_id, target_id) values ($1, 'share.imported', $2, $3)";
    /**
     * Counts and revocation are merged against the row as it is when written, not as it was read: a view-count flush
     * ({@code view_count + n}) or a revoke that commits between the batch's read and this write is kept.
     */
    private static final String MERGE = "update shares set label = $2, expires_at = $3, revoked_at = coalesce(revoked_at, $4),"
            + " revoke_reason = case when coalesce(revoked_at, $4::timestamptz) is null then null"
            + " else coalesce(revoke_reason, 'revoked') end,"
            + " view_count = greatest(view_count, $5), last_viewed_at = greatest(last_viewed_at, $6), used_by_pages = $7"
            + " where id = $1";

    /** Tries per batch when PostgreSQL rolls it back for a deadlock ({@link #isRetryable}). */
    static final int ATTEMPTS = 10;

    private final Pool pool;

    ImportWriter(Pool pool) {
        this.pool = pool;
    }

    /** Applies {@code rows} in file order; a row whose id repeats within the batch is judged after the earlier one. */
    Uni<Void> apply(List<ImportRow> rows, boolean dryRun, ImportReport report) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<ImportRow>> groups = uniqueIdGroups(rows);
        if (dryRun) {
            return pool.withConnection(conn -> applyGroups(conn, groups, 0, true, report));
        }
        // The batch is counted aside and added to the report once it commits, so a retried batch counts once.
        return Uni.createFrom().deferred(() -> {
            ImportReport batch = new ImportReport(false);
            return pool.withTransaction(conn -> conn.query(LOCK).execute()
                    .flatMap(locked -> applyGroups(conn, groups, 0, false, batch))).replaceWith(batch);
        }).onFailure(ImportWriter::isRetryable).invoke(e -> Log.warnf("import batch of %d rows rolled back (SQLSTATE %s); "
                + "running it again", rows.size(), ((PgException) e).getSqlState()))
                .onFailure(ImportWriter::isRetryable).retry().atMost(ATTEMPTS - 1).invoke(report::add).replaceWithVoid();
    }

    /**
     * A deadlock or serialization failure rolled the batch back: run it again. A view-count flush updates several
     * links in one transaction in its own order, so it can deadlock with a batch merging the same links; PostgreSQL
     * then aborts one of the two (an aborted flush keeps its counts for the next one).
     */
    static boolean isRetryable(Throwable e) {
        return e instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }

    private Uni<Void> applyGroups(SqlConnection conn, List<List<ImportRow>> groups, int i, boolean dryRun, ImportReport report) {
        if (i == groups.size()) {
            return Uni.createFrom().voidItem();
        }
        return applyGroup(conn, groups.get(i), dryRun, report)
                .flatMap(v -> applyGroups(conn, groups, i + 1, dryRun, report));
    }

    private Uni<Void> applyGroup(SqlConnection conn, List<ImportRow> rows, boolean dryRun, ImportReport report) {
        UUID[] ids = rows.stream().map(ImportRow::id).toArray(UUID[]::new);
        String[] hashes = rows.stream().map(ImportRow::tokenHash).toArray(String[]::new);
        return conn.preparedQuery(STORED).execute(Tuple.of(ids)).flatMap(stored -> {
            Map<UUID, Row> byId = new HashMap<>();
            stored.forEach(r -> byId.put(r.getUUID("id"), r));
            return conn.preparedQuery(OWNERS).execute(Tuple.of(hashes)).flatMap(owners -> {
                Map<String, UUID> ownerOf = new HashMap<>();
                owners.forEach(r -> ownerOf.put(r.getString("token_hash"), r.getUUID("id")));
                List<Tuple> inserts = new ArrayList<>();
                List<Tuple> audits = new ArrayList<>();
                List<Tuple> merges = new ArrayList<>();
                for (ImportRow row : rows) {
                    decide(row, byId.get(row.id()), ownerOf, report, inserts, audits, merges);
                }
                if (dryRun) {
                    return Uni.createFrom().voidItem();
                }
                // Merges lock stored rows: in id order, so two writers that both order by id cannot deadlock.
                merges.sort(Comparator.comparing(t -> t.getUUID(0)));
                return batch(conn, INSERT, inserts).flatMap(v -> batch(conn, AUDIT, audits)).flatMap(v -> batch(conn, MERGE, merges));
            });
        });
    }

    private void decide(ImportRow row, Row stored, Map<String, UUID> ownerOf, ImportReport report, List<Tuple> inserts,
            List<Tuple> audits, List<Tuple> merges) {
        UUID owner = ownerOf.get(row.tokenHash());
        if (owner != null && !owner.equals(row.id())) {
            report.reject(row.line(), row.id(), "token_hash belongs to another share");
            return;
        }
        if (stored == null) {
            ownerOf.put(row.tokenHash(), row.id()); // a later row of this batch may not claim the same token
            inserts.add(Tuple.tuple().addUUID(row.id()).addString(row.org()).addUUID(row.targetId()).addString(row.label())
                    .addString(row.tokenHash()).addString(row.tokenEnc()).addString(row.createdBy())
                    .addOffsetDateTime(row.createdAt()).addOffsetDateTime(row.expiresAt()).addOffsetDateTime(row.revokedAt())
                    .addLong(row.viewCount()).addOffsetDateTime(row.lastViewedAt()).addString(write(row.usedByPages())));
            audits.add(Tuple.of(row.org(), row.id(), row.targetId()));
            report.imported++;
            return;
        }
        if (!stored.getString("token_hash").equals(row.tokenHash())) {
            report.reject(row.line(), row.id(), "token_hash differs from the stored share's");
            return;
        }
        if (!stored.getString("org").equals(row.org()) || !stored.getUUID("target_id").equals(row.targetId())) {
            report.reject(row.line(), row.id(), "org or target_id differs from the stored share's");
            return;
        }
        // The newer export's label, expiry and pages apply; counts take the larger value; revocation is sticky.
        OffsetDateTime storedRevoked = stored.getOffsetDateTime("revoked_at");
        OffsetDateTime revokedAt = storedRevoked != null ? storedRevoked : row.revokedAt();
        long views = Math.max(stored.getLong("view_count"), row.viewCount());
        OffsetDateTime lastViewed = later(stored.getOffsetDateTime("last_viewed_at"), row.lastViewedAt());
        boolean changed = !Objects.equals(stored.getString("label"), row.label())
                || !sameInstant(stored.getOffsetDateTime("expires_at"), row.expiresAt())
                || !sameInstant(storedRevoked, revokedAt)
                || views != stored.getLong("view_count")
                || !sameInstant(stored.getOffsetDateTime("last_viewed_at"), lastViewed)
                || !read(stored.getString("pages")).equals(row.usedByPages());
        if (!changed) {
            report.unchanged++;
            return;
        }
        merges.add(Tuple.tuple().addUUID(row.id()).addString(row.label()).addOffsetDateTime(row.expiresAt())
                .addOffsetDateTime(revokedAt).addLong(views).addOffsetDateTime(lastViewed).addString(write(row.usedByPages())));
        report.updated++;
    }

    private static Uni<Void> batch(SqlConnection conn, String sql, List<Tuple> tuples) {
        return tuples.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery(sql).executeBatch(tuples).replaceWithVoid();
    }

    /** Splits the batch where an id repeats, so each statement touches a row at most once. */
    private static List<List<ImportRow>> uniqueIdGroups(List<ImportRow> rows) {
        List<List<ImportRow>> groups = new ArrayList<>();
        List<ImportRow> current = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (ImportRow row : rows) {
            if (!seen.add(row.id())) {
                groups.add(current);
                current = new ArrayList<>();
                seen.clear();
                seen.add(row.id());
            }
            current.add(row);
        }
        groups.add(current);
        return groups;
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isAfter(a) ? a : b;
    }

    private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }

    private static String write(List<Share.PageRef> pages) {
        return PageRefs.write(pages);
    }

    private static List<Share.PageRef> read(String pages) {
        return PageRefs.read(pages);
    }
}
