package io.uptimepage.shares.replica;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The suite's numbers: one {@code REPLICA …} line per check on stdout, and a markdown table in {@code results.md}. */
final class Results {

    private static final class Row {
        String check;
        String numbers = "";
        String verdict = "not run";

        Row(String check) {
            this.check = check;
        }
    }

    private static final Map<String, Row> ROWS = new LinkedHashMap<>();
    private static final StringBuilder SETUP = new StringBuilder();

    private Results() {
    }

    static synchronized void setup(String line) {
        System.out.println("REPLICA setup: " + line);
        SETUP.append("- ").append(line).append('\n');
    }

    /** The numbers of one check (printed now, tabled at the end). */
    static synchronized void numbers(String key, String check, String numbers) {
        System.out.println("REPLICA " + check + ": " + numbers);
        Row row = ROWS.computeIfAbsent(key, Row::new);
        row.check = check;
        row.numbers = row.numbers.isEmpty() ? numbers : row.numbers + "<br>" + numbers;
    }

    static synchronized void verdict(String key, String verdict) {
        ROWS.computeIfAbsent(key, Row::new).verdict = verdict;
    }

    static synchronized void write(Path file) {
        StringBuilder md = new StringBuilder("# Replica suite results\n\n")
                .append("Run ").append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)).append("\n\n")
                .append(SETUP).append('\n')
                .append("| # | check | numbers | verdict |\n|---|---|---|---|\n");
        int i = 1;
        for (Row r : ROWS.values()) {
            md.append("| ").append(i++).append(" | ").append(r.check).append(" | ")
                    .append(r.numbers.replace("|", "\\|")).append(" | ").append(r.verdict.replace("|", "\\|")
                            .replaceAll("\\s+", " ")).append(" |\n");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md);
        } catch (IOException e) {
            System.err.println("REPLICA could not write " + file + ": " + e.getMessage());
        }
    }
}
