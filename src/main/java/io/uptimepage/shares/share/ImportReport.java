package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The answer of {@code POST /internal/v1/import} (DESIGN §11), counted as the body streams through. */
public final class ImportReport {

    /** At most this many rejections are listed; {@link #rejectedCount} counts them all. */
    static final int MAX_LISTED = 100;

    /** One rejected line: its 1-based number, the share id when it could be read, and why. */
    public record Rejection(int line, UUID id, String reason) {
    }

    @JsonProperty("dry_run")
    public final boolean dryRun;
    public long examined;
    public long imported;
    public long updated;
    public long unchanged;
    @JsonProperty("rejected_count")
    public long rejectedCount;
    public final List<Rejection> rejected = new ArrayList<>();

    ImportReport(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Adds the counts and rejections of one committed batch ({@code batch} counted only that batch's writes). */
    void add(ImportReport batch) {
        imported += batch.imported;
        updated += batch.updated;
        unchanged += batch.unchanged;
        batch.rejected.forEach(r -> reject(r.line(), r.id(), r.reason()));
        rejectedCount += batch.rejectedCount - batch.rejected.size();
    }

    void reject(int line, UUID id, String reason) {
        rejectedCount++;
        if (rejected.size() < MAX_LISTED) {
            rejected.add(new Rejection(line, id, reason));
        }
    }
}
