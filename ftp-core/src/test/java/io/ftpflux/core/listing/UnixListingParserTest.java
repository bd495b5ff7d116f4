package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnixListingParserTest {

    /** June 2024: dates from January to early June get 2024, later months 2023. */
    private static final ListingOptions JUNE_2024 = optionsAt("2024-06-01T12:00:00Z");

    private static ListingOptions optionsAt(String instant) {
        return new ListingOptions(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), ZoneOffset.UTC,
                List.of(Locale.ENGLISH));
    }

    private static FtpEntry parse(ListingOptions options, String line) {
        FtpEntry entry = ListingParsers.unix(options).parse(line);
        assertThat(entry).as("entry for %s", line).isNotNull();
        assertThat(entry.rawLine()).isEqualTo(line);
        return entry;
    }

    private static FtpEntry parse(String line) {
        return parse(JUNE_2024, line);
    }

    @Test
    void readsAVsftpdFile() {
        FtpEntry entry = parse("-rw-r--r--    1 1000     1000         1234 Mar 05 12:34 file.txt");

        assertThat(entry.name()).isEqualTo("file.txt");
        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.size()).isEqualTo(1234L);
        assertThat(entry.modified()).isEqualTo(Instant.parse("2024-03-05T12:34:00Z"));
        assertThat(entry.permissions()).isEqualTo("rw-r--r--");
        assertThat(entry.linkTarget()).isNull();
        assertThat(entry.facts()).containsEntry("unix.links", "1")
                .containsEntry("unix.owner", "1000")
                .containsEntry("unix.group", "1000")
                .containsEntry("unix.mode", "0644");
        assertThat(entry.unixMode()).isEqualTo(0644);
    }

    @Test
    void readsAProftpdDirectoryWithYear() {
        FtpEntry entry = parse("drwxr-xr-x   2 ftp      ftp          4096 Nov  5  2022 old dir");

        assertThat(entry.name()).isEqualTo("old dir");
        assertThat(entry.type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(entry.size()).isEqualTo(4096L);
        assertThat(entry.modified()).isEqualTo(Instant.parse("2022-11-05T00:00:00Z"));
        assertThat(entry.unixMode()).isEqualTo(0755);
    }

    @Test
    void readsAPureFtpdLink() {
        FtpEntry entry = parse("lrwxrwxrwx    1 1000       1000            6 Mar  5 12:34 link -> target");

        assertThat(entry.name()).isEqualTo("link");
        assertThat(entry.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(entry.linkTarget()).isEqualTo("target");
        assertThat(entry.size()).isEqualTo(6L);
    }

    @Test
    void readsAMinaFtpServerLine() {
        FtpEntry entry = parse("-rw-------   1 user group         1234 Mar  5 12:34 mina file.txt");

        assertThat(entry.name()).isEqualTo("mina file.txt");
        assertThat(entry.fact("unix.owner")).isEqualTo("user");
        assertThat(entry.fact("unix.group")).isEqualTo("group");
        assertThat(entry.unixMode()).isEqualTo(0600);
    }

    @Test
    void readsABusyboxLine() {
        FtpEntry entry = parse("-rw-r--r--    1 0        0             1234 Jan  1  1970 epoch");

        assertThat(entry.modified()).isEqualTo(Instant.EPOCH);
        assertThat(entry.fact("unix.owner")).isEqualTo("0");
    }

    @Test
    void readsNetwareLikeLines() {
        FtpEntry dir = parse("d [R----F--] supervisor            512       Jan 16 18:53    login");
        FtpEntry file = parse("- [RWCEAFMS] jdoe                 1234      Mar  5 12:34 report.txt");

        assertThat(dir.name()).as("NetWare pads before the name").isEqualTo("login");
        assertThat(dir.type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(dir.size()).isEqualTo(512L);
        assertThat(dir.permissions()).isEqualTo("[R----F--]");
        assertThat(dir.fact("unix.owner")).isEqualTo("supervisor");
        assertThat(dir.fact("unix.group")).isNull();
        assertThat(dir.modified()).isEqualTo(Instant.parse("2024-01-16T18:53:00Z"));
        assertThat(file.type()).isEqualTo(EntryType.FILE);
        assertThat(file.name()).isEqualTo("report.txt");
    }

    @Test
    void readsLinesWithoutLinkCountOrGroup() {
        FtpEntry noLinks = parse("-rw-r--r-- user group 1234 Mar  5 12:34 a");
        FtpEntry noGroup = parse("-rw-r--r-- 1 user 1234 Mar  5 12:34 b");
        FtpEntry ownerOnly = parse("-rw-r--r-- user 1234 Mar  5 12:34 c");
        FtpEntry nothing = parse("-rw-r--r-- 1234 Mar  5 12:34 d");

        assertThat(noLinks.facts()).containsEntry("unix.owner", "user").containsEntry("unix.group", "group")
                .doesNotContainKey("unix.links");
        assertThat(noGroup.facts()).containsEntry("unix.links", "1").containsEntry("unix.owner", "user")
                .doesNotContainKey("unix.group");
        assertThat(ownerOnly.facts()).containsEntry("unix.owner", "user").doesNotContainKeys("unix.links",
                "unix.group");
        assertThat(nothing.facts()).doesNotContainKeys("unix.links", "unix.owner", "unix.group");
        assertThat(List.of(noLinks, noGroup, ownerOnly, nothing)).allSatisfy(entry -> {
            assertThat(entry.size()).isEqualTo(1234L);
            assertThat(entry.modified()).isEqualTo(Instant.parse("2024-03-05T12:34:00Z"));
        });
    }

    @Test
    void ownerAndGroupMayLookLikeMonthsOrNumbers() {
        FtpEntry entry = parse("-rw-r--r-- 1 jan 100 55 Mar  5 12:34 x");
        assertThat(entry.facts()).containsEntry("unix.owner", "jan").containsEntry("unix.group", "100");
        assertThat(entry.size()).isEqualTo(55L);
    }

    @ParameterizedTest
    @CsvSource({"-rw-r--r--+,0644", "-rw-r--r--@,0644", "-rw-r--r--.,0644", "-rwsr-sr-t,7755",
        "-rwSr-Sr-T,7644", "-rwxr-lr--,2744", "----------,0000", "-rwxrwxrwx,0777"})
    void readsPermissionsWithMarkersAndSpecialBits(String mode, String octal) {
        FtpEntry entry = parse(mode + " 1 u g 0 Mar  5 12:34 f");
        assertThat(entry.fact("unix.mode")).isEqualTo(octal);
        assertThat(entry.permissions()).isEqualTo(mode.substring(1, 10));
        assertThat(entry.type()).isEqualTo(EntryType.FILE);
    }

    @ParameterizedTest
    @ValueSource(chars = {'b', 'c', 'p', 's', 'D', 'P', 'n', 'w', '?'})
    void otherTypeCharactersAreOther(char type) {
        assertThat(parse(type + "rw-r--r-- 1 u g 0 Mar  5 12:34 thing").type()).isEqualTo(EntryType.OTHER);
    }

    @Test
    void readsDeviceNumbersInsteadOfASize() {
        FtpEntry split = parse("crw-rw-rw-    1 0        0          1,   3 Mar  5 12:34 null");
        FtpEntry joined = parse("brw-rw---- 1 root disk 8,0 Mar  5 12:34 sda");
        FtpEntry noGroup = parse("crw--w---- 1 root 136, 0 Mar  5 12:34 pts0");

        assertThat(split.type()).isEqualTo(EntryType.OTHER);
        assertThat(split.size()).isNull();
        assertThat(split.fact("unix.device")).isEqualTo("1,3");
        assertThat(split.name()).isEqualTo("null");
        assertThat(split.fact("unix.group")).isEqualTo("0");
        assertThat(joined.fact("unix.device")).isEqualTo("8,0");
        assertThat(joined.fact("unix.group")).isEqualTo("disk");
        assertThat(noGroup.fact("unix.device")).isEqualTo("136,0");
        assertThat(noGroup.fact("unix.owner")).isEqualTo("root");
    }

    @Test
    void readsHugeSizes() {
        assertThat(parse("-rw-r--r-- 1 u g 9223372036854775807 Mar  5 12:34 max").size()).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("-rw-r--r-- 1 u g 1099511627776000 Mar  5 12:34 pb").size()).isEqualTo(1099511627776000L);
        assertThat(parse("-rw-r--r-- 1 u g 0 Mar  5 12:34 empty").size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "99999999999999999999"})
    void sizesBeyond64BitsAreNotUnderstood(String size) {
        assertThat(ListingParsers.unix(JUNE_2024).parse("-rw-r--r-- 1 u g " + size + " Mar  5 12:34 x")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        // clock, listed date, expected
        "2028-03-10T12:00:00Z, Feb 29 10:00, 2028-02-29T10:00:00Z",
        "2027-01-10T12:00:00Z, Feb 29 10:00, 2024-02-29T10:00:00Z",
        "2028-02-10T12:00:00Z, Feb 29 10:00, 2024-02-29T10:00:00Z",
        "2028-02-28T12:00:00Z, Feb 29 10:00, 2028-02-29T10:00:00Z",
        "2025-01-02T10:00:00Z, Dec 31 23:00, 2024-12-31T23:00:00Z",
        "2025-01-02T10:00:00Z, Jan 01 09:00, 2025-01-01T09:00:00Z",
        "2024-12-31T23:30:00Z, Jan  1 00:10, 2025-01-01T00:10:00Z",
        "2025-06-10T12:00:00Z, Jun 11 12:00, 2025-06-11T12:00:00Z",
        "2025-06-10T12:00:00Z, Jun 11 12:01, 2024-06-11T12:01:00Z",
        "2025-06-10T12:00:00Z, Jun 10 11:59, 2025-06-10T11:59:00Z",
        "2025-06-10T12:00:00Z, Dec 24  9:05, 2024-12-24T09:05:00Z",
    })
    void infersTheYearFromTheClock(String clock, String date, String expected) {
        FtpEntry entry = parse(optionsAt(clock), "-rw-r--r-- 1 u g 10 " + date + " f");
        assertThat(entry.modified()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void readsTimesInTheServerZoneAndInfersTheYearThere() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ListingOptions utc = optionsAt("2024-12-31T23:30:00Z");
        ListingOptions inBerlin = utc.withServerZone(berlin);

        assertThat(parse(inBerlin, "-rw-r--r-- 1 u g 1 Mar  5 12:34 f").modified())
                .isEqualTo(Instant.parse("2024-03-05T11:34:00Z"));
        assertThat(parse(inBerlin, "-rw-r--r-- 1 u g 1 Jul  5  2020 f").modified())
                .isEqualTo(Instant.parse("2020-07-04T22:00:00Z"));
        // Already January 1 in Berlin, so January 2 is less than a day ahead there, but not in UTC.
        assertThat(parse(inBerlin, "-rw-r--r-- 1 u g 1 Jan  2 00:10 f").modified())
                .isEqualTo(Instant.parse("2025-01-01T23:10:00Z"));
        assertThat(parse(utc, "-rw-r--r-- 1 u g 1 Jan  2 00:10 f").modified())
                .isEqualTo(Instant.parse("2024-01-02T00:10:00Z"));
    }

    @Test
    void readsLongIsoAndFullIsoDates() {
        FtpEntry longIso = parse("-rw-r--r-- 1 user group 1234 2024-03-05 12:34 iso name");
        FtpEntry fullIso = parse("-rw-r--r-- 1 user group 1234 2024-03-05 12:34:56.123456789 +0100 full");
        FtpEntry inZone = parse(JUNE_2024.withServerZone(ZoneId.of("America/New_York")),
                "drwxr-xr-x 2 user group 4096 2023-12-01 08:00  spaced");

        assertThat(longIso.name()).isEqualTo("iso name");
        assertThat(longIso.modified()).isEqualTo(Instant.parse("2024-03-05T12:34:00Z"));
        assertThat(fullIso.name()).isEqualTo("full");
        assertThat(fullIso.modified()).isEqualTo(Instant.parse("2024-03-05T11:34:56.123456789Z"));
        assertThat(inZone.name()).isEqualTo(" spaced");
        assertThat(inZone.modified()).isEqualTo(Instant.parse("2023-12-01T13:00:00Z"));
    }

    @Test
    void readsBsdFullTimes() {
        FtpEntry entry = parse("-rw-r--r--  1 user  staff  1234 Mar  5 12:34:56 2021 bsd");
        assertThat(entry.name()).isEqualTo("bsd");
        assertThat(entry.modified()).isEqualTo(Instant.parse("2021-03-05T12:34:56Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Mär  5 12:34 | 2024-03-05T12:34:00Z",
        "Mai  5 12:34 | 2024-05-05T12:34:00Z",
        "Okt  5  2023 | 2023-10-05T00:00:00Z",
        "Dez 24 18:00 | 2023-12-24T18:00:00Z",
        "5. Mär 12:34 | 2024-03-05T12:34:00Z",
        "Mar  5 12:34 | 2024-03-05T12:34:00Z",
    })
    void readsGermanMonthsWithEnglishAsFallback(String date, String expected) {
        ListingOptions german = JUNE_2024.withMonthLocales(List.of(Locale.GERMAN));
        FtpEntry entry = parse(german, "-rw-r--r-- 1 u g 7 " + date.strip() + " datei");
        assertThat(entry.modified()).isEqualTo(Instant.parse(expected.strip()));
        assertThat(entry.name()).isEqualTo("datei");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "févr. 29  2024 | 2024-02-29T00:00:00Z",
        "déc. 24 18:00 | 2023-12-24T18:00:00Z",
        "29 févr. 10:00 | 2024-02-29T10:00:00Z",
        "avril  3 09:00 | 2024-04-03T09:00:00Z",
        "juil.  3 09:00 | 2023-07-03T09:00:00Z",
        "FÉVR. 29 10:00 | 2024-02-29T10:00:00Z",
    })
    void readsFrenchMonths(String date, String expected) {
        ListingOptions french = JUNE_2024.withMonthLocales(List.of(Locale.FRENCH));
        FtpEntry entry = parse(french, "-rw-r--r-- 1 u g 7 " + date.strip() + " fichier");
        assertThat(entry.modified()).isEqualTo(Instant.parse(expected.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mär  5 12:34", "Okt  5 12:34", "déc. 24 18:00", "Jui  3 09:00"})
    void monthsOfUnconfiguredLanguagesAreNotUnderstood(String date) {
        ListingParser english = ListingParsers.unix(JUNE_2024);
        assertThat(english.parse("-rw-r--r-- 1 u g 7 " + date + " f")).isNull();
    }

    @Test
    void ambiguousPrefixesAreNotMonths() {
        ListingParser french = ListingParsers.unix(JUNE_2024.withMonthLocales(List.of(Locale.FRENCH)));
        assertThat(french.parse("-rw-r--r-- 1 u g 7 jui  3 09:00 f")).as("juin or juillet").isNull();
    }

    @Test
    void namesKeepLeadingAndTrailingSpaces() {
        assertThat(parse("-rw-r--r-- 1 u g 7 Mar  5 12:34   two leading").name()).isEqualTo("  two leading");
        assertThat(parse("-rw-r--r-- 1 u g 7 Mar  5  2023  after year").name()).isEqualTo(" after year");
        assertThat(parse("-rw-r--r-- 1 u g 7 Mar  5 12:34 trailing  ").name()).isEqualTo("trailing  ");
        assertThat(parse("-rw-r--r-- 1 u g 7 Mar  5 12:34 Mar  5 12:34 x").name()).isEqualTo("Mar  5 12:34 x");
    }

    @Test
    void arrowsSplitOnlyLinks() {
        FtpEntry file = parse("-rw-r--r-- 1 u g 7 Mar  5 12:34 a -> b");
        FtpEntry link = parse("lrwxrwxrwx 1 u g 7 Mar  5 12:34 x -> y -> z");
        FtpEntry linkWithoutTarget = parse("lrwxrwxrwx 1 u g 7 Mar  5 12:34 bare link");

        assertThat(file.name()).isEqualTo("a -> b");
        assertThat(file.linkTarget()).isNull();
        assertThat(link.name()).isEqualTo("x");
        assertThat(link.linkTarget()).isEqualTo("y -> z");
        assertThat(linkWithoutTarget.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(linkWithoutTarget.name()).isEqualTo("bare link");
        assertThat(linkWithoutTarget.linkTarget()).isNull();
    }

    @Test
    void tabsSeparateColumnsAsSpacesDo() {
        FtpEntry spaced = parse("-rw-r--r-- 1 ann staff 1234 Mar  5 12:34 a b");
        FtpEntry tabbed = parse("-rw-r--r--\t1 ann\tstaff 1234\tMar \t5 12:34\ta b");

        assertThat(tabbed.name()).isEqualTo("a b");
        assertThat(tabbed.size()).isEqualTo(spaced.size());
        assertThat(tabbed.modified()).isEqualTo(spaced.modified());
        assertThat(tabbed.facts()).isEqualTo(spaced.facts());
    }

    @Test
    void dotEntriesAreSelfAndParent() {
        assertThat(parse("drwxr-xr-x 2 u g 4096 Mar  5 12:34 .").isSelfOrParent()).isTrue();
        assertThat(parse("drwxr-xr-x 2 u g 4096 Mar  5 12:34 ..").isSelfOrParent()).isTrue();
        assertThat(parse("drwxr-xr-x 2 u g 4096 Mar  5 12:34 ...").isSelfOrParent()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"total 12", "total 0", "TOTAL 1234", "insgesamt 8", "total 1.5M", "", "   "})
    void totalHeadersAndBlankLinesAreNoise(String line) {
        ListingParser parser = ListingParsers.unix(JUNE_2024);
        assertThat(parser.isNoise(line)).isTrue();
        assertThat(parser.parse(line)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-rw-r--r-- 1 u g 7 Mar  5 12:34",
        "-rw-r--r-- 1 u g 7 Mar  5 12:34 ",
        "03-05-24  12:34PM       <DIR>          dir",
        "+i8388621.29609,m824255902,/,\tdev",
        "type=file;size=1; name",
        "FILE.TXT;1     4/4   5-MAR-2024 12:34:56  [GROUP,OWNER]  (RWED,RWED,RE,)",
        "-rwxrwxrwz 1 u g 7 Mar  5 12:34 bad mode",
        "-rw-r--r-- 1 u g 7 Feb 30 12:34 no such day",
        "-rw-r--r-- 1 u g 7 Mar 32 12:34 no such day",
        "-rw-r--r-- 1 u g 7 Mar  5 25:00 no such hour",
        "-rw-r--r-- 1 u g 7 Mar  5 12:60 no such minute",
        "-rw-r--r-- 1 u g 7 Foo  5 12:34 no such month",
        "-rw-r--r-- 1 u g 7 2024-13-01 12:34 no such month",
        "-rw-r--r-- 1 u g seven Mar  5 12:34 no size",
        "-rw-r--r-- a b c d 7 Mar  5 12:34 too many owners",
        "x [RWCEAFMS] jdoe 1234 Mar  5 12:34 bad netware type",
        "total",
        "a single line of prose that is not a listing",
    })
    void rejectsLinesInOtherFormats(String line) {
        assertThat(ListingParsers.unix(JUNE_2024).parse(line)).isNull();
    }

    @Test
    void hasAName() {
        assertThat(ListingParsers.unix(JUNE_2024).name()).isEqualTo("unix");
    }
}
