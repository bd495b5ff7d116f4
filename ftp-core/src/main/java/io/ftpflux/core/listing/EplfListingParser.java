package io.ftpflux.core.listing;

import java.time.DateTimeException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Parses EPLF, the Easily Parsed LIST Format that D. J. Bernstein proposed in 1996 for LIST output (RFC 959
 * §4.1.3 leaves the LIST format to the server), as publicfile and a few other servers send it.
 *
 * <p>A line is a plus sign, a series of facts each ended by a comma, a TAB, and the name:
 * <pre>
 * +i8388621.48594,m825718503,r,s280,&#9;djb.html
 * +i8388621.50690,m824255907,/,&#9;514
 * </pre>
 * A fact is its first character (two for {@code up}) followed by its value:
 * <ul>
 *   <li>{@code /} — CWD may succeed: the entry is a {@link EntryType#DIRECTORY directory};</li>
 *   <li>{@code r} — RETR may succeed: the entry is a {@link EntryType#FILE file} (unless {@code /} is also
 *       there: a directory wins; with neither the entry is {@link EntryType#OTHER});</li>
 *   <li>{@code s} — the size in bytes, as decimal digits;</li>
 *   <li>{@code m} — the modification time in seconds since 1970-01-01 UTC, so
 *       {@link ListingOptions#serverZone()} does not apply and this parser needs no options;</li>
 *   <li>{@code i} — an identifier unique to the file on the server (kept as the {@code eplf.id} fact),
 *       telling hard links and loops apart;</li>
 *   <li>{@code up} — the Unix permission bits in octal, kept as {@link FtpEntry#permissions()} as shown
 *       ({@code 644}) and as the {@code eplf.up} fact.</li>
 * </ul>
 * Unknown facts are ignored, as the format asks of clients, and so are {@code i} and {@code up} without a
 * value. The name is everything after the first TAB. A size or time that is not a valid number leaves that
 * field {@code null}; the line still gives an entry. A final fact without its comma is accepted. A line with
 * no TAB or with an empty name is not EPLF.
 */
final class EplfListingParser implements ListingParser {

    /**
     * Creates the parser.
     */
    EplfListingParser() {
    }

    /**
     * Returns {@code "eplf"}.
     *
     * @return the format's short name
     */
    @Override
    public String name() {
        return "eplf";
    }

    /**
     * Parses one EPLF line.
     *
     * @param line the line, without its terminator
     * @return the entry, or {@code null} when the line is not EPLF
     */
    @Override
    public @Nullable FtpEntry parse(String line) {
        if (!line.startsWith("+")) {
            return null;
        }
        int tab = line.indexOf('\t');
        if (tab < 0 || tab == line.length() - 1) {
            return null;
        }
        String name = line.substring(tab + 1);
        boolean directory = false;
        boolean retrievable = false;
        FtpEntry.Builder builder = FtpEntry.builder(name, EntryType.OTHER).rawLine(line);
        for (String fact : line.substring(1, tab).split(",", -1)) {
            if (fact.isEmpty()) {
                continue;
            }
            String value = fact.substring(1);
            switch (fact.charAt(0)) {
                case '/' -> directory = true;
                case 'r' -> retrievable = true;
                case 's' -> builder.size(decimal(value));
                case 'm' -> builder.modified(epochSeconds(value));
                case 'i' -> {
                    if (!value.isEmpty()) {
                        builder.fact("eplf.id", value);
                    }
                }
                case 'u' -> {
                    if (value.length() > 1 && value.startsWith("p")) {
                        builder.permissions(value.substring(1)).fact("eplf.up", value.substring(1));
                    }
                }
                default -> {
                    // EPLF asks clients to skip facts they do not know.
                }
            }
        }
        if (directory) {
            builder.type(EntryType.DIRECTORY);
        } else if (retrievable) {
            builder.type(EntryType.FILE);
        }
        return builder.build();
    }

    private static @Nullable Long decimal(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    private static @Nullable Instant epochSeconds(String value) {
        Long seconds = decimal(value);
        if (seconds == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(seconds);
        } catch (DateTimeException beyondInstant) {
            return null;
        }
    }
}
