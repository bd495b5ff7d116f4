package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.jspecify.annotations.Nullable;

/**
 * Properties shared by the DOS, EPLF, VMS and MVS parsers and the Unix parser on NetWare-style lines: no input makes them throw, and no line of
 * one format is taken by another, so autodetection cannot confuse them.
 */
class NonUnixListingParsersPropertyTest {

    /** Now, for year inference: 2024-06-15 12:00 UTC. */
    private static final ListingOptions OPTIONS = ListingOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC));

    private static final Map<String, ListingParser> PARSERS = Map.of(
            "dos", new DosListingParser(OPTIONS),
            "eplf", new EplfListingParser(),
            "vms", new VmsListingParser(OPTIONS),
            "mvs", new MvsListingParser(OPTIONS),
            "netware", ListingParsers.unix(OPTIONS));

    /** Real shapes of each format, one format per key. */
    private static final Map<String, List<String>> CORPUS = Map.of(
            "dos", List.of(
                    "01-16-24  02:15PM       <DIR>          Some Dir",
                    "12-05-23  09:01AM              1234567 report v2.pdf",
                    "01-16-2024  14:15       <DIR>          Some Dir",
                    "01/16/2024  02:15 PM         1,234,567 report.pdf",
                    "01-16-24  02:15PM                  100   spaced name"),
            "eplf", List.of(
                    "+i8388621.48594,m825718503,r,s280,\tdjb.html",
                    "+i8388621.50690,m824255907,/,\t514",
                    "+up644,r,s0,\t01-16-24  02:15PM       <DIR>          Some Dir"),
            "vms", List.of(
                    "FILE.TXT;1          2/4     12-JAN-2024 10:23:45  [GROUP,OWNER]   (RWED,RWED,RE,)",
                    "SUBDIR.DIR;1        1/3      5-FEB-2024 08:00:00  [GROUP,OWNER]   (RWE,RWE,RE,E)",
                    "LOGIN.COM;12        3  29-FEB-2024 23:59",
                    "A_VERY_LONG_FILE_NAME_THAT_DOES_NOT_FIT.TXT;1"),
            "mvs", List.of(
                    "WYNK01 3390   2024/01/12  1   15  FB      80  6160  PS  DATA.SET.NAME",
                    "WYNK02 3390   2024/01/10  3   45  FB      80 27920  PO  SOURCE.LIB",
                    "Migrated                                                HSM.DATASET",
                    "Pseudo Directory                                        DEEPER.QUALIFIER",
                    "MEMBER1   01.03 2023/11/02 2024/01/12 10:23    45    40     5 USERID",
                    "MEMBER2"),
            "netware", List.of(
                    "d [RWCEAFMS] admin                  512 Jan 15 10:23 public",
                    "- [R----F--] admin                12345 Mar  3  2021 read me.txt",
                    "- [RWCE----] admin                  1 Jan 15 10:23 FILE.TXT;1"));

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";
    private static final String NATIONAL = "@#$";
    private static final String DOS_NAME = UPPER + "abcdefghijklmnopqrstuvwxyz" + DIGITS + " ._-()&'+,<>";

    /** A line of a known format, and what its parser must read from it. */
    record Sample(
            String format,
            String line,
            String name,
            EntryType type,
            @Nullable Long size,
            @Nullable Instant modified) {}

    @Example
    void eachCorpusLineIsTakenByItsOwnParserOnly() {
        CORPUS.forEach((format, lines) -> {
            for (String line : lines) {
                PARSERS.forEach((name, parser) -> {
                    FtpEntry entry = parser.parse(line);
                    if (name.equals(format)) {
                        assertThat(entry).as("%s reading %s", name, line).isNotNull();
                    } else {
                        assertThat(entry).as("%s reading %s", name, line).isNull();
                    }
                });
            }
        });
    }

    @Example
    void longHostileLinesAreAnsweredQuickly() {
        List<String> lines = List.of(
                "a.".repeat(50_000) + ";1",
                "a.".repeat(50_000) + ";1   1/1   12-JAN-2024 10:23 x",
                ".".repeat(100_000),
                " ".repeat(100_000) + "x",
                "01-16-24  02:15PM" + " ".repeat(100_000) + "1",
                "01-16-24  02:15PM       <DIR>" + " ".repeat(100_000) + "x",
                "01-16-24  02:15PM 1" + ",000".repeat(30_000) + ",00 x",
                "+" + "s1,".repeat(30_000) + "\tname",
                "d [RWCEAFMS] " + "a ".repeat(50_000),
                "WYNK01 " + "1 ".repeat(50_000),
                "Migrated" + " ".repeat(100_000) + "A B",
                "MEMBER1 " + "01.03 ".repeat(20_000));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (String line : lines) {
                assertParsersAnswerWithoutThrowing(line);
            }
        });
    }

    @Property(tries = 1000)
    void generatedLinesAreReadByTheirOwnParserOnly(@ForAll("samples") Sample sample) {
        FtpEntry entry = PARSERS.get(sample.format()).parse(sample.line());

        assertThat(entry).as(sample.line()).isNotNull();
        assertThat(entry.name()).isEqualTo(sample.name());
        assertThat(entry.type()).isEqualTo(sample.type());
        assertThat(entry.size()).isEqualTo(sample.size());
        assertThat(entry.modified()).isEqualTo(sample.modified());
        assertThat(entry.rawLine()).isEqualTo(sample.line());
        PARSERS.forEach((name, parser) -> {
            if (!name.equals(sample.format())) {
                assertThat(parser.parse(sample.line())).as("%s reading %s", name, sample.line()).isNull();
            }
        });
    }

    @Property(tries = 1000)
    void arbitraryTextNeverThrows(@ForAll @StringLength(max = 160) String line) {
        assertParsersAnswerWithoutThrowing(line);
    }

    @Property(tries = 1000)
    void textMadeOfListingCharactersNeverThrows(@ForAll("listingAlphabet") String line) {
        assertParsersAnswerWithoutThrowing(line);
    }

    @Property(tries = 1000)
    void damagedCorpusLinesNeverThrow(@ForAll("damagedCorpusLines") String line) {
        assertParsersAnswerWithoutThrowing(line);
    }

    private static void assertParsersAnswerWithoutThrowing(String line) {
        for (ListingParser parser : PARSERS.values()) {
            FtpEntry entry = parser.parse(line);
            parser.isNoise(line);
            if (entry != null) {
                assertThat(entry.rawLine()).isEqualTo(line);
                assertThat(entry.name()).isNotEmpty();
                assertThat(entry.type()).isNotEqualTo(EntryType.UNPARSED);
            }
        }
    }

    @Provide
    Arbitrary<String> listingAlphabet() {
        return Arbitraries.strings()
                .withChars(" \t+-/:;.,[]()<>*?$#@dDIRrsmiupAMPJANFEBSEPZ0123456789")
                .ofMaxLength(90);
    }

    @Provide
    Arbitrary<String> damagedCorpusLines() {
        List<String> seeds = CORPUS.values().stream().flatMap(List::stream).toList();
        return Arbitraries.randomValue(random -> damage(seeds.get(random.nextInt(seeds.size())), random));
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.oneOf(
                Arbitraries.randomValue(NonUnixListingParsersPropertyTest::dos),
                Arbitraries.randomValue(NonUnixListingParsersPropertyTest::eplf),
                Arbitraries.randomValue(NonUnixListingParsersPropertyTest::vms),
                Arbitraries.randomValue(NonUnixListingParsersPropertyTest::mvs),
                Arbitraries.randomValue(NonUnixListingParsersPropertyTest::netware));
    }

    /** Cuts, duplicates, inserts or overwrites characters, a few times over. */
    private static String damage(String line, Random random) {
        StringBuilder damaged = new StringBuilder(line);
        for (int edit = 1 + random.nextInt(4); edit > 0; edit--) {
            int at = random.nextInt(damaged.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> damaged.delete(at, Math.min(damaged.length(), at + 1 + random.nextInt(8)));
                case 1 -> damaged.insert(at, damaged.substring(at, Math.min(damaged.length(), at + 5)));
                case 2 -> damaged.insert(at, (char) random.nextInt(0x3000));
                default -> {
                    if (at < damaged.length()) {
                        damaged.setCharAt(at, " \t0<>;[/".charAt(random.nextInt(8)));
                    }
                }
            }
        }
        return damaged.toString();
    }

    private static Sample dos(Random random) {
        int year = 1970 + random.nextInt(100);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        int hour = random.nextInt(24);
        int minute = random.nextInt(60);
        String date = String.format(Locale.ROOT, "%02d-%02d-%s", month, day,
                random.nextBoolean() ? Integer.toString(year) : String.format(Locale.ROOT, "%02d", year % 100));
        String time = random.nextBoolean()
                ? String.format(Locale.ROOT, "%02d:%02d", hour, minute)
                : String.format(Locale.ROOT, "%02d:%02d%s", hour % 12 == 0 ? 12 : hour % 12, minute,
                        hour < 12 ? "AM" : "PM");
        String name = " ".repeat(random.nextInt(3)) + text(random, DOS_NAME.replace(" ", ""), 1)
                + text(random, DOS_NAME, random.nextInt(20));
        Instant modified = at(year, month, day, hour, minute, 0);
        if (random.nextInt(3) == 0) {
            String line = date + "  " + time + "       <DIR>          " + name;
            return new Sample("dos", line, name, EntryType.DIRECTORY, null, modified);
        }
        long size = (long) (random.nextDouble() * 1e12);
        String shown = random.nextBoolean() ? Long.toString(size) : String.format(Locale.US, "%,d", size);
        String line = date + "  " + time + String.format(Locale.ROOT, "%21s ", shown) + name;
        return new Sample("dos", line, name, EntryType.FILE, size, modified);
    }

    private static Sample eplf(Random random) {
        List<String> facts = new ArrayList<>();
        Long size = null;
        Instant modified = null;
        if (random.nextBoolean()) {
            facts.add("i" + random.nextInt(100_000_000) + "." + random.nextInt(100_000));
        }
        if (random.nextBoolean()) {
            long seconds = (long) (random.nextDouble() * 4e9);
            facts.add("m" + seconds);
            modified = Instant.ofEpochSecond(seconds);
        }
        if (random.nextBoolean()) {
            size = (long) (random.nextDouble() * 1e12);
            facts.add("s" + size);
        }
        if (random.nextBoolean()) {
            facts.add("up" + text(random, "01234567", 3));
        }
        boolean directory = random.nextBoolean();
        boolean retrievable = random.nextBoolean();
        if (directory) {
            facts.add("/");
        }
        if (retrievable) {
            facts.add("r");
        }
        Collections.shuffle(facts, random);
        StringBuilder line = new StringBuilder("+");
        facts.forEach(fact -> line.append(fact).append(','));
        String name = text(random, printableAscii() + "\t", 1 + random.nextInt(30));
        line.append('\t').append(name);
        EntryType type = directory ? EntryType.DIRECTORY : retrievable ? EntryType.FILE : EntryType.OTHER;
        return new Sample("eplf", line.toString(), name, type, size, modified);
    }

    private static Sample vms(Random random) {
        String base = text(random, UPPER + DIGITS + "_$-", 1 + random.nextInt(20));
        String fileType = switch (random.nextInt(4)) {
            case 0 -> "DIR";
            case 1 -> "";
            default -> text(random, UPPER + DIGITS, 1 + random.nextInt(5));
        };
        boolean directory = fileType.equals("DIR");
        String name = directory ? base : base + "." + fileType;
        String fileName = base + "." + fileType + ";" + (1 + random.nextInt(32767));
        EntryType type = directory ? EntryType.DIRECTORY : EntryType.FILE;
        if (random.nextInt(5) == 0) {
            return new Sample("vms", fileName, name, type, null, null);
        }
        long used = random.nextInt(1_000_000);
        String blocks = random.nextBoolean() ? Long.toString(used) : used + "/" + (used + random.nextInt(100));
        int year = 1980 + random.nextInt(120);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        int hour = random.nextInt(24);
        int minute = random.nextInt(60);
        int second = random.nextBoolean() ? random.nextInt(60) : -1;
        String line = fileName + spaces(random) + blocks + spaces(random)
                + day + "-" + MONTHS.get(month - 1) + "-" + year + " "
                + String.format(Locale.ROOT, "%02d:%02d", hour, minute)
                + (second < 0 ? "" : String.format(Locale.ROOT, ":%02d", second))
                + (random.nextBoolean() ? spaces(random) + "[" + text(random, UPPER, 5) + ",OWNER]" : "")
                + (random.nextBoolean() ? spaces(random) + "(RWED,RWED,RE,)" : "");
        Instant modified = at(year, month, day, hour, minute, Math.max(second, 0));
        return new Sample("vms", line, name, type, used * 512, modified);
    }

    private static Sample mvs(Random random) {
        String dsname = IntStream.rangeClosed(0, random.nextInt(4))
                .mapToObj(unused -> qualifier(random))
                .collect(Collectors.joining("."));
        return switch (random.nextInt(5)) {
            case 0 -> {
                String dsorg = List.of("PS", "PO", "PO-E", "DA").get(random.nextInt(4));
                String line = text(random, UPPER + DIGITS, 6) + spaces(random) + "3390" + spaces(random)
                        + (random.nextInt(5) == 0 ? "**NONE**" : String.format(Locale.ROOT, "%04d/%02d/%02d",
                                1990 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28)))
                        + spaces(random) + (1 + random.nextInt(16)) + spaces(random) + random.nextInt(10_000)
                        + spaces(random) + List.of("F", "FB", "V", "VB", "VBA", "U").get(random.nextInt(6))
                        + spaces(random) + random.nextInt(32_761) + spaces(random) + random.nextInt(32_761)
                        + spaces(random) + dsorg + spaces(random) + dsname;
                EntryType type = dsorg.startsWith("PO") ? EntryType.DIRECTORY : EntryType.FILE;
                yield new Sample("mvs", line, dsname, type, null, null);
            }
            case 1 -> new Sample("mvs", "Migrated" + spaces(random) + dsname, dsname, EntryType.FILE, null, null);
            case 2 -> new Sample("mvs", "Pseudo Directory" + spaces(random) + dsname, dsname,
                    EntryType.DIRECTORY, null, null);
            case 3 -> {
                String member = qualifier(random);
                yield new Sample("mvs", member, member, EntryType.FILE, null, null);
            }
            default -> {
                String member = qualifier(random);
                int year = 1990 + random.nextInt(40);
                int month = 1 + random.nextInt(12);
                int day = 1 + random.nextInt(28);
                int hour = random.nextInt(24);
                int minute = random.nextInt(60);
                String line = String.format(Locale.ROOT,
                        "%-8s  %02d.%02d 2001/02/03 %04d/%02d/%02d %02d:%02d %5d %5d %5d %s",
                        member, random.nextInt(100), random.nextInt(100), year, month, day, hour, minute,
                        random.nextInt(100_000), random.nextInt(100_000), random.nextInt(100_000),
                        text(random, UPPER, 1 + random.nextInt(7)));
                yield new Sample("mvs", line, member, EntryType.FILE, null, at(year, month, day, hour, minute, 0));
            }
        };
    }

    private static Sample netware(Random random) {
        boolean directory = random.nextBoolean();
        StringBuilder rights = new StringBuilder();
        for (char right : "RWCEAFMS".toCharArray()) {
            rights.append(random.nextBoolean() ? right : '-');
        }
        long size = (long) (random.nextDouble() * 1e10);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        String monthName = MONTHS.get(month - 1).charAt(0)
                + MONTHS.get(month - 1).substring(1).toLowerCase(Locale.ROOT);
        String when;
        Instant modified;
        if (random.nextBoolean()) {
            int year = 1990 + random.nextInt(34);
            when = String.format(Locale.ROOT, "%s %2d  %d", monthName, day, year);
            modified = at(year, month, day, 0, 0, 0);
        } else {
            int hour = random.nextInt(24);
            int minute = random.nextInt(60);
            when = String.format(Locale.ROOT, "%s %2d %02d:%02d", monthName, day, hour, minute);
            LocalDateTime thisYear = LocalDateTime.of(2024, month, day, hour, minute);
            boolean tooLate = thisYear.isAfter(LocalDateTime.of(2024, 6, 16, 12, 0));
            modified = (tooLate ? thisYear.minusYears(1) : thisYear).toInstant(ZoneOffset.UTC);
        }
        String name = text(random, printableAscii().replace(" ", ""), 1)
                + text(random, printableAscii(), random.nextInt(25));
        String owner = text(random, "abcdefghijklmnopqrstuvwxyz", 1 + random.nextInt(10));
        String line = (directory ? "d" : "-") + " [" + rights + "] " + owner
                + String.format(Locale.ROOT, "%21d ", size) + when + spaces(random) + name;
        return new Sample("netware", line, name, directory ? EntryType.DIRECTORY : EntryType.FILE, size, modified);
    }

    private static String qualifier(Random random) {
        return text(random, UPPER + NATIONAL, 1) + text(random, UPPER + DIGITS + NATIONAL, random.nextInt(8));
    }

    private static String spaces(Random random) {
        return " ".repeat(1 + random.nextInt(6));
    }

    private static String printableAscii() {
        StringBuilder chars = new StringBuilder();
        for (char c = ' '; c <= '~'; c++) {
            chars.append(c);
        }
        return chars.toString();
    }

    private static String text(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static Instant at(int year, int month, int day, int hour, int minute, int second) {
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    }
}
