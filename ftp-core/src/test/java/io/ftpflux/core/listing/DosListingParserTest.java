package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DosListingParserTest {

    private static final ListingOptions UTC = ListingOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC));

    private final DosListingParser parser = new DosListingParser(UTC);

    static Stream<Arguments> entries() {
        return Stream.of(
                Arguments.of("IIS 12-hour directory",
                        "01-16-24  02:15PM       <DIR>          Some Dir",
                        "Some Dir", EntryType.DIRECTORY, null, at(2024, 1, 16, 14, 15)),
                Arguments.of("IIS 12-hour file, name with spaces",
                        "12-05-23  09:01AM              1234567 report v2.pdf",
                        "report v2.pdf", EntryType.FILE, 1234567L, at(2023, 12, 5, 9, 1)),
                Arguments.of("IIS 24-hour, four-digit year, directory",
                        "01-16-2024  14:15       <DIR>          Some Dir",
                        "Some Dir", EntryType.DIRECTORY, null, at(2024, 1, 16, 14, 15)),
                Arguments.of("IIS 24-hour, four-digit year, file",
                        "03-07-2024  23:59                 4096 data.bin",
                        "data.bin", EntryType.FILE, 4096L, at(2024, 3, 7, 23, 59)),
                Arguments.of("Windows dir style: slashes, space before PM, comma thousands",
                        "01/16/2024  02:15 PM         1,234,567 report.pdf",
                        "report.pdf", EntryType.FILE, 1234567L, at(2024, 1, 16, 14, 15)),
                Arguments.of("dot thousands separators",
                        "01-16-2024  14:15            1.234.567 groß.txt",
                        "groß.txt", EntryType.FILE, 1234567L, at(2024, 1, 16, 14, 15)),
                Arguments.of("empty file",
                        "01-16-24  02:15PM                    0 empty",
                        "empty", EntryType.FILE, 0L, at(2024, 1, 16, 14, 15)),
                Arguments.of("file name with leading spaces",
                        "01-16-24  02:15PM                  100   spaced  name",
                        "  spaced  name", EntryType.FILE, 100L, at(2024, 1, 16, 14, 15)),
                Arguments.of("directory name with leading spaces",
                        "01-16-24  02:15PM       <DIR>            lead",
                        "  lead", EntryType.DIRECTORY, null, at(2024, 1, 16, 14, 15)),
                Arguments.of("directory whose name looks like a size",
                        "01-16-24  02:15PM       <DIR>          1234",
                        "1234", EntryType.DIRECTORY, null, at(2024, 1, 16, 14, 15)),
                Arguments.of("file whose name is <DIR>",
                        "01-16-24  02:15PM                  100 <DIR>",
                        "<DIR>", EntryType.FILE, 100L, at(2024, 1, 16, 14, 15)),
                Arguments.of("directory padded unlike IIS",
                        "01-16-24  02:15PM  <DIR>  short",
                        "short", EntryType.DIRECTORY, null, at(2024, 1, 16, 14, 15)),
                Arguments.of("file padded unlike IIS keeps the spaces after the one separator",
                        "01-16-24  02:15PM 100  odd",
                        " odd", EntryType.FILE, 100L, at(2024, 1, 16, 14, 15)),
                Arguments.of("12:00AM is midnight",
                        "01-16-24  12:00AM                    1 a",
                        "a", EntryType.FILE, 1L, at(2024, 1, 16, 0, 0)),
                Arguments.of("12:30AM is half past midnight",
                        "01-16-24  12:30AM                    1 a",
                        "a", EntryType.FILE, 1L, at(2024, 1, 16, 0, 30)),
                Arguments.of("12:00PM is noon",
                        "01-16-24  12:00PM                    1 a",
                        "a", EntryType.FILE, 1L, at(2024, 1, 16, 12, 0)),
                Arguments.of("lower-case pm",
                        "01-16-24  11:59pm                    1 a",
                        "a", EntryType.FILE, 1L, at(2024, 1, 16, 23, 59)),
                Arguments.of("24-hour midnight",
                        "01-16-2024  00:00                    1 a",
                        "a", EntryType.FILE, 1L, at(2024, 1, 16, 0, 0)),
                Arguments.of("Feb 29 of a leap year",
                        "02-29-24  10:00AM                    1 leap",
                        "leap", EntryType.FILE, 1L, at(2024, 2, 29, 10, 0)),
                Arguments.of("two-digit year 70 is 1970",
                        "01-01-70  12:00AM                    1 a",
                        "a", EntryType.FILE, 1L, at(1970, 1, 1, 0, 0)),
                Arguments.of("two-digit year 99 is 1999",
                        "12-31-99  11:59PM                    1 a",
                        "a", EntryType.FILE, 1L, at(1999, 12, 31, 23, 59)),
                Arguments.of("two-digit year 00 is 2000",
                        "01-01-00  01:00AM                    1 a",
                        "a", EntryType.FILE, 1L, at(2000, 1, 1, 1, 0)),
                Arguments.of("two-digit year 69 is 2069",
                        "01-01-69  01:00AM                    1 a",
                        "a", EntryType.FILE, 1L, at(2069, 1, 1, 1, 0)),
                Arguments.of("Feb 29 of a common year: no time",
                        "02-29-23  10:00AM                    1 a",
                        "a", EntryType.FILE, 1L, null),
                Arguments.of("month 13: no time",
                        "13-01-24  10:00AM                    1 a",
                        "a", EntryType.FILE, 1L, null),
                Arguments.of("13 o'clock PM: no time",
                        "01-16-24  13:15PM                    1 a",
                        "a", EntryType.FILE, 1L, null),
                Arguments.of("0 o'clock AM: no time",
                        "01-16-24  00:15AM                    1 a",
                        "a", EntryType.FILE, 1L, null),
                Arguments.of("24:00 on a 24-hour clock: no time",
                        "01-16-2024  24:00                    1 a",
                        "a", EntryType.FILE, 1L, null),
                Arguments.of("minute 60: no time",
                        "01-16-2024  10:60                    1 a",
                        "a", EntryType.FILE, 1L, null),
                Arguments.of("size beyond a long: no size",
                        "01-16-24  02:15PM 99999999999999999999 big",
                        "big", EntryType.FILE, null, at(2024, 1, 16, 14, 15)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void parsesEntries(
            String description,
            String line,
            String name,
            EntryType type,
            @Nullable Long size,
            @Nullable Instant modified) {
        ListingAssertions.assertParses(parser, line, name, type, size, modified, null, Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "01-16-24  02:15PM       <DIR>          ",
        "01-16-24  02:15PM       <DIR>",
        "01-16-24  02:15PM                  100 ",
        "01-16-24  02:15PM                  100",
        "1-16-24  02:15PM                  100 one-digit month",
        "01-16-4  02:15PM                  100 one-digit year",
        "01-16-124  02:15PM                  100 three-digit year",
        "01-16/24  02:15PM                  100 mixed separators",
        "01.16.24  02:15PM                  100 dotted date",
        "01-16-24 02:15XM                  100 bad meridiem",
        "01-16-24  0215PM                  100 no colon",
        "01-16-24  02:15PM               1,23 bad grouping",
        "01-16-24  02:15PM              1,234.567 mixed grouping",
        "01-16-24  02:15PM       <DIR>x         glued marker",
        "01-16-24  02:15PM       <dir>          lower-case marker",
        "01-16-24  02:15PM                 -100 negative",
        " 01-16-24  02:15PM                 100 leading blank",
        "drwxr-xr-x   2 user  group      4096 Jan 16 14:15 unix",
        "+i8388621.48594,m825718503,r,s280,\tdjb.html",
    })
    void rejectsLinesOfOtherShapes(String line) {
        assertThat(parser.parse(line)).isNull();
    }

    @Test
    void readsTimesInTheServerZone() {
        DosListingParser berlin = new DosListingParser(UTC.withServerZone(ZoneId.of("Europe/Berlin")));

        FtpEntry winter = berlin.parse("01-16-24  02:15PM                    1 a");
        FtpEntry summer = berlin.parse("07-16-24  02:15PM                    1 a");

        assertThat(winter).isNotNull();
        assertThat(winter.modified()).isEqualTo(Instant.parse("2024-01-16T13:15:00Z"));
        assertThat(summer).isNotNull();
        assertThat(summer.modified()).isEqualTo(Instant.parse("2024-07-16T12:15:00Z"));
    }

    @Test
    void movesATimeInADaylightSavingGapForward() {
        DosListingParser berlin = new DosListingParser(UTC.withServerZone(ZoneId.of("Europe/Berlin")));

        FtpEntry entry = berlin.parse("03-31-2024  02:30                    1 a");

        assertThat(entry).isNotNull();
        assertThat(entry.modified()).isEqualTo(Instant.parse("2024-03-31T01:30:00Z"));
    }

    @Test
    void treatsOnlyBlankLinesAsNoise() {
        assertThat(parser.isNoise("")).isTrue();
        assertThat(parser.isNoise("   ")).isTrue();
        assertThat(parser.isNoise("01-16-24  02:15PM       <DIR>          Some Dir")).isFalse();
    }

    @Test
    void isNamedDos() {
        assertThat(parser.name()).isEqualTo("dos");
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).toInstant(ZoneOffset.UTC);
    }
}
