package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.command.NameCodec;
import io.ftpflux.core.command.StandardVerb;
import io.ftpflux.core.command.Verb;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ListingReaderTest {

    private static final ListingOptions OPTIONS = new ListingOptions(
            Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC, List.of(Locale.ENGLISH));
    private static final ListingParser AUTODETECT = ListingParsers.autodetect(OPTIONS);

    private static final String UNIX_LISTING = "total 8\r\n"
            + "drwxr-xr-x 2 u g 4096 Mar  5 12:34 .\r\n"
            + "-rw-r--r-- 1 u g 10 Mar  5 12:34 a file\r\n"
            + "\r\n"
            + "lrwxrwxrwx 1 u g 6 Mar  5 12:34 link -> a file\n"
            + "-rw-r--r-- 1 u g 20 Mar  5  2020  last";

    /** Reads a whole listing in one feed and a finish. */
    static List<FtpEntry> readAll(ListingReader reader, byte[] listing) {
        List<FtpEntry> entries = new ArrayList<>();
        reader.feed(listing, entries::add);
        reader.finish(entries::add);
        return entries;
    }

    private static List<FtpEntry> readAll(Verb command, String listing) {
        return readAll(new ListingReader(AUTODETECT, command, StandardCharsets.UTF_8),
                listing.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(List<FtpEntry> entries) {
        return entries.stream().map(FtpEntry::name).toList();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void readsAUnixListingSkippingNoise() {
        List<FtpEntry> entries = readAll(StandardVerb.LIST, UNIX_LISTING);

        assertThat(names(entries)).containsExactly(".", "a file", "link", " last");
        assertThat(entries.get(2).linkTarget()).isEqualTo("a file");
        assertThat(entries.get(1).rawLine()).isEqualTo("-rw-r--r-- 1 u g 10 Mar  5 12:34 a file");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.nameCharset()).isEqualTo(StandardCharsets.UTF_8));
    }

    @Test
    void chunkBoundariesDoNotMatter() {
        byte[] listing = UNIX_LISTING.getBytes(StandardCharsets.UTF_8);
        List<FtpEntry> whole = readAll(new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_8),
                listing);

        for (int first = 0; first <= listing.length; first++) {
            for (int second = first; second <= listing.length; second += 7) {
                ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_8);
                List<FtpEntry> entries = new ArrayList<>();
                reader.feed(Arrays.copyOfRange(listing, 0, first), entries::add);
                reader.feed(ByteBuffer.wrap(listing, first, second - first), entries::add);
                reader.feed(Arrays.copyOfRange(listing, second, listing.length), entries::add);
                reader.finish(entries::add);
                assertThat(entries).as("split at %d and %d", first, second).isEqualTo(whole);
            }
        }
    }

    @Test
    void emitsEachEntryAsSoonAsItsLineEnds() {
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_8);
        List<FtpEntry> entries = new ArrayList<>();

        reader.feed("-rw-r--r-- 1 u g 10 Mar  5 12:34 one\r".getBytes(StandardCharsets.US_ASCII), entries::add);
        assertThat(entries).isEmpty();
        reader.feed("\n-rw-r--r-- 1 u g 10 Mar  5 12:34 tw".getBytes(StandardCharsets.US_ASCII), entries::add);
        assertThat(names(entries)).containsExactly("one");
        reader.finish(entries::add);
        assertThat(names(entries)).containsExactly("one", "tw");
    }

    @Test
    void consumesDirectBuffersWhole() {
        byte[] bytes = "type=file;size=1; a\r\ntype=dir; b\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 4);
        direct.put(new byte[] {'x', 'x'}).put(bytes).flip().position(2);
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.MLSD, StandardCharsets.UTF_8);
        List<FtpEntry> entries = new ArrayList<>();

        reader.feed(direct, entries::add);

        assertThat(direct.hasRemaining()).isFalse();
        assertThat(names(entries)).containsExactly("a", "b");
        assertThat(reader.detectedFormat()).isEqualTo("mlsd");
    }

    @Test
    void findsTheFirstLfAtEveryOffsetAmongBytesThatDifferFromItByOneBit() {
        // 0x0B, 0x8A, 0x09 and 0x0E are one bit from LF; 0x8A also trips a word search that ignores high bits.
        byte[] near = {0x0B, (byte) 0x8A, 0x09, 0x0E, (byte) 0xFF, 0x00, 0x01};
        for (int length = 0; length <= 24; length++) {
            for (int lf = -1; lf < length; lf++) {
                byte[] bytes = new byte[length + 3];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = near[(i * 5 + length) % near.length];
                }
                if (lf >= 0) {
                    bytes[1 + lf] = '\n';
                    if (lf + 2 < length) {
                        bytes[1 + lf + 2] = '\n';
                    }
                }
                bytes[0] = '\n';
                bytes[bytes.length - 1] = '\n';
                assertThat(ListingReader.indexOfLf(bytes, 1, 1 + length))
                        .as("length %d, LF at %d", length, lf)
                        .isEqualTo(lf < 0 ? -1 : 1 + lf);
            }
        }
    }

    @Test
    void readsDirectBuffersLargerThanOneScanChunkWithLinesAcrossChunks() {
        StringBuilder listing = new StringBuilder();
        for (int i = 0; listing.length() < 40_000; i++) {
            listing.append("type=file;size=").append(i).append("; f\u00e9").append(i).append(i % 3 == 0 ? "\n" : "\r\n");
        }
        byte[] bytes = listing.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.MLSD, StandardCharsets.UTF_8);
        List<FtpEntry> entries = new ArrayList<>();

        reader.feed(direct, entries::add);
        reader.finish(entries::add);

        assertThat(entries).isEqualTo(readAll(new ListingReader(AUTODETECT, StandardVerb.MLSD,
                StandardCharsets.UTF_8), bytes));
        assertThat(entries).hasSize(listing.toString().split("\n").length);
        assertThat(entries.get(entries.size() - 1).name()).startsWith("f\u00e9");
    }

    @Test
    void bytesThatAreNotUtf8AreEscapedLosslessly() {
        byte[] latin1Name = "caf\u00e9 \u00e0 la cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1);
        byte[] listing = concat(
                "type=file;size=1; ".getBytes(StandardCharsets.US_ASCII), latin1Name, new byte[] {'\r', '\n'},
                "type=file;size=2; r\u00e9sum\u00e9 \u2713\r\n".getBytes(StandardCharsets.UTF_8));

        List<FtpEntry> entries = readAll(new ListingReader(AUTODETECT, StandardVerb.MLSD, StandardCharsets.UTF_8),
                listing);

        assertThat(entries).hasSize(2);
        FtpEntry latin1 = entries.get(0);
        assertThat(latin1.nameCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(latin1.nameBytes()).isEqualTo(latin1Name);
        assertThat(latin1.name()).isEqualTo("caf\udce9 \udce0 la cr\udce8me");
        assertThat(NameCodec.isEscaped(latin1.name())).isTrue();
        assertThat(latin1.size()).isEqualTo(1L);
        FtpEntry utf8 = entries.get(1);
        assertThat(utf8.nameCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(utf8.name()).isEqualTo("r\u00e9sum\u00e9 \u2713");
        assertThat(NameCodec.isEscaped(utf8.name())).isFalse();
        assertThat(utf8.nameBytes()).isEqualTo("r\u00e9sum\u00e9 \u2713".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLineThatDoesNotDecodeStillYieldsAnEntryWhenUnparsed() {
        byte[] listing = {(byte) 0xff, (byte) 0xfe, ' ', 'x', '\n'};

        List<FtpEntry> entries = readAll(new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_8),
                listing);

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.UNPARSED);
            assertThat(entry.name()).isEqualTo("\udcff\udcfe x");
            assertThat(entry.nameBytes()).isEqualTo(Arrays.copyOf(listing, 4));
            assertThat(entry.nameCharset()).isEqualTo(StandardCharsets.UTF_8);
        });
    }

    @Test
    void entriesCarryTheConfiguredCharset() {
        Charset windows1252 = Charset.forName("windows-1252");
        byte[] listing = "-rw-r--r-- 1 u g 10 Mar  5 12:34 \u20ac\n".getBytes(windows1252);

        List<FtpEntry> entries = readAll(new ListingReader(AUTODETECT, StandardVerb.LIST, windows1252), listing);

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.name()).isEqualTo("\u20ac");
            assertThat(entry.nameCharset()).isEqualTo(windows1252);
            assertThat(entry.nameBytes()).containsExactly((byte) 0x80);
        });
    }

    @Test
    void mlsdListingsTryMlsdFirst() {
        List<FtpEntry> entries = readAll(StandardVerb.MLSD,
                "type=cdir;modify=20240305123456; .\r\ntype=file;size=3; a b\r\n");

        assertThat(names(entries)).containsExactly(".", "a b");
        assertThat(entries.get(1).size()).isEqualTo(3L);
    }

    @Test
    void anMlsdListingInListFormatIsStillRead() {
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.MLSD, StandardCharsets.UTF_8);
        List<FtpEntry> entries = readAll(reader,
                "-rw-r--r-- 1 u g 10 Mar  5 12:34 x\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(entries).singleElement().satisfies(entry -> assertThat(entry.type()).isEqualTo(EntryType.FILE));
        assertThat(reader.detectedFormat()).isEqualTo("unix");
    }

    @Test
    void listListingsDoNotTryMlsd() {
        List<FtpEntry> entries = readAll(StandardVerb.LIST, "type=file;size=3; a\n");

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.UNPARSED);
            assertThat(entry.name()).isEqualTo("type=file;size=3; a");
        });
    }

    @Test
    void unparsedLinesAreSurfacedNotDropped() {
        List<FtpEntry> entries = readAll(StandardVerb.LIST,
                "garbage first\n-rw-r--r-- 1 u g 10 Mar  5 12:34 ok\n  \nmore garbage\n");

        assertThat(entries).extracting(FtpEntry::type)
                .containsExactly(EntryType.UNPARSED, EntryType.FILE, EntryType.UNPARSED);
        assertThat(entries.get(0).rawLine()).isEqualTo("garbage first");
        assertThat(entries.get(2).name()).isEqualTo("more garbage");
    }

    @Test
    void theFirstEntryLineChoosesTheFormatAndOthersStillGetTheirTurn() {
        ListingParser shouting = new PrefixParser("shout", "!");
        ListingParser autodetect = ListingParsers.autodetect(OPTIONS, List.of(shouting));
        ListingReader reader = new ListingReader(autodetect, StandardVerb.LIST, StandardCharsets.UTF_8);

        List<FtpEntry> entries = readAll(reader, ("nothing understands this\n"
                + "-rw-r--r-- 1 u g 10 Mar  5 12:34 first\n"
                + "!loud\n"
                + "-rw-r--r-- 1 u g 10 Mar  5 12:34 second\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(reader.detectedFormat()).isEqualTo("unix");
        assertThat(names(entries)).containsExactly("nothing understands this", "first", "loud", "second");
        assertThat(entries.get(2).fact("parser")).isEqualTo("shout");
    }

    @Test
    void noiseRulesApplyOnlyToLinesTheChosenFormatRejects() {
        // A format that calls every line starting with "-" noise, which ls -l entries do too.
        ListingParser noisy = new PrefixParser("noisy", "#") {
            @Override
            public boolean isNoise(String line) {
                return line.startsWith("-");
            }
        };
        ListingParser autodetect = ListingParsers.autodetect(OPTIONS, List.of(noisy));

        List<FtpEntry> unixChosen = readAll(new ListingReader(autodetect, StandardVerb.LIST, StandardCharsets.UTF_8),
                "drwxr-xr-x 2 u g 1 Mar  5 12:34 d\n-rw-r--r-- 1 u g 10 Mar  5 12:34 f\n-\n"
                        .getBytes(StandardCharsets.US_ASCII));
        List<FtpEntry> noisyChosen = readAll(new ListingReader(autodetect, StandardVerb.LIST, StandardCharsets.UTF_8),
                "#mine\n-rw-r--r-- 1 u g 10 Mar  5 12:34 first\n#again\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(names(unixChosen)).as("unix parses its entries first; '-' alone is noise").containsExactly("d", "f");
        assertThat(names(noisyChosen)).as("the chosen format rejects the ls line, another calls it noise")
                .containsExactly("mine", "again");
    }

    @Test
    void aPlainParserReadsEveryLineItself() {
        ListingReader reader = new ListingReader(ListingParsers.mlsd(), StandardVerb.LIST, StandardCharsets.UTF_8);

        List<FtpEntry> entries = readAll(reader,
                "type=file; a\n-rw-r--r-- 1 u g 10 Mar  5 12:34 b\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(entries).extracting(FtpEntry::type).containsExactly(EntryType.FILE, EntryType.UNPARSED);
    }

    @Test
    void nlstListingsAreNamesWithSpacesKept() {
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.NLST, StandardCharsets.UTF_8);

        List<FtpEntry> entries = readAll(reader,
                "a.txt\r\n  leading\r\n\r\n   \r\n-rw-r--r-- 1 u g 1 Mar  5 12:34 x\r\ntotal 3\r\n"
                        .getBytes(StandardCharsets.US_ASCII));

        assertThat(names(entries)).containsExactly("a.txt", "  leading", "   ",
                "-rw-r--r-- 1 u g 1 Mar  5 12:34 x", "total 3");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.type()).isEqualTo(EntryType.OTHER));
        assertThat(reader.detectedFormat()).isEqualTo("nlst");
    }

    @Test
    void theReaderSetsTheRawLineWhateverTheParserSaid() {
        ListingParser forgetful = new ListingParser() {
            @Override
            public String name() {
                return "forgetful";
            }

            @Override
            public FtpEntry parse(String line) {
                return FtpEntry.builder("same", EntryType.FILE).build();
            }
        };

        List<FtpEntry> entries = readAll(new ListingReader(forgetful, StandardVerb.LIST, StandardCharsets.UTF_8),
                "one\ntwo\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(entries).extracting(FtpEntry::rawLine).containsExactly("one", "two");
    }

    @Test
    void aLineAtTheLimitPassesWithItsTerminator() {
        String line = "type=file; " + "n".repeat(19);
        for (String terminator : List.of("\r\n", "\n", "\r", "")) {
            ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.MLSD, StandardCharsets.UTF_8, 30);
            List<FtpEntry> entries = new ArrayList<>();
            byte[] bytes = (line + terminator).getBytes(StandardCharsets.US_ASCII);
            for (byte b : bytes) {
                reader.feed(new byte[] {b}, entries::add);
            }
            reader.finish(entries::add);
            assertThat(names(entries)).as("terminator %s", terminator.replace("\r", "CR").replace("\n", "LF"))
                    .containsExactly("n".repeat(19));
        }
    }

    @Test
    void aLineOverTheLimitIsAProtocolError() {
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_8, 30);
        List<FtpEntry> entries = new ArrayList<>();
        reader.feed("short line\n".getBytes(StandardCharsets.US_ASCII), entries::add);
        reader.feed("x".repeat(20).getBytes(StandardCharsets.US_ASCII), entries::add);

        assertThatThrownBy(() -> reader.feed("y".repeat(11).getBytes(StandardCharsets.US_ASCII), entries::add))
                .isInstanceOf(FtpProtocolException.class)
                .hasMessageContaining("longer than 30 bytes")
                .hasMessageContaining("xxxxxxxxxxy");
        assertThat(entries).hasSize(1);
        assertThatThrownBy(() -> reader.feed(new byte[] {'\n'}, entries::add))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed");
        assertThatThrownBy(() -> reader.finish(entries::add)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCarriageReturnBeyondTheLimitMustBeFollowedByLineFeed() {
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_8, 10);
        reader.feed("0123456789\r".getBytes(StandardCharsets.US_ASCII), entry -> { });

        assertThatThrownBy(() -> reader.feed("z".getBytes(StandardCharsets.US_ASCII), entry -> { }))
                .isInstanceOf(FtpProtocolException.class)
                .hasMessageContaining("0123456789\\x0Dz");
    }

    @Test
    void aLongLineFailsWithinOneFeed() {
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_8);
        byte[] huge = new byte[ListingReader.DEFAULT_MAX_LINE_LENGTH + 2];
        Arrays.fill(huge, (byte) 'a');

        assertThatThrownBy(() -> reader.feed(huge, entry -> { }))
                .isInstanceOf(FtpProtocolException.class)
                .hasMessageContaining("longer than 65536 bytes");
    }

    @Test
    void aFinishedReaderTakesNoMoreBytes() {
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_8);
        reader.finish(entry -> { });

        assertThatThrownBy(() -> reader.feed(new byte[] {'a'}, entry -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
        assertThatThrownBy(() -> reader.finish(entry -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
    }

    @Test
    void aFailingSinkLeavesTheReaderFailed() {
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.NLST, StandardCharsets.UTF_8);
        RuntimeException boom = new RuntimeException("boom");

        assertThatThrownBy(() -> reader.feed("a\nb\n".getBytes(StandardCharsets.US_ASCII), entry -> {
            throw boom;
        })).isSameAs(boom);
        assertThatThrownBy(() -> reader.feed("c\n".getBytes(StandardCharsets.US_ASCII), entry -> { }))
                .isInstanceOf(IllegalStateException.class);

        ListingReader finishing = new ListingReader(AUTODETECT, StandardVerb.NLST, StandardCharsets.UTF_8);
        finishing.feed("last".getBytes(StandardCharsets.US_ASCII), entry -> { });
        assertThatThrownBy(() -> finishing.finish(entry -> {
            throw boom;
        })).isSameAs(boom);
        assertThatThrownBy(() -> finishing.finish(entry -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed");
    }

    @Test
    void rejectsCharsetsThatDoNotEncodeAsciiAsAscii() {
        assertThatThrownBy(() -> new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-16");
        assertThatThrownBy(() -> new ListingReader(AUTODETECT, StandardVerb.LIST, Charset.forName("IBM037")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLineLength");
    }

    @Test
    void detectsNothingBeforeAnEntry() {
        ListingReader reader = new ListingReader(AUTODETECT, StandardVerb.LIST, StandardCharsets.UTF_8);
        reader.feed("total 0\n".getBytes(StandardCharsets.US_ASCII), entry -> { });
        assertThat(reader.detectedFormat()).isNull();
    }

    /** A toy format: lines starting with a prefix are files named by the rest. */
    private static class PrefixParser implements ListingParser {
        private final String name;
        private final String prefix;

        PrefixParser(String name, String prefix) {
            this.name = name;
            this.prefix = prefix;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public @Nullable FtpEntry parse(String line) {
            if (!line.startsWith(prefix) || line.length() == prefix.length()) {
                return null;
            }
            return FtpEntry.builder(line.substring(prefix.length()), EntryType.FILE)
                    .fact("parser", name).rawLine(line).build();
        }
    }
}
