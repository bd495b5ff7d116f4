package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.command.StandardVerb;
import io.ftpflux.core.command.Verb;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the listings captured byte for byte from vsftpd, ProFTPD, Pure-FTPd and Apache MINA FtpServer (see
 * {@code src/test/resources/listings/README.md}) and checks every entry against the fixture table of that
 * README, with each server's documented deviations spelled out here.
 */
class CapturedListingsTest {

    private static final String VSFTPD = "vsftpd-3.0.3";
    private static final String PROFTPD = "proftpd-1.3.8";
    private static final String PURE_FTPD = "pure-ftpd-1.0.50";
    private static final String MINA = "mina-ftpserver-1.2.1";
    private static final List<String> SERVERS = List.of(VSFTPD, PROFTPD, PURE_FTPD, MINA);

    /** The owner of the fixture: uid and gid 1001 on the capture machine. */
    private static final String USER = "ftpflux";
    private static final String USER_ID = "1001";
    /** How Apache MINA FtpServer shows the Latin-1 name it cannot represent: U+FFFD in UTF-8. */
    private static final byte[] MINA_LATIN1_NAME = HexFormat.of().parseHex("636166efbfbd2e747874");
    private static final byte[] LATIN1_NAME = HexFormat.of().parseHex("636166e92e747874");

    private static final Map<String, FixtureEntry> FIXTURE = readFixtureTable();

    /** One row of the README's fixture table: the facts as the file system holds them. */
    private record FixtureEntry(byte[] nameBytes, String type, long size, int mode, Instant mtime, String uid,
            String gid, @Nullable String linkTarget) {

        String name() {
            return new String(nameBytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** What one listing format of one server should show of an entry; {@code null} where it shows nothing. */
    private record Expected(EntryType type, @Nullable Long size, @Nullable Instant mtime, @Nullable Integer mode,
            @Nullable String linkTarget, Map<String, String> facts) {
    }

    static Stream<Arguments> listings() {
        List<Arguments> listings = new ArrayList<>();
        for (String server : SERVERS) {
            for (String file : List.of("LIST.txt", "LIST-a.txt", "NLST.txt", "MLSD.txt")) {
                if (!(server.equals(VSFTPD) && file.equals("MLSD.txt"))) {
                    listings.add(Arguments.of(server, file));
                }
            }
        }
        return listings.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("listings")
    void everyEntryHasTheFixturesFacts(String server, String file) {
        Verb command = file.startsWith("MLSD") ? StandardVerb.MLSD
                : file.startsWith("NLST") ? StandardVerb.NLST : StandardVerb.LIST;
        ListingReader reader = new ListingReader(ListingParsers.autodetect(optionsOf(server)), command,
                StandardCharsets.UTF_8);
        byte[] listing = resource(server + "/" + file);
        List<FtpEntry> entries = new ArrayList<>();
        // Odd chunks, as a data connection delivers them.
        for (int offset = 0; offset < listing.length; offset += 13) {
            reader.feed(ByteBuffer.wrap(listing, offset, Math.min(13, listing.length - offset)), entries::add);
        }
        reader.finish(entries::add);

        assertThat(entries).as("unparsed lines").noneMatch(entry -> entry.type() == EntryType.UNPARSED);
        assertThat(reader.detectedFormat()).isEqualTo(
                command == StandardVerb.MLSD ? "mlsd" : command == StandardVerb.NLST ? "nlst" : "unix");

        Map<String, FtpEntry> byName = new LinkedHashMap<>();
        for (FtpEntry entry : entries) {
            assertThat(byName.put(hex(entry.nameBytes()), entry)).as("duplicate %s", entry.name()).isNull();
        }
        Set<String> expectedNames = expectedNames(server, file);
        assertThat(byName.keySet()).as("names (hex)").containsExactlyInAnyOrderElementsOf(expectedNames);

        for (FtpEntry entry : entries) {
            if (entry.name().equals("..")) {
                // The user's home, outside the fixture.
                assertThat(entry.type()).isIn(EntryType.DIRECTORY, EntryType.OTHER);
                assertThat(entry.isSelfOrParent()).isEqualTo(command != StandardVerb.NLST);
                continue;
            }
            FixtureEntry fixture = fixtureFor(server, entry);
            assertThat(entry.nameBytes()).as("name bytes").isEqualTo(displayedName(server, fixture));
            if (Arrays.equals(entry.nameBytes(), LATIN1_NAME)) {
                assertThat(entry.name()).as("the Latin-1 name, E9 escaped").isEqualTo("caf\udce9.txt");
            }
            assertEntry(server, file, entry, fixture);
        }
    }

    private static void assertEntry(String server, String file, FtpEntry entry, FixtureEntry fixture) {
        String what = server + " " + file + " " + fixture.name();
        if (file.startsWith("NLST")) {
            assertThat(entry.type()).as(what).isEqualTo(EntryType.OTHER);
            assertThat(entry.size()).as(what).isNull();
            assertThat(entry.modified()).as(what).isNull();
            return;
        }
        Expected expected = file.startsWith("MLSD") ? expectedMlsd(server, fixture) : expectedList(server, fixture);
        assertThat(entry.type()).as(what + " type").isEqualTo(expected.type());
        assertThat(entry.size()).as(what + " size").isEqualTo(expected.size());
        assertThat(entry.unixMode()).as(what + " mode").isEqualTo(expected.mode());
        assertThat(entry.linkTarget()).as(what + " link target").isEqualTo(expected.linkTarget());
        assertThat(entry.facts()).as(what + " facts").containsAllEntriesOf(expected.facts());
        Instant mtime = expected.mtime();
        if (mtime != null && file.startsWith("LIST")) {
            // ls -l shows minutes for recent entries and only the day, with the year, for others.
            boolean showsYear = entry.rawLine().contains(" " + mtime.atZone(ZoneOffset.UTC).getYear() + " ");
            mtime = mtime.truncatedTo(showsYear ? ChronoUnit.DAYS : ChronoUnit.MINUTES);
        }
        assertThat(entry.modified()).as(what + " mtime").isEqualTo(mtime);
    }

    /** What LIST and LIST -a show, per the README's notes on each server. */
    private static Expected expectedList(String server, FixtureEntry fixture) {
        EntryType type = entryType(fixture.type());
        Long size = fixture.size();
        Instant mtime = fixture.mtime();
        int mode = fixture.mode();
        String target = fixture.linkTarget();
        Map<String, String> owners = switch (server) {
            case VSFTPD -> Map.of("unix.owner", fixture.uid(), "unix.group", fixture.gid());
            case PROFTPD -> Map.of("unix.owner", nameOf(fixture.uid()), "unix.group", nameOf(fixture.gid()));
            case PURE_FTPD -> Map.of("unix.owner", fixture.uid(), "unix.group", nameOf(fixture.gid()));
            default -> Map.of("unix.owner", "user", "unix.group", "group");
        };
        if (server.equals(MINA)) {
            // MINA follows links, shows only owner permissions, and cannot stat a broken link or the Latin-1 name.
            target = null;
            String name = fixture.name();
            if (name.equals("broken-link") || Arrays.equals(fixture.nameBytes(), LATIN1_NAME)) {
                return new Expected(EntryType.FILE, 0L, Instant.EPOCH, 0200, null, owners);
            }
            if (name.equals("link-to-dir") || type == EntryType.DIRECTORY) {
                return new Expected(EntryType.DIRECTORY, 0L, mtime, 0700, null, owners);
            }
            type = EntryType.FILE;
            mode = 0600;
            size = name.equals("link-to-file") ? FIXTURE.get(hex("one-byte.bin")).size() : size;
            size = name.equals("fifo") ? 0L : size;
        }
        return new Expected(type, size, mtime, mode, target, owners);
    }

    /** What MLSD shows, per the README's notes on each server. */
    private static Expected expectedMlsd(String server, FixtureEntry fixture) {
        EntryType type = entryType(fixture.type());
        String name = fixture.name();
        return switch (server) {
            case PROFTPD -> new Expected(
                    name.equals("fifo") ? EntryType.FILE : type,
                    type == EntryType.DIRECTORY ? null : fixture.size(),
                    fixture.mtime(), fixture.mode(), null,
                    Map.of("unix.owner", fixture.uid(), "unix.group", fixture.gid()));
            case PURE_FTPD -> new Expected(type, fixture.size(), fixture.mtime(), fixture.mode(), null,
                    Map.of("unix.uid", fixture.uid(), "unix.gid", fixture.gid()));
            default -> {
                // MINA follows links and sends no Type fact for what it cannot stat or classify.
                if (name.equals("broken-link") || Arrays.equals(fixture.nameBytes(), LATIN1_NAME)) {
                    yield new Expected(EntryType.OTHER, 0L, Instant.EPOCH, null, null, Map.of());
                }
                if (name.equals("fifo")) {
                    yield new Expected(EntryType.OTHER, 0L, fixture.mtime(), null, null, Map.of());
                }
                if (name.equals("link-to-dir")) {
                    yield new Expected(EntryType.DIRECTORY, 4096L, fixture.mtime(), null, null, Map.of());
                }
                if (name.equals("link-to-file")) {
                    yield new Expected(EntryType.FILE, 1L, fixture.mtime(), null, null, Map.of());
                }
                yield new Expected(type, fixture.size(), fixture.mtime(), null, null, Map.of());
            }
        };
    }

    /** Which fixture entries each server's listing holds, per the README's notes on each server. */
    private static Set<String> expectedNames(String server, String file) {
        Set<String> names = new LinkedHashSet<>();
        for (FixtureEntry fixture : FIXTURE.values()) {
            names.add(hex(displayedName(server, fixture)));
        }
        boolean dotFiles = switch (file) {
            case "LIST-a.txt" -> true;
            case "NLST.txt" -> server.equals(PURE_FTPD);
            case "MLSD.txt" -> !server.equals(MINA);
            default -> false;
        };
        if (dotFiles) {
            if (!server.equals(MINA)) {
                names.add(hex(".."));
            } else {
                names.remove(hex("."));
            }
        } else {
            names.remove(hex("."));
            names.remove(hex(".hidden"));
        }
        if (server.equals(PURE_FTPD) && file.startsWith("LIST")) {
            names.remove(hex("fifo"));
        }
        // ProFTPD's NLST leaves out the broken link, and so does its MLSD (which the README's notes do not say).
        if (server.equals(PROFTPD) && (file.equals("NLST.txt") || file.equals("MLSD.txt"))) {
            names.remove(hex("broken-link"));
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {PROFTPD, PURE_FTPD, MINA})
    void mlstRepliesNameTheEntry(String server) {
        FtpEntry entry = MlsdListingParser.parseMlstReply(reply(server + "/MLST.reply"));

        FixtureEntry fixture = FIXTURE.get(hex("size-123456.bin"));
        String expectedName = switch (server) {
            case PROFTPD -> "/listing-fixture/size-123456.bin";
            case PURE_FTPD -> "listing-fixture/size-123456.bin";
            default -> "size-123456.bin";
        };
        assertThat(entry.name()).isEqualTo(expectedName);
        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.size()).isEqualTo(fixture.size());
        assertThat(entry.modified()).isEqualTo(fixture.mtime());
        assertThat(entry.unixMode()).isEqualTo(server.equals(MINA) ? null : fixture.mode());
    }

    @Test
    void vsftpdRefusesMlsdAndMlst() {
        for (String file : List.of("MLSD.reply", "MLST.reply")) {
            FtpReply refusal = reply(VSFTPD + "/" + file);
            assertThat(refusal.code().value()).isEqualTo(500);
            assertThatThrownBy(() -> MlsdListingParser.parseMlstReply(refusal))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theFixtureTableIsComplete() {
        assertThat(FIXTURE).hasSize(29);
        assertThat(FIXTURE.get(hex(LATIN1_NAME)).type()).isEqualTo("file");
        assertThat(FIXTURE.get(hex("large-sparse.bin")).size()).isEqualTo(5_000_000_000L);
        assertThat(FIXTURE.get(hex("mtime-leap-day-2024.txt")).mtime())
                .isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
    }

    private static FixtureEntry fixtureFor(String server, FtpEntry entry) {
        byte[] bytes = entry.nameBytes();
        if (server.equals(MINA) && Arrays.equals(bytes, MINA_LATIN1_NAME)) {
            bytes = LATIN1_NAME;
        }
        FixtureEntry fixture = FIXTURE.get(hex(bytes));
        assertThat(fixture).as("fixture entry %s", entry.name()).isNotNull();
        return fixture;
    }

    private static byte[] displayedName(String server, FixtureEntry fixture) {
        return server.equals(MINA) && Arrays.equals(fixture.nameBytes(), LATIN1_NAME)
                ? MINA_LATIN1_NAME
                : fixture.nameBytes();
    }

    private static EntryType entryType(String tableType) {
        return switch (tableType) {
            case "file" -> EntryType.FILE;
            case "dir" -> EntryType.DIRECTORY;
            case "symlink" -> EntryType.SYMLINK;
            default -> EntryType.OTHER;
        };
    }

    /** ProFTPD and Pure-FTPd show the fixture user by name, the unnamed uid 54321 as a number. */
    private static String nameOf(String id) {
        return id.equals(USER_ID) ? USER : id;
    }

    private static ListingOptions optionsOf(String server) {
        Properties capture = new Properties();
        try {
            capture.load(new StringReader(new String(resource(server + "/capture.properties"),
                    StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ZoneId zone = ZoneId.of(capture.getProperty("server.timezone"));
        Clock clock = Clock.fixed(Instant.parse(capture.getProperty("captured.at")), zone);
        return new ListingOptions(clock, zone, List.of(Locale.ENGLISH));
    }

    /** Reads a control reply as captured: CRLF-terminated lines, the code in the first line. */
    private static FtpReply reply(String path) {
        String text = new String(resource(path), StandardCharsets.UTF_8);
        List<String> lines = List.of(text.split("\r\n"));
        return new FtpReply(ReplyCode.of(Integer.parseInt(lines.get(0).substring(0, 3))), lines);
    }

    /** Reads the rows between the fixture-table markers of the README, except the entry inside subdir. */
    private static Map<String, FixtureEntry> readFixtureTable() {
        String readme = new String(resource("README.md"), StandardCharsets.UTF_8);
        String table = readme.substring(readme.indexOf("<!-- fixture-table:begin -->"),
                readme.indexOf("<!-- fixture-table:end -->"));
        Map<String, FixtureEntry> rows = new LinkedHashMap<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("| ") || line.startsWith("| name ")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            byte[] nameBytes = HexFormat.of().parseHex(cells[1].strip());
            if (new String(nameBytes, StandardCharsets.ISO_8859_1).contains("/")) {
                continue;
            }
            String[] owner = cells[6].strip().split(":");
            String target = cells[7].strip().replace("`", "");
            rows.put(hex(nameBytes), new FixtureEntry(nameBytes, cells[2].strip(),
                    Long.parseLong(cells[3].strip()), Integer.parseInt(cells[4].strip().split(" ")[0], 8),
                    Instant.parse(cells[5].strip()), owner[0], owner[1], target.isEmpty() ? null : target));
        }
        return rows;
    }

    private static byte[] resource(String path) {
        try (InputStream in = CapturedListingsTest.class.getResourceAsStream("/listings/" + path)) {
            assertThat(in).as("resource listings/%s", path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(String name) {
        return hex(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
