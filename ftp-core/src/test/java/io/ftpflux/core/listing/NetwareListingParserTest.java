package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetwareListingParserTest {

    /** Now is 2024-06-15 12:00 UTC: recent dates without a year fall in the year before June 16 noon. */
    private static final ListingOptions UTC = ListingOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC));

    private final NetwareListingParser parser = new NetwareListingParser(UTC);

    static Stream<Arguments> entries() {
        return Stream.of(
                Arguments.of("directory with all rights, recent date",
                        "d [RWCEAFMS] admin                  512 Jan 15 10:23 public",
                        "public", EntryType.DIRECTORY, 512L, at(2024, 1, 15, 10, 23), "RWCEAFMS", "admin"),
                Arguments.of("file with some rights, date with a year, name with spaces",
                        "- [R----F--] admin                12345 Mar  3  2021 read  me.txt",
                        "read  me.txt", EntryType.FILE, 12345L, at(2021, 3, 3, 0, 0), "R----F--", "admin"),
                Arguments.of("no rights",
                        "- [--------] guest                    0 Dec 31  1999 nothing",
                        "nothing", EntryType.FILE, 0L, at(1999, 12, 31, 0, 0), "--------", "guest"),
                Arguments.of("recent date later in the year: last year",
                        "- [RWCE----] supervisor             1 Dec 24 18:00 gift",
                        "gift", EntryType.FILE, 1L, at(2023, 12, 24, 18, 0), "RWCE----", "supervisor"),
                Arguments.of("recent date less than a day ahead: this year",
                        "- [RWCE----] supervisor             1 Jun 16 10:00 clock skew",
                        "clock skew", EntryType.FILE, 1L, at(2024, 6, 16, 10, 0), "RWCE----", "supervisor"),
                Arguments.of("recent date more than a day ahead: last year",
                        "- [RWCE----] supervisor             1 Jun 16 13:00 a year ago",
                        "a year ago", EntryType.FILE, 1L, at(2023, 6, 16, 13, 0), "RWCE----", "supervisor"),
                Arguments.of("Feb 29 without a year, in a leap year",
                        "- [RWCE----] admin                  1 Feb 29 08:00 leap",
                        "leap", EntryType.FILE, 1L, at(2024, 2, 29, 8, 0), "RWCE----", "admin"),
                Arguments.of("upper-case month",
                        "- [RWCE----] admin                  1 JAN 15 10:23 shouting",
                        "shouting", EntryType.FILE, 1L, at(2024, 1, 15, 10, 23), "RWCE----", "admin"),
                Arguments.of("unknown month: no time",
                        "- [RWCE----] admin                  1 Foo 15 10:23 odd month",
                        "odd month", EntryType.FILE, 1L, null, "RWCE----", "admin"),
                Arguments.of("Feb 30 with a year: no time",
                        "- [RWCE----] admin                  1 Feb 30  2021 no such day",
                        "no such day", EntryType.FILE, 1L, null, "RWCE----", "admin"),
                Arguments.of("Feb 29 of a common year: no time",
                        "- [RWCE----] admin                  1 Feb 29  2023 no such day",
                        "no such day", EntryType.FILE, 1L, null, "RWCE----", "admin"),
                Arguments.of("hour 25: no time",
                        "- [RWCE----] admin                  1 Jan 15 25:00 no such hour",
                        "no such hour", EntryType.FILE, 1L, null, "RWCE----", "admin"),
                Arguments.of("size beyond a long: no size",
                        "- [RWCE----] admin 99999999999999999999 Jan 15 10:23 huge",
                        "huge", EntryType.FILE, null, at(2024, 1, 15, 10, 23), "RWCE----", "admin"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void parsesEntries(
            String description,
            String line,
            String name,
            EntryType type,
            @Nullable Long size,
            @Nullable Instant modified,
            String permissions,
            String owner) {
        FtpEntry entry = parser.parse(line);

        assertThat(entry).isNotNull();
        assertThat(entry.name()).isEqualTo(name);
        assertThat(entry.type()).isEqualTo(type);
        assertThat(entry.size()).isEqualTo(size);
        assertThat(entry.modified()).isEqualTo(modified);
        assertThat(entry.permissions()).isEqualTo(permissions);
        assertThat(entry.facts()).containsOnlyKeys("netware.owner").containsEntry("netware.owner", owner);
        assertThat(entry.rawLine()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "d [RWCEAFMS] admin                  512 Jan 15 10:23",
        "d [RWCEAFMS] admin                  512 Jan 15 10:23    ",
        "x [RWCEAFMS] admin                  512 Jan 15 10:23 bad type",
        "l [RWCEAFMS] admin                  512 Jan 15 10:23 no links",
        "d [RWCEAFM] admin                  512 Jan 15 10:23 seven rights",
        "d [RWCEAFMSX] admin                  512 Jan 15 10:23 nine rights",
        "d [rwceafms] admin                  512 Jan 15 10:23 lower-case rights",
        "d RWCEAFMS admin                  512 Jan 15 10:23 no brackets",
        "d [RWCEAFMS]                      512 Jan 15 10:23 no owner",
        "d [RWCEAFMS] admin                  512 Jan 15 10.23 odd time",
        "d [RWCEAFMS] admin                  512 Jan 15 10:23:45 seconds",
        "d [RWCEAFMS] admin                 -512 Jan 15 10:23 negative",
        " d [RWCEAFMS] admin                 512 Jan 15 10:23 leading blank",
        "drwxr-xr-x   2 admin    staff       512 Jan 15 10:23 unix",
        "01-16-24  02:15PM       <DIR>          Some Dir",
    })
    void rejectsLinesOfOtherShapes(String line) {
        assertThat(parser.parse(line)).isNull();
    }

    @Test
    void placesFeb29WithoutAYearInTheLastLeapYear() {
        NetwareListingParser in2025 = new NetwareListingParser(
                UTC.withClock(Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC)));

        FtpEntry entry = in2025.parse("- [RWCE----] admin                  1 Feb 29 08:00 leap");

        assertThat(entry).isNotNull();
        assertThat(entry.modified()).isEqualTo(at(2024, 2, 29, 8, 0));
    }

    @Test
    void infersTheYearFromNowInTheServerZone() {
        // 2024-12-31 23:30 UTC is already 2025-01-01 08:30 in Tokyo, so "Jan 1 08:00" is this morning there.
        NetwareListingParser tokyo = new NetwareListingParser(UTC
                .withClock(Clock.fixed(Instant.parse("2024-12-31T23:30:00Z"), ZoneOffset.UTC))
                .withServerZone(ZoneId.of("Asia/Tokyo")));

        FtpEntry entry = tokyo.parse("- [RWCE----] admin                  1 Jan  1 08:00 new year");

        assertThat(entry).isNotNull();
        assertThat(entry.modified()).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
    }

    @Test
    void readsMonthNamesInTheConfiguredLanguages() {
        NetwareListingParser german = new NetwareListingParser(
                UTC.withMonthLocales(List.of(Locale.GERMAN, Locale.ENGLISH)));

        FtpEntry december = german.parse("- [RWCE----] admin                  1 Dez 24  2021 Geschenk");
        FtpEntry october = german.parse("- [RWCE----] admin                  1 okt.  3  2021 Feiertag");
        FtpEntry english = german.parse("- [RWCE----] admin                  1 Oct  3  2021 holiday");

        assertThat(december).isNotNull();
        assertThat(december.modified()).isEqualTo(at(2021, 12, 24, 0, 0));
        assertThat(october).isNotNull();
        assertThat(october.modified()).isEqualTo(at(2021, 10, 3, 0, 0));
        assertThat(english).isNotNull();
        assertThat(english.modified()).isEqualTo(at(2021, 10, 3, 0, 0));
        assertThat(parser.parse("- [RWCE----] admin                  1 Dez 24  2021 Geschenk"))
                .extracting(FtpEntry::modified)
                .isNull();
    }

    @Test
    void treatsOnlyBlankLinesAsNoise() {
        assertThat(parser.isNoise("")).isTrue();
        assertThat(parser.isNoise("   ")).isTrue();
        assertThat(parser.isNoise("d [RWCEAFMS] admin   512 Jan 15 10:23 public")).isFalse();
    }

    @Test
    void isNamedNetware() {
        assertThat(parser.name()).isEqualTo("netware");
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).toInstant(ZoneOffset.UTC);
    }
}
