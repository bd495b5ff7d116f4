package io.ftpflux.core.listing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the "MS-DOS" style LIST output of Microsoft IIS and other Windows FTP servers (RFC 959 §4.1.3 leaves
 * the LIST format to the server).
 *
 * <p>Each line is a date, a time, then either {@code <DIR>} or the size in bytes, then the name:
 * <pre>
 * 01-16-24  02:15PM       &lt;DIR&gt;          Some Dir
 * 12-05-23  09:01AM              1234567 report v2.pdf
 * 01-16-2024  14:15       &lt;DIR&gt;          Some Dir
 * 01/16/2024  02:15 PM         1,234,567 report.pdf
 * </pre>
 *
 * <ul>
 *   <li>The date is {@code MM-dd-yy} or {@code MM-dd-yyyy} ({@code /} also accepted, the same separator in
 *       both places). Two-digit years pivot at 70: {@code 70}–{@code 99} are 1970–1999, {@code 00}–{@code 69}
 *       are 2000–2069, since no FTP server predates 1970 and IIS shows four digits when so configured.</li>
 *   <li>The time is 12-hour with {@code AM}/{@code PM} (any case, optionally after one space; {@code 12:00AM}
 *       is midnight, {@code 12:00PM} noon) or 24-hour. It is read in {@link ListingOptions#serverZone()};
 *       a local time that a daylight-saving gap skips is moved forward by the gap's length, and one an overlap
 *       repeats takes the earlier offset.</li>
 *   <li>A size may carry thousands separators ({@code 1,234,567} or {@code 1.234.567}, groups of three
 *       digits), as Windows' own {@code dir} prints them on some servers.</li>
 *   <li>The name is found by position, never by splitting on spaces, so names with inner or leading spaces
 *       survive: the size column is right-aligned, so a file's name starts one character after its size; the
 *       {@code <DIR>} marker is followed by ten columns of padding up to the same name column, so a
 *       directory's name starts ten characters after {@code <DIR>}. A server that pads {@code <DIR>}
 *       differently has its directory name start at the first non-blank character instead (leading spaces of
 *       such names cannot be told from padding).</li>
 * </ul>
 *
 * <p>A line of this shape whose date or time does not exist (month 13, Feb 30, {@code 13:00PM}) still gives
 * an entry, with {@link FtpEntry#modified()} {@code null}; a size too large for a {@code long} gives a
 * {@code null} size. The format shows no permissions and no facts beyond these.
 */
final class DosListingParser implements ListingParser {

    /** The padding IIS and {@code dir} print after {@code <DIR>}, up to the name column. */
    private static final int DIR_PADDING = 10;

    private static final Pattern PREFIX = Pattern.compile(
            "(?<month>\\d{2})(?<separator>[-/])(?<day>\\d{2})\\k<separator>(?<year>\\d{4}|\\d{2})"
                    + " +(?<hour>\\d{1,2}):(?<minute>\\d{2})(?: ?(?<meridiem>[AaPp][Mm]))?"
                    + " +(?:(?<directory><DIR>)|(?<size>\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?:\\.\\d{3})+|\\d+))");

    private final ListingOptions options;

    /**
     * Creates the parser.
     *
     * @param options the server's zone, for the times of the listing
     */
    DosListingParser(ListingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Returns {@code "dos"}.
     *
     * @return the format's short name
     */
    @Override
    public String name() {
        return "dos";
    }

    /**
     * Parses one line of an IIS/MS-DOS style listing.
     *
     * @param line the line, without its terminator
     * @return the entry, or {@code null} when the line is not in this format
     */
    @Override
    public @Nullable FtpEntry parse(String line) {
        Matcher matcher = PREFIX.matcher(line);
        if (!matcher.lookingAt()) {
            return null;
        }
        int tokenEnd = matcher.end();
        if (tokenEnd >= line.length() || line.charAt(tokenEnd) != ' ') {
            return null;
        }
        boolean directory = matcher.group("directory") != null;
        int nameStart = directory ? directoryNameStart(line, tokenEnd) : tokenEnd + 1;
        String name = line.substring(nameStart);
        if (name.isBlank()) {
            return null;
        }
        return FtpEntry.builder(name, directory ? EntryType.DIRECTORY : EntryType.FILE)
                .size(directory ? null : size(matcher.group("size")))
                .modified(modified(matcher))
                .rawLine(line)
                .build();
    }

    private static int directoryNameStart(String line, int markerEnd) {
        int column = markerEnd + DIR_PADDING;
        if (column < line.length() && line.substring(markerEnd, column).isBlank()) {
            return column;
        }
        int start = markerEnd;
        while (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        return start;
    }

    private static @Nullable Long size(String shown) {
        String digits = shown.replace(",", "").replace(".", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    private @Nullable Instant modified(Matcher matcher) {
        int month = Integer.parseInt(matcher.group("month"));
        int day = Integer.parseInt(matcher.group("day"));
        String yearShown = matcher.group("year");
        int year = Integer.parseInt(yearShown);
        if (yearShown.length() == 2) {
            year += year >= 70 ? 1900 : 2000;
        }
        int hour = Integer.parseInt(matcher.group("hour"));
        int minute = Integer.parseInt(matcher.group("minute"));
        String meridiem = matcher.group("meridiem");
        if (meridiem != null) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            boolean pm = Character.toUpperCase(meridiem.charAt(0)) == 'P';
            hour = hour % 12 + (pm ? 12 : 0);
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute).atZone(options.serverZone()).toInstant();
        } catch (DateTimeException noSuchTime) {
            return null;
        }
    }
}
