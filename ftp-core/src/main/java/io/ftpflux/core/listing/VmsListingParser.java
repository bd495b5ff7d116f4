package io.ftpflux.core.listing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the LIST output of OpenVMS FTP servers (MultiNet, TCPware, HP TCP/IP Services), a form of the
 * {@code DIRECTORY} command's output (RFC 959 §4.1.3 leaves the LIST format to the server).
 *
 * <p>A listing names its directory, lists one file per line and ends with a total:
 * <pre>
 * Directory DISK$USER:[NAME]
 *
 * FILE.TXT;1          2/4     12-JAN-2024 10:23:45  [GROUP,OWNER]   (RWED,RWED,RE,)
 * SUBDIR.DIR;1        1/3      5-FEB-2024 08:00:00  [GROUP,OWNER]   (RWE,RWE,RE,E)
 *
 * Total of 2 files, 3/7 blocks.
 * </pre>
 * The header, the total (and the {@code Grand total} of a multi-directory listing) are
 * {@linkplain #isNoise(String) noise}.
 *
 * <ul>
 *   <li>A name is {@code NAME.TYPE;VERSION}. The version is removed from {@link FtpEntry#name()} and kept as
 *       the {@code vms.version} fact. A type of {@code DIR} makes a {@link EntryType#DIRECTORY directory}
 *       whose name drops the {@code .DIR} too, since that is the name CWD takes; other names are kept as
 *       shown, with their dot ({@code README.} has an empty type).</li>
 *   <li>Sizes are in 512-byte blocks, used then optionally allocated ({@code 2/4}), kept as the
 *       {@code vms.blocks.used} and {@code vms.blocks.allocated} facts. {@link FtpEntry#size()} is the used
 *       blocks times 512: an upper bound on the bytes a binary RETR gives, since the last block is rarely
 *       full, and not the byte count of a text file's records.</li>
 *   <li>The date is {@code d-MMM-yyyy} with English month names (VMS does not translate them), the time
 *       {@code HH:mm}, optionally with seconds and hundredths of a second, in
 *       {@link ListingOptions#serverZone()}. A date that does not exist leaves {@link FtpEntry#modified()}
 *       {@code null}.</li>
 *   <li>The owner UIC ({@code [GROUP,OWNER]}) becomes the {@code vms.owner} fact and the protection
 *       ({@code (RWED,RWED,RE,)}: system, owner, group, world) the {@link FtpEntry#permissions()}, both
 *       without their brackets; servers may leave either out.</li>
 * </ul>
 *
 * <p>A real VMS server wraps a name too long for its column: the name alone on one line, the rest on the
 * next. Parsers see one line at a time and keep no state between lines, so the name line gives an entry with
 * the name, version and type but no size or time, and the indented continuation line is not in this format
 * ({@code null}), so the listing reports it as unparsed: the file is listed and nothing is silently dropped.
 */
final class VmsListingParser implements ListingParser {

    private static final int BLOCK_SIZE = 512;

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

    private static final String NAME = "(?<file>[^\\s;]+);(?<version>\\d+)";

    private static final Pattern ENTRY = Pattern.compile(NAME
            + "\\s+(?<used>\\d+)(?:/(?<allocated>\\d+))?"
            + "\\s+(?<day>\\d{1,2})-(?<month>[A-Za-z]{3})-(?<year>\\d{4})"
            + "\\s+(?<hour>\\d{1,2}):(?<minute>\\d{2})(?::(?<second>\\d{2})(?:\\.(?<hundredths>\\d{2}))?)?"
            + "(?:\\s+\\[(?<owner>[^\\]\\s]*)\\])?"
            + "(?:\\s+\\((?<protection>[^)\\s]*)\\))?\\s*");

    private static final Pattern WRAPPED_NAME = Pattern.compile(NAME + "\\s*");

    private static final Pattern NOISE = Pattern.compile(
            "\\s*(?:Directory\\s+\\S+|(?:Grand )?[Tt]otal of \\d+ (?:files?|director(?:y|ies))\\b.*)");

    private final ListingOptions options;

    /**
     * Creates the parser.
     *
     * @param options the server's zone, for the times of the listing
     */
    VmsListingParser(ListingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Returns {@code "vms"}.
     *
     * @return the format's short name
     */
    @Override
    public String name() {
        return "vms";
    }

    /**
     * Parses one line of an OpenVMS listing.
     *
     * @param line the line, without its terminator
     * @return the entry, or {@code null} when the line is not a VMS file line
     */
    @Override
    public @Nullable FtpEntry parse(String line) {
        Matcher matcher = ENTRY.matcher(line);
        if (matcher.matches()) {
            FtpEntry.Builder builder = named(line, matcher);
            if (builder == null) {
                return null;
            }
            Long usedBlocks = decimal(matcher.group("used"));
            builder.fact("vms.blocks.used", matcher.group("used"));
            if (matcher.group("allocated") != null) {
                builder.fact("vms.blocks.allocated", matcher.group("allocated"));
            }
            if (matcher.group("owner") != null) {
                builder.fact("vms.owner", matcher.group("owner"));
            }
            return builder
                    .size(usedBlocks == null || usedBlocks > Long.MAX_VALUE / BLOCK_SIZE
                            ? null
                            : usedBlocks * BLOCK_SIZE)
                    .modified(modified(matcher))
                    .permissions(matcher.group("protection"))
                    .build();
        }
        Matcher wrapped = WRAPPED_NAME.matcher(line);
        FtpEntry.Builder builder = wrapped.matches() ? named(line, wrapped) : null;
        return builder == null ? null : builder.build();
    }

    /**
     * Tells whether a line is blank, a {@code Directory} header or a {@code Total of} or {@code Grand total
     * of} summary.
     *
     * @param line the line, without its terminator
     * @return {@code true} if the line carries no entry
     */
    @Override
    public boolean isNoise(String line) {
        return line.isBlank() || NOISE.matcher(line).matches();
    }

    /** Starts the entry from {@code NAME.TYPE;VERSION}, or returns {@code null} if the name has no dot. */
    private static FtpEntry.@Nullable Builder named(String line, Matcher matcher) {
        String fileName = matcher.group("file");
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        boolean directory = fileName.substring(dot + 1).equalsIgnoreCase("DIR");
        // CWD takes a directory by its name without the .DIR type; ".DIR;1" alone keeps its whole name.
        String name = directory && fileName.length() > ".DIR".length()
                ? fileName.substring(0, fileName.length() - ".DIR".length())
                : fileName;
        return FtpEntry.builder(name, directory ? EntryType.DIRECTORY : EntryType.FILE)
                .fact("vms.version", matcher.group("version"))
                .rawLine(line);
    }

    private @Nullable Instant modified(Matcher matcher) {
        int month = MONTHS.indexOf(matcher.group("month").toUpperCase(Locale.ROOT)) + 1;
        if (month == 0) {
            return null;
        }
        String seconds = matcher.group("second");
        String hundredths = matcher.group("hundredths");
        try {
            return LocalDateTime.of(
                            Integer.parseInt(matcher.group("year")),
                            month,
                            Integer.parseInt(matcher.group("day")),
                            Integer.parseInt(matcher.group("hour")),
                            Integer.parseInt(matcher.group("minute")),
                            seconds == null ? 0 : Integer.parseInt(seconds),
                            hundredths == null ? 0 : Integer.parseInt(hundredths) * 10_000_000)
                    .atZone(options.serverZone())
                    .toInstant();
        } catch (DateTimeException noSuchTime) {
            return null;
        }
    }

    private static @Nullable Long decimal(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }
}
