package io.ftpflux.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How {@code ls} and {@code stat} show entries: as JSON objects (the documented shape, stable for scripts) and as
 * aligned text for people. Names are shown with control characters escaped, so a hostile name cannot act on the
 * terminal.
 */
final class EntryFormat {

    /** The one JSON mapper of the tool. */
    static final ObjectMapper JSON = new ObjectMapper();

    private static final DateTimeFormatter LONG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private EntryFormat() {
    }

    /**
     * Names an entry's type as the JSON shape does.
     *
     * @param type the type
     * @return {@code file}, {@code dir}, {@code link} or {@code other}
     */
    static String typeName(EntryType type) {
        return switch (type) {
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "link";
            case OTHER, UNPARSED -> "other";
        };
    }

    /**
     * Turns an entry into its JSON object: {@code name}, {@code type}, {@code size} (a number or null),
     * {@code modified} (ISO-8601 UTC or null), {@code permissions}, {@code linkTarget} and {@code facts}, plus
     * {@code raw} for a line no parser understood.
     *
     * @param entry the entry
     * @return the JSON object
     */
    static ObjectNode toJson(FtpEntry entry) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", entry.name());
        node.put("type", typeName(entry.type()));
        if (entry.size() == null) {
            node.putNull("size");
        } else {
            node.put("size", entry.size());
        }
        node.put("modified", entry.modified() == null ? null : entry.modified().toString());
        node.put("permissions", entry.permissions());
        node.put("linkTarget", entry.linkTarget());
        ObjectNode facts = node.putObject("facts");
        new TreeMap<>(entry.facts()).forEach(facts::put);
        if (entry.type() == EntryType.UNPARSED) {
            node.put("raw", entry.rawLine());
        }
        return node;
    }

    /**
     * Lays entries out as {@code ls -l} does: type and permissions, size, UTC time, name, in aligned columns.
     *
     * @param entries the entries
     * @return one line per entry, without line ends
     */
    static List<String> longLines(List<FtpEntry> entries) {
        List<String[]> rows = new ArrayList<>(entries.size());
        int[] widths = new int[3];
        for (FtpEntry entry : entries) {
            String[] row = {
                typeLetter(entry.type()) + (entry.permissions() == null ? "" : entry.permissions()),
                entry.size() == null ? "-" : Long.toString(entry.size()),
                time(entry.modified()),
                name(entry),
            };
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
            rows.add(row);
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            lines.add(pad(row[0], widths[0], false) + "  " + pad(row[1], widths[1], true) + "  "
                    + pad(row[2], widths[2], false) + "  " + row[3]);
        }
        return lines;
    }

    /**
     * Shows an entry's name as the short listing does: directories end in {@code /}.
     *
     * @param entry the entry
     * @return the printable name
     */
    static String shortName(FtpEntry entry) {
        return SafeNames.printable(entry.name()) + (entry.type() == EntryType.DIRECTORY ? "/" : "");
    }

    /**
     * Lays out one entry's facts for {@code stat}: one {@code key: value} line each.
     *
     * @param entry the entry
     * @return the lines
     */
    static List<String> statLines(FtpEntry entry) {
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        shown.put("name", SafeNames.printable(entry.name()));
        shown.put("type", typeName(entry.type()));
        shown.put("size", entry.size() == null ? "unknown" : entry.size().toString());
        shown.put("modified", entry.modified() == null ? "unknown" : entry.modified().toString());
        if (entry.permissions() != null) {
            shown.put("permissions", entry.permissions());
        }
        if (entry.linkTarget() != null) {
            shown.put("link target", SafeNames.printable(entry.linkTarget()));
        }
        new TreeMap<>(entry.facts()).forEach((fact, value) -> shown.put("fact " + fact, SafeNames.printable(value)));
        int width = shown.keySet().stream().mapToInt(String::length).max().orElse(0);
        List<String> lines = new ArrayList<>(shown.size());
        shown.forEach((key, value) -> lines.add(pad(key + ":", width + 1, false) + " " + value));
        return lines;
    }

    private static String typeLetter(EntryType type) {
        return switch (type) {
            case FILE -> "-";
            case DIRECTORY -> "d";
            case SYMLINK -> "l";
            case OTHER, UNPARSED -> "?";
        };
    }

    private static String time(@Nullable Instant modified) {
        return modified == null ? "-" : LONG_TIME.format(modified);
    }

    private static String name(FtpEntry entry) {
        String name = entry.type() == EntryType.UNPARSED ? entry.rawLine() : entry.name();
        String target = entry.linkTarget() == null ? "" : " -> " + SafeNames.printable(entry.linkTarget());
        return SafeNames.printable(name) + target;
    }

    private static String pad(String text, int width, boolean right) {
        String padding = " ".repeat(Math.max(0, width - text.length()));
        return right ? padding + text : text + padding;
    }
}
