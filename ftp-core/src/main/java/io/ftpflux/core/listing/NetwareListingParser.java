package io.ftpflux.core.listing;

import java.text.DateFormatSymbols;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the LIST output of Novell NetWare FTP servers (RFC 959 §4.1.3 leaves the LIST format to the
 * server).
 *
 * <p>A line is a type, the NetWare trustee rights in brackets, the owner, the size in bytes, an
 * {@code ls}-style date, and the name:
 * <pre>
 * d [RWCEAFMS] admin                  512 Jan 15 10:23 public
 * - [R----F--] admin                12345 Mar  3  2021 read me.txt
 * </pre>
 *
 * <ul>
 *   <li>The type is {@code d} for a {@link EntryType#DIRECTORY directory} or {@code -} for a
 *       {@link EntryType#FILE file}.</li>
 *   <li>The eight rights positions are Read, Write, Create, Erase, Access control, File scan, Modify and
 *       Supervisor, each a letter or {@code -}; {@link FtpEntry#permissions()} is the bracket's content as
 *       shown. The owner is the {@code netware.owner} fact.</li>
 *   <li>The date is a month abbreviation (in any of {@link ListingOptions#monthLocales()}), a day, and either a
 *       year or, for recent files, a time. Without a year, the year is the most recent in which that date is
 *       at most a day after {@link ListingOptions#clock()}'s now, which also places Feb 29 in a leap year.
 *       Times are in {@link ListingOptions#serverZone()}. An unknown month or a date that does not exist
 *       leaves {@link FtpEntry#modified()} {@code null}.</li>
 *   <li>The name is the rest of the line after the blanks that follow the date, so it may hold spaces.</li>
 * </ul>
 */
final class NetwareListingParser implements ListingParser {

    /** Feb 29 recurs within eight years (2096 to 2104 skips 2100). */
    private static final int MAX_YEARS_BACK = 8;

    private static final Pattern ENTRY = Pattern.compile(
            "(?<type>[d-]) +\\[(?<rights>[RWCEAFMS-]{8})] +(?<owner>\\S+) +(?<size>\\d+)"
                    + " +(?<month>\\S+) +(?<day>\\d{1,2}) +(?:(?<hour>\\d{1,2}):(?<minute>\\d{2})|(?<year>\\d{4}))"
                    + " +(?<name>\\S.*)");

    private final ListingOptions options;
    private final Map<String, Integer> months;

    /**
     * Creates the parser.
     *
     * @param options the server's clock and zone and the languages of month names
     */
    NetwareListingParser(ListingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.months = monthAbbreviations(options);
    }

    /**
     * Returns {@code "netware"}.
     *
     * @return the format's short name
     */
    @Override
    public String name() {
        return "netware";
    }

    /**
     * Parses one line of a NetWare listing.
     *
     * @param line the line, without its terminator
     * @return the entry, or {@code null} when the line is not in this format
     */
    @Override
    public @Nullable FtpEntry parse(String line) {
        Matcher matcher = ENTRY.matcher(line);
        if (!matcher.matches()) {
            return null;
        }
        Long size;
        try {
            size = Long.parseLong(matcher.group("size"));
        } catch (NumberFormatException tooLarge) {
            size = null;
        }
        EntryType type = matcher.group("type").equals("d") ? EntryType.DIRECTORY : EntryType.FILE;
        return FtpEntry.builder(matcher.group("name"), type)
                .size(size)
                .modified(modified(matcher))
                .permissions(matcher.group("rights"))
                .fact("netware.owner", matcher.group("owner"))
                .rawLine(line)
                .build();
    }

    private @Nullable Instant modified(Matcher matcher) {
        Integer month = months.get(normalizedMonth(matcher.group("month"), Locale.ROOT));
        if (month == null) {
            return null;
        }
        int day = Integer.parseInt(matcher.group("day"));
        ZoneId zone = options.serverZone();
        if (matcher.group("year") != null) {
            LocalDateTime midnight = dateTimeOrNull(Integer.parseInt(matcher.group("year")), month, day, 0, 0);
            return midnight == null ? null : midnight.atZone(zone).toInstant();
        }
        int hour = Integer.parseInt(matcher.group("hour"));
        int minute = Integer.parseInt(matcher.group("minute"));
        LocalDateTime latest = LocalDateTime.ofInstant(options.clock().instant(), zone).plusDays(1);
        for (int year = latest.getYear(); year >= latest.getYear() - MAX_YEARS_BACK; year--) {
            LocalDateTime candidate = dateTimeOrNull(year, month, day, hour, minute);
            if (candidate != null && !candidate.isAfter(latest)) {
                return candidate.atZone(zone).toInstant();
            }
        }
        return null;
    }

    private static @Nullable LocalDateTime dateTimeOrNull(int year, int month, int day, int hour, int minute) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute);
        } catch (DateTimeException noSuchDate) {
            return null;
        }
    }

    private static Map<String, Integer> monthAbbreviations(ListingOptions options) {
        Map<String, Integer> months = new HashMap<>();
        for (Locale locale : options.monthLocales()) {
            String[] names = DateFormatSymbols.getInstance(locale).getShortMonths();
            for (int index = 0; index < 12; index++) {
                if (!names[index].isEmpty()) {
                    months.putIfAbsent(normalizedMonth(names[index], locale), index + 1);
                }
            }
        }
        return Map.copyOf(months);
    }

    /** Short month names differ in case and in a trailing dot between locales and servers. */
    private static String normalizedMonth(String month, Locale locale) {
        String lower = month.toLowerCase(locale).toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
