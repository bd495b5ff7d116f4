package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The Unix parser's dates in a zone with one offset, which it computes in seconds and days, against the same rules
 * written with {@code java.time} date-times: a {@code Mon dd HH:mm} date gets the most recent year that puts it at
 * most a day after now; {@code Mon dd  yyyy} is that day at midnight.
 */
class UnixDatePropertiesTest {

    /** 1995-01-01T00:00:00Z. */
    private static final long FROM = 788_918_400L;
    /** 2045-01-01T00:00:00Z. */
    private static final long TO = 2_366_841_600L;

    @Property(tries = 2000)
    void recentDatesGetTheYearThatDateTimesGive(@ForAll @LongRange(min = FROM, max = TO) long nowSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nowNano,
            @ForAll @IntRange(min = -18 * 3600, max = 18 * 3600) int offsetSeconds,
            @ForAll Month month, @ForAll @IntRange(min = 1, max = 31) int day,
            @ForAll @IntRange(min = 0, max = 23) int hour, @ForAll @IntRange(min = 0, max = 59) int minute) {
        day = Math.min(day, month.maxLength());
        Instant now = Instant.ofEpochSecond(nowSecond, nowNano);
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
        String line = String.format(Locale.ROOT, "-rw-r--r-- 1 ftp ftp 12 %s %2d %02d:%02d name",
                month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH), day, hour, minute);

        FtpEntry entry = parser(now, offset).parse(line);

        assertThat(entry).isNotNull();
        assertThat(entry.modified()).isEqualTo(inferredWithDateTimes(now, offset, month, day, LocalTime.of(hour, minute)));
    }

    @Property(tries = 500)
    void datesWithAYearAreMidnightInTheServerZone(@ForAll @IntRange(min = 1970, max = 2100) int year,
            @ForAll Month month, @ForAll @IntRange(min = 1, max = 31) int day,
            @ForAll @IntRange(min = -18 * 3600, max = 18 * 3600) int offsetSeconds) {
        day = Math.min(day, month.length(Year.isLeap(year)));
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
        String line = String.format(Locale.ROOT, "drwxr-xr-x 2 ftp ftp 4096 %s %2d  %d dir",
                month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH), day, year);

        FtpEntry entry = parser(Instant.parse("2026-11-23T12:00:00Z"), offset).parse(line);

        assertThat(entry).isNotNull();
        assertThat(entry.modified()).isEqualTo(LocalDate.of(year, month, day).atStartOfDay(offset).toInstant());
    }

    private static UnixListingParser parser(Instant now, ZoneId zone) {
        return new UnixListingParser(new ListingOptions(Clock.fixed(now, ZoneOffset.UTC), zone, List.of(Locale.ENGLISH)));
    }

    private static Instant inferredWithDateTimes(Instant now, ZoneOffset offset, Month month, int day, LocalTime time) {
        LocalDateTime limit = LocalDateTime.ofInstant(now, offset).plusDays(1);
        for (int year = limit.getYear(); ; year--) {
            if (day <= month.length(Year.isLeap(year))) {
                LocalDateTime candidate = LocalDate.of(year, month, day).atTime(time);
                if (!candidate.isAfter(limit)) {
                    return candidate.toInstant(offset);
                }
            }
        }
    }
}
