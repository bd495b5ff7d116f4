package io.ftpflux.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of every check in every cell of every server, written as a Markdown table:
 * {@code target/interop/results.md}. One table per test JVM; each suite class rewrites it when it ends, so it holds
 * every class run so far.
 */
final class ResultTable {

    /** What became of one check in one cell. */
    enum Status {
        PASS("pass"),
        LIMITATION("limitation"),
        KNOWN_BUG("known client bug"),
        FAIL("FAIL"),
        NOT_RUN("not run");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * One outcome.
     *
     * @param status what became of the check
     * @param detail why, for every status but {@link Status#PASS}
     */
    record Outcome(Status status, String detail) {
    }

    private record Row(Server server, String version, Cell cell) {
    }

    private static final Comparator<Row> ORDER = Comparator.comparing(Row::server).thenComparing(Row::cell);
    private static final Map<Row, Map<Check, Outcome>> ROWS = new TreeMap<>(ORDER);

    private ResultTable() {
    }

    static synchronized void record(Server server, String version, Cell cell, Check check, Outcome outcome) {
        ROWS.computeIfAbsent(new Row(server, version, cell), row -> new LinkedHashMap<>()).put(check, outcome);
    }

    static synchronized void recordNotRun(Server server, String version, String reason) {
        for (Cell cell : server.cells()) {
            if (!cell.runsInThisJvm()) {
                continue;
            }
            for (Check check : Check.values()) {
                record(server, version, cell, check, new Outcome(Status.NOT_RUN, reason));
            }
        }
    }

    /**
     * Writes the table.
     *
     * @param file where
     */
    static synchronized void write(Path file) {
        List<String> notes = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        text.append("# Interop results\n\n")
                .append("Written by the ftp-interop suite at ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" on Java ").append(System.getProperty("java.version"))
                .append(", large file ").append(InteropSettings.largeFileBytes() / (1024 * 1024))
                .append(" MiB in the cells that move it whole, at most ").append(InteropSettings.REDUCED_LARGE_FILE_MIB)
                .append(" MiB in the others")
                .append(Cell.ticketExtensionOffInThisJvm() ? "; JVM flag -D" + Cell.TICKET_EXTENSION_PROPERTY + "=false"
                        : "")
                .append(".\n\n");
        text.append("| server | version | cell |");
        for (Check check : Check.values()) {
            text.append(' ').append(check.column()).append(" |");
        }
        text.append("\n|---|---|---|");
        text.append("---|".repeat(Check.values().length)).append('\n');
        for (Map.Entry<Row, Map<Check, Outcome>> entry : ROWS.entrySet()) {
            Row row = entry.getKey();
            text.append("| ").append(row.server()).append(" | ").append(row.version()).append(" | ")
                    .append(row.cell().description()).append(" |");
            for (Check check : Check.values()) {
                Outcome outcome = entry.getValue().get(check);
                text.append(' ').append(outcome == null ? "—" : label(outcome, notes)).append(" |");
            }
            text.append('\n');
        }
        if (!notes.isEmpty()) {
            text.append("\nNotes:\n\n");
            for (int i = 0; i < notes.size(); i++) {
                text.append(i + 1).append(". ").append(notes.get(i)).append('\n');
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result table " + file, e);
        }
    }

    /** The cell's label; a detail becomes a numbered note, each distinct text once. */
    private static String label(Outcome outcome, List<String> notes) {
        if (outcome.status() == Status.PASS) {
            return outcome.status().label();
        }
        String note = outcome.detail().replace('\n', ' ').replace("|", "\\|");
        int index = notes.indexOf(note);
        if (index < 0) {
            notes.add(note);
            index = notes.size() - 1;
        }
        return outcome.status().label() + " (" + (index + 1) + ")";
    }
}
