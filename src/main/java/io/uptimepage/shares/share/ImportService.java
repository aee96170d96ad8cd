package io.uptimepage.shares.share;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.crypto.KeyRing;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Imports the core's share links (DESIGN §11) from an NDJSON stream: each line is validated as it arrives, valid rows
 * are written {@value #BATCH} at a time, and only the current batch is held in memory. Imports are exempt from the
 * plan caps (imported links are grandfathered) and write one {@code share.imported} audit row per inserted share.
 */
@ApplicationScoped
public class ImportService {

    static final int BATCH = 500;
    /** The longest line accepted; a real row is well under 2 KiB. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final ImportLineParser parser;
    private final ImportWriter writer;

    ImportService(ObjectMapper json, KeyRing keys, ImportWriter writer) {
        this.parser = new ImportLineParser(json, keys);
        this.writer = writer;
    }

    /** A new import; feed it lines in order, flushing whenever {@link Run#batchFull()}, then {@link Run#finish()}. */
    public Run start(boolean dryRun) {
        return new Run(dryRun);
    }

    /** One import in progress. Not thread-safe: it is driven by one request's stream. */
    public final class Run {
        private final ImportReport report;
        private List<ImportRow> batch = new ArrayList<>(BATCH);

        private Run(boolean dryRun) {
            this.report = new ImportReport(dryRun);
        }

        /** One line of the body ({@code bytes} null: longer than {@link #MAX_LINE_BYTES}). Blank lines are skipped. */
        public void line(int number, byte[] bytes) {
            if (bytes != null && isBlank(bytes)) {
                return;
            }
            report.examined++;
            if (bytes == null) {
                report.reject(number, null, "line is longer than " + MAX_LINE_BYTES + " bytes");
                return;
            }
            try {
                batch.add(parser.parse(number, bytes));
            } catch (ImportLineParser.Rejected e) {
                report.reject(number, e.id, e.getMessage());
            }
        }

        public boolean batchFull() {
            return batch.size() >= BATCH;
        }

        /** Writes the rows collected so far (nothing in a dry run). */
        public Uni<Void> flush() {
            List<ImportRow> rows = batch;
            batch = new ArrayList<>(BATCH);
            return writer.apply(rows, report.dryRun, report);
        }

        public Uni<ImportReport> finish() {
            return flush().replaceWith(report).invoke(r -> Log.infof(
                    "import%s: %d examined, %d imported, %d updated, %d unchanged, %d rejected",
                    r.dryRun ? " (dry run)" : "", r.examined, r.imported, r.updated, r.unchanged, r.rejectedCount));
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
