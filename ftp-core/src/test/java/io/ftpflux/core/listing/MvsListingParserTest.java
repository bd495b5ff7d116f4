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

class MvsListingParserTest {

    private static final ListingOptions UTC = ListingOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC));

    private static final String DATASET_HEADER =
            "Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname";
    private static final String MEMBER_HEADER =
            " Name     VV.MM   Created       Changed      Size  Init   Mod   Id";

    private final MvsListingParser parser = new MvsListingParser(UTC);

    static Stream<Arguments> entries() {
        return Stream.of(
                Arguments.of("sequential dataset",
                        "WYNK01 3390   2024/01/12  1   15  FB      80  6160  PS  DATA.SET.NAME",
                        "DATA.SET.NAME", EntryType.FILE, null,
                        dataset("WYNK01", "3390", "2024/01/12", "1", "15", "FB", "80", "6160", "PS")),
                Arguments.of("partitioned dataset: a directory",
                        "WYNK02 3390   2024/01/10  3   45  FB      80 27920  PO  SOURCE.LIB",
                        "SOURCE.LIB", EntryType.DIRECTORY, null,
                        dataset("WYNK02", "3390", "2024/01/10", "3", "45", "FB", "80", "27920", "PO")),
                Arguments.of("PDSE: a directory",
                        "SMS001 3390   2023/12/01  1    2  U        0 32760  PO-E  LOAD.LIB",
                        "LOAD.LIB", EntryType.DIRECTORY, null,
                        dataset("SMS001", "3390", "2023/12/01", "1", "2", "U", "0", "32760", "PO-E")),
                Arguments.of("never referred",
                        "SMS002 3390   **NONE**    1    1  VB     255 27998  PS  NEVER.READ",
                        "NEVER.READ", EntryType.FILE, null,
                        dataset("SMS002", "3390", "**NONE**", "1", "1", "VB", "255", "27998", "PS")),
                Arguments.of("fully qualified name in quotes",
                        "SYSRES 3390   2024/05/30  2    9  FB      80 27920  PO  'SYS1.PARMLIB'",
                        "'SYS1.PARMLIB'", EntryType.DIRECTORY, null,
                        dataset("SYSRES", "3390", "2024/05/30", "2", "9", "FB", "80", "27920", "PO")),
                Arguments.of("unknown attributes shown as question marks",
                        "VOL003 3390   2024/02/02  ?    ?  ?        ?     ?  ?  ODD.DATASET",
                        "ODD.DATASET", EntryType.FILE, null,
                        dataset("VOL003", "3390", "2024/02/02", "?", "?", "?", "?", "?", "?")),
                Arguments.of("migrated dataset",
                        "Migrated                                                HSM.DATASET",
                        "HSM.DATASET", EntryType.FILE, null, Map.of("mvs.status", "Migrated")),
                Arguments.of("pseudo directory",
                        "Pseudo Directory                                        DEEPER.QUALIFIER",
                        "DEEPER.QUALIFIER", EntryType.DIRECTORY, null, Map.of("mvs.status", "Pseudo Directory")),
                Arguments.of("dataset on tape",
                        "TAPE01 Not Direct Access Device                         BACKUP.ON.TAPE",
                        "BACKUP.ON.TAPE", EntryType.FILE, null,
                        Map.of("mvs.status", "Not Direct Access Device", "mvs.volume", "TAPE01")),
                Arguments.of("member with ISPF statistics",
                        "MEMBER1   01.03 2023/11/02 2024/01/12 10:23    45    40     5 USERID",
                        "MEMBER1", EntryType.FILE, at(2024, 1, 12, 10, 23, 0),
                        member("01.03", "2023/11/02", "45", "40", "5", "USERID")),
                Arguments.of("member changed on Feb 29, with seconds",
                        "$TEMP#1   01.00 2024/02/29 2024/02/29 23:59:59     7     7     0 IBMUSER",
                        "$TEMP#1", EntryType.FILE, at(2024, 2, 29, 23, 59, 59),
                        member("01.00", "2024/02/29", "7", "7", "0", "IBMUSER")),
                Arguments.of("member changed on a day that does not exist: no time",
                        "BADDATE   01.00 2024/01/01 2024/02/30 10:00     1     1     0 USER",
                        "BADDATE", EntryType.FILE, null,
                        member("01.00", "2024/01/01", "1", "1", "0", "USER")),
                Arguments.of("member changed at hour 24: no time",
                        "BADTIME   01.00 2024/01/01 2024/01/02 24:00     1     1     0 USER",
                        "BADTIME", EntryType.FILE, null,
                        member("01.00", "2024/01/01", "1", "1", "0", "USER")),
                Arguments.of("member without statistics",
                        "MEMBER2",
                        "MEMBER2", EntryType.FILE, null, Map.of()),
                Arguments.of("member without statistics, national characters, trailing blanks",
                        "@#$A0   ",
                        "@#$A0", EntryType.FILE, null, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void parsesEntries(
            String description,
            String line,
            String name,
            EntryType type,
            @Nullable Instant modified,
            Map<String, String> facts) {
        ListingAssertions.assertParses(parser, line, name, type, null, modified, null, facts);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        DATASET_HEADER,
        MEMBER_HEADER,
        "WYNK01 3390   2024/01/12  1   15  FB      80  6160  PS",
        "WYNK01 3390   24/01/12  1   15  FB      80  6160  PS  DATA.SET.NAME",
        "VOLUME1 3390   2024/01/12  1   15  FB      80  6160  PS  DATA.SET.NAME",
        "WYNK01 3390   2024/01/12  1   15  fb      80  6160  PS  DATA.SET.NAME",
        "WYNK01 3390   2024/01/12  1   15  FB      80  6160  PS  DATA.SET.NAME extra",
        "Migrated",
        "Migrated   ONE.NAME   TWO.NAME",
        "Pseudo Directory",
        "MEMBER1   1.03 2023/11/02 2024/01/12 10:23    45    40     5 USERID",
        "MEMBER1   01.03 2023/11/02 2024/01/12 10:23    45    40     5",
        "NINECHARS",
        "member2",
        "1MEMBER",
        "MEM.BER",
        " MEMBER2",
        "README.TXT;1",
        "d [RWCEAFMS] admin   512 Jan 15 10:23 public",
    })
    void rejectsLinesOfOtherShapes(String line) {
        assertThat(parser.parse(line)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", DATASET_HEADER, MEMBER_HEADER, DATASET_HEADER + "   "})
    void recognisesHeadersAsNoise(String line) {
        assertThat(parser.isNoise(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "WYNK01 3390   2024/01/12  1   15  FB      80  6160  PS  DATA.SET.NAME",
        "MEMBER2",
        "Volume Unit",
        "Name VV.MM",
    })
    void keepsOtherLinesOutOfNoise(String line) {
        assertThat(parser.isNoise(line)).isFalse();
    }

    @Test
    void readsMemberTimesInTheServerZone() {
        MvsListingParser newYork = new MvsListingParser(UTC.withServerZone(ZoneId.of("America/New_York")));

        FtpEntry entry = newYork.parse("MEMBER1   01.03 2023/11/02 2024/01/12 10:23    45    40     5 USERID");

        assertThat(entry).isNotNull();
        assertThat(entry.modified()).isEqualTo(Instant.parse("2024-01-12T15:23:00Z"));
    }

    @Test
    void isNamedMvs() {
        assertThat(parser.name()).isEqualTo("mvs");
    }

    private static Map<String, String> dataset(
            String volume,
            String unit,
            String referred,
            String extents,
            String used,
            String recfm,
            String lrecl,
            String blksize,
            String dsorg) {
        return Map.of("mvs.volume", volume, "mvs.unit", unit, "mvs.referred", referred, "mvs.extents", extents,
                "mvs.used", used, "mvs.recfm", recfm, "mvs.lrecl", lrecl, "mvs.blksize", blksize,
                "mvs.dsorg", dsorg);
    }

    private static Map<String, String> member(
            String version, String created, String lines, String initLines, String modLines, String user) {
        return Map.of("mvs.version", version, "mvs.created", created, "mvs.lines", lines,
                "mvs.initlines", initLines, "mvs.modlines", modLines, "mvs.user", user);
    }

    private static Instant at(int year, int month, int day, int hour, int minute, int second) {
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    }
}
