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

class VmsListingParserTest {

    private static final ListingOptions UTC = ListingOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC));

    private final VmsListingParser parser = new VmsListingParser(UTC);

    static Stream<Arguments> entries() {
        return Stream.of(
                Arguments.of("file with blocks used/allocated, owner and protection",
                        "FILE.TXT;1          2/4     12-JAN-2024 10:23:45  [GROUP,OWNER]   (RWED,RWED,RE,)",
                        "FILE.TXT", EntryType.FILE, 1024L, at(2024, 1, 12, 10, 23, 45, 0), "RWED,RWED,RE,",
                        Map.of("vms.version", "1", "vms.blocks.used", "2", "vms.blocks.allocated", "4",
                                "vms.owner", "GROUP,OWNER")),
                Arguments.of("directory: .DIR and the version leave the name",
                        "SUBDIR.DIR;1        1/3      5-FEB-2024 08:00:00  [GROUP,OWNER]   (RWE,RWE,RE,E)",
                        "SUBDIR", EntryType.DIRECTORY, 512L, at(2024, 2, 5, 8, 0, 0, 0), "RWE,RWE,RE,E",
                        Map.of("vms.version", "1", "vms.blocks.used", "1", "vms.blocks.allocated", "3",
                                "vms.owner", "GROUP,OWNER")),
                Arguments.of("short form: used blocks only, minutes, no owner or protection; Feb 29",
                        "LOGIN.COM;12        3  29-FEB-2024 23:59",
                        "LOGIN.COM", EntryType.FILE, 1536L, at(2024, 2, 29, 23, 59, 0, 0), null,
                        Map.of("vms.version", "12", "vms.blocks.used", "3")),
                Arguments.of("hundredths of a second, numeric UIC, empty world protection",
                        "DATA.BIN;32767   10/12   1-MAR-2024 00:00:01.50  [1,4]  (RWED,RWED,,)",
                        "DATA.BIN", EntryType.FILE, 5120L, at(2024, 3, 1, 0, 0, 1, 500_000_000), "RWED,RWED,,",
                        Map.of("vms.version", "32767", "vms.blocks.used", "10", "vms.blocks.allocated", "12",
                                "vms.owner", "1,4")),
                Arguments.of("owner without protection",
                        "NOTES.TXT;2    1/1  31-DEC-2023 23:59:59  [SYSTEM]",
                        "NOTES.TXT", EntryType.FILE, 512L, at(2023, 12, 31, 23, 59, 59, 0), null,
                        Map.of("vms.version", "2", "vms.blocks.used", "1", "vms.blocks.allocated", "1",
                                "vms.owner", "SYSTEM")),
                Arguments.of("protection without owner, trailing blanks",
                        "NOTES.TXT;3    1/1  31-DEC-2023 23:59:59  (RWED,RWED,RE,RE)   ",
                        "NOTES.TXT", EntryType.FILE, 512L, at(2023, 12, 31, 23, 59, 59, 0), "RWED,RWED,RE,RE",
                        Map.of("vms.version", "3", "vms.blocks.used", "1", "vms.blocks.allocated", "1")),
                Arguments.of("name without a type keeps its dot",
                        "README.;1           1/1     12-JAN-2024 10:23",
                        "README.", EntryType.FILE, 512L, at(2024, 1, 12, 10, 23, 0, 0), null,
                        Map.of("vms.version", "1", "vms.blocks.used", "1", "vms.blocks.allocated", "1")),
                Arguments.of("ODS-5 name with several dots, lower case; lower-case month",
                        "archive.tar.gz;2    0/0     12-jan-2024 10:23",
                        "archive.tar.gz", EntryType.FILE, 0L, at(2024, 1, 12, 10, 23, 0, 0), null,
                        Map.of("vms.version", "2", "vms.blocks.used", "0", "vms.blocks.allocated", "0")),
                Arguments.of("a .DIR;1 alone keeps its name",
                        ".DIR;1   1/1   12-JAN-2024 10:23",
                        ".DIR", EntryType.DIRECTORY, 512L, at(2024, 1, 12, 10, 23, 0, 0), null,
                        Map.of("vms.version", "1", "vms.blocks.used", "1", "vms.blocks.allocated", "1")),
                Arguments.of("Feb 30: no time",
                        "BAD.TXT;1   1/1   30-FEB-2024 10:23",
                        "BAD.TXT", EntryType.FILE, 512L, null, null,
                        Map.of("vms.version", "1", "vms.blocks.used", "1", "vms.blocks.allocated", "1")),
                Arguments.of("unknown month: no time",
                        "BAD.TXT;1   1/1   12-XYZ-2024 10:23",
                        "BAD.TXT", EntryType.FILE, 512L, null, null,
                        Map.of("vms.version", "1", "vms.blocks.used", "1", "vms.blocks.allocated", "1")),
                Arguments.of("hour 25: no time",
                        "BAD.TXT;1   1/1   12-JAN-2024 25:00",
                        "BAD.TXT", EntryType.FILE, 512L, null, null,
                        Map.of("vms.version", "1", "vms.blocks.used", "1", "vms.blocks.allocated", "1")),
                Arguments.of("blocks whose bytes pass a long: no size, blocks kept",
                        "HUGE.DAT;1   99999999999999999   12-JAN-2024 10:23",
                        "HUGE.DAT", EntryType.FILE, null, at(2024, 1, 12, 10, 23, 0, 0), null,
                        Map.of("vms.version", "1", "vms.blocks.used", "99999999999999999")),
                Arguments.of("wrapped long name: the name line alone",
                        "A_VERY_LONG_FILE_NAME_THAT_DOES_NOT_FIT.TXT;1",
                        "A_VERY_LONG_FILE_NAME_THAT_DOES_NOT_FIT.TXT", EntryType.FILE, null, null, null,
                        Map.of("vms.version", "1")),
                Arguments.of("wrapped long directory name",
                        "A_VERY_LONG_DIRECTORY_NAME_THAT_DOES_NOT_FIT.DIR;1",
                        "A_VERY_LONG_DIRECTORY_NAME_THAT_DOES_NOT_FIT", EntryType.DIRECTORY, null, null, null,
                        Map.of("vms.version", "1")));
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
            @Nullable String permissions,
            Map<String, String> facts) {
        ListingAssertions.assertParses(parser, line, name, type, size, modified, permissions, facts);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "Directory DISK$USER:[NAME]",
        "Total of 3 files, 12/16 blocks.",
        "                    2/4     12-JAN-2024 10:23:45  [GROUP,OWNER]   (RWED,RWED,RE,)",
        "FILE.TXT          2/4     12-JAN-2024 10:23:45",
        "FILE;1          2/4     12-JAN-2024 10:23:45",
        "FILE.TXT;          2/4     12-JAN-2024 10:23:45",
        "FILE.TXT;A          2/4     12-JAN-2024 10:23:45",
        "FILE.TXT;1          2/4     12-JAN-24 10:23:45",
        "FILE.TXT;1          2/4     12-JAN-2024",
        "FILE.TXT;1          2/     12-JAN-2024 10:23",
        "FILE.TXT;1          2/4     12-JAN-2024 10:23 trailing words",
        "FILE.TXT;1          2/4     12-JAN-2024 10:23 [GROUP,OWNER",
        "FILE.TXT;1 %RMS-E-PRV, insufficient privilege or file protection violation",
        " FILE.TXT;1          2/4     12-JAN-2024 10:23",
        "%RMS-E-FNF, file not found",
        "-rw-r--r--   1 user  group  1024 Jan 12 10:23 FILE.TXT;1",
    })
    void rejectsLinesOfOtherShapes(String line) {
        assertThat(parser.parse(line)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "Directory DISK$USER:[NAME]",
        "Directory SYS$SYSDEVICE:[USERS.SMITH.PROJECT]",
        "Total of 3 files, 12/16 blocks.",
        "Total of 1 file, 2/4 blocks.",
        "Grand total of 2 directories, 5 files, 24/32 blocks.",
    })
    void recognisesHeadersAndTotalsAsNoise(String line) {
        assertThat(parser.isNoise(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "FILE.TXT;1          2/4     12-JAN-2024 10:23:45  [GROUP,OWNER]   (RWED,RWED,RE,)",
        "Directory",
        "Total of many files",
        "%RMS-E-FNF, file not found",
    })
    void keepsOtherLinesOutOfNoise(String line) {
        assertThat(parser.isNoise(line)).isFalse();
    }

    @Test
    void readsTimesInTheServerZone() {
        VmsListingParser tokyo = new VmsListingParser(UTC.withServerZone(ZoneId.of("Asia/Tokyo")));

        FtpEntry entry = tokyo.parse("FILE.TXT;1   2/4   12-JAN-2024 10:23:45");

        assertThat(entry).isNotNull();
        assertThat(entry.modified()).isEqualTo(Instant.parse("2024-01-12T01:23:45Z"));
    }

    @Test
    void isNamedVms() {
        assertThat(parser.name()).isEqualTo("vms");
    }

    private static Instant at(int year, int month, int day, int hour, int minute, int second, int nanos) {
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    }
}
