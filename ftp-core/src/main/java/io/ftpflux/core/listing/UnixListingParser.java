package io.ftpflux.core.listing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code ls -l} style LIST lines, the format most servers send (RFC 959 §4.1.3 leaves LIST output
 * unspecified): vsftpd, ProFTPD, Pure-FTPd, Apache MINA FtpServer, busybox, and NetWare-like variants.
 *
 * <p>A line is read as columns:
 * <ol>
 *   <li>The type and permissions: a type character ({@code -} file, {@code d} directory, {@code l} link, any
 *       other letter such as {@code b c p s} is {@link EntryType#OTHER}) and nine permission characters,
 *       optionally followed by an ACL, extended-attribute or SELinux marker ({@code +}, {@code @}, {@code .});
 *       or, NetWare-like, {@code d} or {@code -} followed by bracketed rights such as {@code [RWCEAFMS]}.
 *   <li>The link count, owner and group: each may be missing, as some servers omit the link count or the
 *       group. Two columns read as link count and owner when the first is a number, else as owner and group.
 *   <li>The size, 1 to 19 digits, or {@code major, minor} for a device.
 *   <li>The date: {@code Mon dd HH:mm} (year inferred), {@code Mon dd  yyyy}, {@code dd Mon} in either form,
 *       {@code Mon dd HH:mm:ss yyyy} ({@code ls -lT}), or {@code yyyy-MM-dd HH:mm} ({@code --time-style=long-iso},
 *       also with seconds, fraction and offset as {@code full-iso} prints them). Month names are read in
 *       {@link ListingOptions#monthLocales()}, English always as the fallback.
 *   <li>The name: it starts one character after the date column, so leading spaces belong to it (NetWare
 *       pads, so there leading spaces are dropped). For a link, {@code name -> target} is split at the first
 *       {@code " -> "}; other entries keep {@code " -> "} in their name.
 * </ol>
 * Times are in {@link ListingOptions#serverZone()}. A date without a year gets the most recent year that puts
 * it at most a day after {@link ListingOptions#clock()}'s now; February 29 gets the most recent such leap year.
 *
 * <p>What the line shows beyond the entry's fields goes to its facts: {@code unix.owner}, {@code unix.group},
 * {@code unix.links}, {@code unix.mode} (the permissions as four octal digits, such as {@code 0755}) and
 * {@code unix.device} ({@code major,minor}). {@code total 12} headers are noise.
 *
 * <p>Stateless and thread-safe.
 */
public final class UnixListingParser implements ListingParser {

    /**
     * Enough columns for the longest header: type and rights (2), link count, owner, group (3), a split
     * device size (2), a date (4) and the first token of the name.
     */
    private static final int MAX_TOKENS = 12;
    /** How many columns may lie between the permissions and the size: link count, owner, group. */
    private static final int MAX_OWNER_COLUMNS = 3;
    private static final Pattern TOTAL =
            Pattern.compile("\\s*(?:total|insgesamt)\\s+\\d+(?:[.,]\\d+)?[KMGTP]?\\s*", Pattern.CASE_INSENSITIVE);
    private static final String LINK_ARROW = " -> ";

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long NANOS_PER_SECOND = 1_000_000_000;

    private final ListingOptions options;
    private final MonthNames months;
    /** The server zone's only offset, or {@code null} when its offset changes (daylight saving time). */
    private final @Nullable ZoneOffset fixedOffset;

    UnixListingParser(ListingOptions options) {
        this.options = options;
        this.months = new MonthNames(options.monthLocales());
        ZoneRules rules = options.serverZone().getRules();
        this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
    }

    /**
     * Returns {@code "unix"}.
     *
     * @return the format's name
     */
    @Override
    public String name() {
        return "unix";
    }

    /**
     * Tells whether a line is blank or the {@code total N} header of {@code ls -l} (also German
     * {@code insgesamt N}).
     *
     * @param line the line
     * @return {@code true} if the line carries no entry
     */
    @Override
    public boolean isNoise(String line) {
        return line.isBlank() || TOTAL.matcher(line).matches();
    }

    /**
     * Parses one {@code ls -l} style line.
     *
     * @param line the line, without its line terminator
     * @return the entry, or {@code null} if the line is not in this format
     */
    @Override
    public @Nullable FtpEntry parse(String line) {
        Columns columns = Columns.of(line);
        if (columns.count() < 4) {
            return null;
        }
        FtpEntry.Builder builder = FtpEntry.builder("", EntryType.OTHER).rawLine(line);
        int next = readPermissions(columns, builder);
        if (next < 0) {
            return null;
        }
        boolean netware = next == 2;
        for (int dateStart = next + 1; dateStart - next <= MAX_OWNER_COLUMNS + 2; dateStart++) {
            DateColumn date = readDate(columns, dateStart);
            if (date == null) {
                continue;
            }
            int sizeStart = readSize(columns, dateStart, next, builder);
            if (sizeStart < 0) {
                continue;
            }
            if (!readOwner(columns, next, sizeStart, builder)) {
                return null;
            }
            String name = line.substring(columns.end(date.lastColumn()) + 1);
            if (netware) {
                name = name.stripLeading();
            }
            if (name.isEmpty()) {
                return null;
            }
            int arrow = name.indexOf(LINK_ARROW);
            if (columns.text(0).charAt(0) == 'l' && !netware && arrow > 0) {
                builder.linkTarget(name.substring(arrow + LINK_ARROW.length()));
                name = name.substring(0, arrow);
            }
            return builder.name(name).modified(date.instant()).build();
        }
        return null;
    }

    /** Reads the type and permissions; returns the index of the next column, or -1 if they are not there. */
    private static int readPermissions(Columns columns, FtpEntry.Builder builder) {
        String first = columns.text(0);
        if (first.length() == 1 && isNetwareRights(columns.text(1))) {
            char type = first.charAt(0);
            if (type != 'd' && type != '-') {
                return -1;
            }
            builder.type(type == 'd' ? EntryType.DIRECTORY : EntryType.FILE).permissions(columns.text(1));
            return 2;
        }
        int mode = UnixMode.parse(first);
        if (mode == UnixMode.NOT_A_MODE) {
            return -1;
        }
        builder.type(UnixMode.type(first.charAt(0)))
                .permissions(first.substring(1, 10))
                .fact("unix.mode", UnixMode.octal(mode));
        return 1;
    }

    private static boolean isNetwareRights(String column) {
        if (column.length() < 3 || column.charAt(0) != '[' || column.charAt(column.length() - 1) != ']') {
            return false;
        }
        for (int i = 1; i < column.length() - 1; i++) {
            char c = column.charAt(i);
            if (c != '-' && (c < 'A' || c > 'Z')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the size column that ends before {@code dateStart}: digits, or a device's {@code major, minor}
     * as one column or two. Returns the index of its first column, or -1 if there is none.
     */
    private static int readSize(Columns columns, int dateStart, int first, FtpEntry.Builder builder) {
        int last = dateStart - 1;
        String text = columns.text(last);
        int comma = text.indexOf(',');
        if (comma > 0 && comma < text.length() - 1
                && isDigits(text, 0, comma) && isDigits(text, comma + 1, text.length())) {
            builder.fact("unix.device", text);
            return last;
        }
        if (!isDigits(text)) {
            return -1;
        }
        if (last - 1 >= first) {
            String major = columns.text(last - 1);
            if (major.length() > 1 && major.endsWith(",") && isDigits(major, 0, major.length() - 1)) {
                builder.fact("unix.device", major + text);
                return last - 1;
            }
        }
        Long size = MlsdListingParser.parseSize(text);
        if (size == null) {
            return -1;
        }
        builder.size(size);
        return last;
    }

    /** Reads the link count, owner and group between the permissions and the size. */
    private static boolean readOwner(Columns columns, int first, int sizeStart, FtpEntry.Builder builder) {
        int count = sizeStart - first;
        int owner = first;
        // Two columns hold the link count and the owner when the first is a number; three must start with it.
        if (count >= 2 && isDigits(columns.text(first))) {
            builder.fact("unix.links", columns.text(first));
            owner++;
        } else if (count >= MAX_OWNER_COLUMNS) {
            return false;
        }
        if (sizeStart - owner > 2) {
            return false;
        }
        if (owner < sizeStart) {
            builder.fact("unix.owner", columns.text(owner));
        }
        if (owner + 1 < sizeStart) {
            builder.fact("unix.group", columns.text(owner + 1));
        }
        return true;
    }

    private @Nullable DateColumn readDate(Columns columns, int start) {
        if (start + 1 >= columns.count()) {
            return null;
        }
        String first = columns.text(start);
        if (first.isEmpty()) {
            return null;
        }
        DateColumn date;
        if (first.length() == 10 && first.charAt(4) == '-' && first.charAt(7) == '-') {
            date = readIsoDate(columns, start);
        } else if (Character.isDigit(first.charAt(0))) {
            date = readMonthDate(columns, start, start + 1, start);
        } else {
            date = readMonthDate(columns, start, start, start + 1);
        }
        // The name follows the date after one separator and must not be empty.
        if (date == null || columns.end(date.lastColumn()) + 1 >= columns.line().length()) {
            return null;
        }
        return date;
    }

    /** {@code yyyy-MM-dd HH:mm[:ss[.fff]] [+hhmm]}. */
    private @Nullable DateColumn readIsoDate(Columns columns, int start) {
        String date = columns.text(start);
        String timeText = columns.text(start + 1);
        LocalTime time = parseTime(timeText);
        if (time == null || !isDigits(date, 0, 4) || !isDigits(date, 5, 7) || !isDigits(date, 8, 10)) {
            return null;
        }
        LocalDateTime dateTime;
        try {
            dateTime = LocalDate.of(number(date, 0, 4), number(date, 5, 7), number(date, 8, 10)).atTime(time);
        } catch (DateTimeException invalid) {
            return null;
        }
        // full-iso appends the offset after a time with seconds.
        if (timeText.length() > 5 && start + 2 < columns.count()) {
            ZoneOffset offset = parseOffset(columns.text(start + 2));
            if (offset != null) {
                return new DateColumn(start + 2, dateTime.toInstant(offset));
            }
        }
        return new DateColumn(start + 1, dateTime.atZone(options.serverZone()).toInstant());
    }

    /** {@code Mon dd HH:mm}, {@code Mon dd yyyy}, {@code Mon dd HH:mm:ss yyyy}, or with day and month swapped. */
    private @Nullable DateColumn readMonthDate(Columns columns, int start, int monthColumn, int dayColumn) {
        int last = start + 2;
        if (last >= columns.count()) {
            return null;
        }
        Month month = months.parse(columns.text(monthColumn));
        String dayText = columns.text(dayColumn);
        int dayEnd = dayColumn < monthColumn && dayText.endsWith(".") ? dayText.length() - 1 : dayText.length();
        if (month == null || dayEnd < 1 || dayEnd > 2 || !isDigits(dayText, 0, dayEnd)) {
            return null;
        }
        int day = number(dayText, 0, dayEnd);
        if (day < 1 || day > month.maxLength()) {
            return null;
        }
        String timeOrYear = columns.text(last);
        LocalTime time = parseTime(timeOrYear);
        if (time == null) {
            if (timeOrYear.length() != 4 || !isDigits(timeOrYear, 0, 4)) {
                return null;
            }
            LocalDateTime dateTime = atYear(number(timeOrYear, 0, 4), month, day, LocalTime.MIDNIGHT);
            return dateTime == null ? null : new DateColumn(last, inServerZone(dateTime));
        } else if (timeOrYear.length() > 5 && last + 1 < columns.count() && isYear(columns.text(last + 1))) {
            last++;
            LocalDateTime dateTime = atYear(number(columns.text(last), 0, 4), month, day, time);
            return dateTime == null ? null : new DateColumn(last, inServerZone(dateTime));
        }
        return new DateColumn(last, inferYear(month, day, time));
    }

    private Instant inServerZone(LocalDateTime dateTime) {
        return fixedOffset != null
                ? dateTime.toInstant(fixedOffset)
                : dateTime.atZone(options.serverZone()).toInstant();
    }

    private static @Nullable LocalDateTime atYear(int year, Month month, int day, LocalTime time) {
        return day <= month.length(Year.isLeap(year)) ? LocalDate.of(year, month, day).atTime(time) : null;
    }

    /**
     * Picks the most recent year that puts the date at most a day after now (a server clock a little ahead of
     * ours must not push a new file back a year); for February 29, the most recent such leap year.
     */
    private Instant inferYear(Month month, int day, LocalTime time) {
        Instant now = options.clock().instant();
        if (fixedOffset == null) {
            LocalDateTime limit = LocalDateTime.ofInstant(now, options.serverZone()).plusDays(1);
            // Ends within nine years: a leap year comes at least every eight, and any earlier year is in the past.
            for (int year = limit.getYear(); ; year--) {
                LocalDateTime candidate = atYear(year, month, day, time);
                if (candidate != null && !candidate.isAfter(limit)) {
                    return candidate.atZone(options.serverZone()).toInstant();
                }
            }
        }
        // The same search in local seconds and days, without building date-times: with one offset, local time is
        // the instant shifted by it, and a day later is 86,400 seconds later. This runs for every recent line.
        long offset = fixedOffset.getTotalSeconds();
        long limitSecond = now.getEpochSecond() + offset + SECONDS_PER_DAY;
        long limitDay = Math.floorDiv(limitSecond, SECONDS_PER_DAY);
        long limitNanoOfDay = Math.floorMod(limitSecond, SECONDS_PER_DAY) * NANOS_PER_SECOND + now.getNano();
        long nanoOfDay = time.toNanoOfDay();
        for (int year = LocalDate.ofEpochDay(limitDay).getYear(); ; year--) {
            if (day <= month.length(Year.isLeap(year))) {
                long candidateDay = LocalDate.of(year, month, day).toEpochDay();
                if (candidateDay < limitDay || candidateDay == limitDay && nanoOfDay <= limitNanoOfDay) {
                    return Instant.ofEpochSecond(candidateDay * SECONDS_PER_DAY + time.toSecondOfDay() - offset,
                            time.getNano());
                }
            }
        }
    }

    /** {@code H:mm}, {@code HH:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.fffffffff}. */
    private static @Nullable LocalTime parseTime(String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon > 2 || text.length() < colon + 3 || !isDigits(text, 0, colon)
                || !isDigits(text, colon + 1, colon + 3)) {
            return null;
        }
        int hour = number(text, 0, colon);
        int minute = number(text, colon + 1, colon + 3);
        int second = 0;
        int nano = 0;
        int rest = colon + 3;
        if (rest < text.length()) {
            if (colon != 2 || text.length() < 8 || text.charAt(5) != ':' || !isDigits(text, 6, 8)) {
                return null;
            }
            second = number(text, 6, 8);
            if (text.length() > 8) {
                int fractionDigits = text.length() - 9;
                if (text.charAt(8) != '.' || fractionDigits < 1 || fractionDigits > 9
                        || !isDigits(text, 9, text.length())) {
                    return null;
                }
                nano = number((text.substring(9) + "00000000").substring(0, 9), 0, 9);
            }
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return LocalTime.of(hour, minute, second, nano);
    }

    private static @Nullable ZoneOffset parseOffset(String text) {
        if (text.length() != 5 || (text.charAt(0) != '+' && text.charAt(0) != '-') || !isDigits(text, 1, 5)) {
            return null;
        }
        int sign = text.charAt(0) == '-' ? -1 : 1;
        try {
            return ZoneOffset.ofHoursMinutes(sign * number(text, 1, 3), sign * number(text, 3, 5));
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    private static boolean isYear(String text) {
        return text.length() == 4 && isDigits(text, 0, 4);
    }

    private static int number(String text, int start, int end) {
        return Integer.parseInt(text, start, end, 10);
    }

    private static boolean isDigits(String text) {
        return isDigits(text, 0, text.length());
    }

    private static boolean isDigits(String text, int start, int end) {
        if (start >= end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The date column as read: the index of its last column and the instant it names. */
    private record DateColumn(int lastColumn, Instant instant) {
    }

    /**
     * The first {@link #MAX_TOKENS} space-separated columns of a line, by position, so that the name can be
     * cut from the line itself rather than rebuilt from columns.
     */
    private static final class Columns {
        private final String line;
        private final int[] starts = new int[MAX_TOKENS];
        private final int[] ends = new int[MAX_TOKENS];
        /** Each column's text, cut on first use: the date search looks at most columns more than once. */
        private final String[] texts = new String[MAX_TOKENS];
        private int count;

        private Columns(String line) {
            this.line = line;
        }

        static Columns of(String line) {
            Columns columns = new Columns(line);
            int length = line.length();
            // Nearly every line separates with spaces only: then the end of a column is found by the JDK's search.
            boolean spacesOnly = line.indexOf('\t') < 0;
            int i = 0;
            while (columns.count < MAX_TOKENS) {
                while (i < length && isSeparator(line.charAt(i))) {
                    i++;
                }
                if (i == length) {
                    break;
                }
                columns.starts[columns.count] = i;
                if (spacesOnly) {
                    int space = line.indexOf(' ', i);
                    i = space < 0 ? length : space;
                } else {
                    while (i < length && !isSeparator(line.charAt(i))) {
                        i++;
                    }
                }
                columns.ends[columns.count++] = i;
            }
            return columns;
        }

        private static boolean isSeparator(char c) {
            return c == ' ' || c == '\t';
        }

        String line() {
            return line;
        }

        int count() {
            return count;
        }

        int end(int index) {
            return ends[index];
        }

        String text(int index) {
            String text = texts[index];
            if (text == null) {
                text = line.substring(starts[index], ends[index]);
                texts[index] = text;
            }
            return text;
        }
    }
}
