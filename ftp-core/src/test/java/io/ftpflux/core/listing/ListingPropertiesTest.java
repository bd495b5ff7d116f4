package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.command.NameCodec;
import io.ftpflux.core.command.StandardVerb;
import io.ftpflux.core.command.Verb;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of parsing and reading listings: nothing but {@link FtpProtocolException} escapes, no line is
 * lost or duplicated, raw lines survive byte for byte, chunking does not matter.
 */
class ListingPropertiesTest {

    private static final ListingOptions OPTIONS = new ListingOptions(
            Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC,
            List.of(Locale.GERMAN, Locale.FRENCH));
    private static final ListingParser AUTODETECT = ListingParsers.autodetect(OPTIONS);

    @Property(tries = 600)
    void parsersNeverThrowAndKeepTheRawLine(@ForAll("lines") String line, @ForAll("clocks") Instant now) {
        ListingOptions options = OPTIONS.withClock(Clock.fixed(now, ZoneOffset.UTC));
        for (ListingParser parser : List.of(ListingParsers.mlsd(), ListingParsers.unix(options),
                ListingParsers.nlst(), ListingParsers.autodetect(options))) {
            parser.isNoise(line);
            FtpEntry entry = parser.parse(line);
            if (entry != null) {
                assertThat(entry.rawLine()).as(parser.name()).isEqualTo(line);
                assertThat(entry.type()).isNotEqualTo(EntryType.UNPARSED);
            }
        }
    }

    @Property(tries = 300)
    void readerYieldsOneEntryPerNonNoiseLine(@ForAll("listings") byte[] listing,
            @ForAll("verbs") Verb command, @ForAll("limits") int maxLineLength,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        ListingReader reader = new ListingReader(AUTODETECT, command, StandardCharsets.UTF_8, maxLineLength);
        List<FtpEntry> entries = new ArrayList<>();
        List<byte[]> lines = splitLines(listing);
        boolean tooLong = lines.stream().anyMatch(line -> line.length > maxLineLength);
        try {
            feedInChunks(reader, listing, chunkSizes, entries);
            reader.finish(entries::add);
        } catch (FtpProtocolException expected) {
            assertThat(tooLong).as("failed only for a line over the limit: %s", expected.getMessage()).isTrue();
            return;
        } catch (RuntimeException unexpected) {
            fail("only FtpProtocolException may escape", unexpected);
        }
        assertThat(tooLong).as("a line over the limit must fail").isFalse();

        ListingParser noise = command == StandardVerb.NLST ? ListingParsers.nlst() : AUTODETECT;
        int next = 0;
        for (byte[] bytes : lines) {
            String text = decode(bytes);
            if (next < entries.size() && entries.get(next).rawLine().equals(text)) {
                FtpEntry entry = entries.get(next++);
                assertThat(NameCodec.encode(entry.rawLine(), entry.nameCharset())).as("raw line bytes")
                        .isEqualTo(bytes);
            } else {
                assertThat(noise.isNoise(text)).as("line without entry must be noise: %s", text).isTrue();
            }
        }
        assertThat(next).as("every entry belongs to a line, in order").isEqualTo(entries.size());
    }

    @Property(tries = 100)
    void chunkingDoesNotChangeTheEntries(@ForAll("listings") byte[] listing, @ForAll("verbs") Verb command,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        List<FtpEntry> whole = new ArrayList<>();
        ListingReader wholeReader = new ListingReader(AUTODETECT, command, StandardCharsets.UTF_8);
        wholeReader.feed(listing, whole::add);
        wholeReader.finish(whole::add);

        List<FtpEntry> chunked = new ArrayList<>();
        ListingReader chunkedReader = new ListingReader(AUTODETECT, command, StandardCharsets.UTF_8);
        feedInChunks(chunkedReader, listing, chunkSizes, chunked);
        chunkedReader.finish(chunked::add);

        assertThat(chunked).isEqualTo(whole);
    }

    private static void feedInChunks(ListingReader reader, byte[] listing, List<Integer> chunkSizes,
            List<FtpEntry> entries) {
        int position = 0;
        int chunk = 0;
        while (position < listing.length) {
            int size = Math.min(listing.length - position, chunkSizes.get(chunk++ % chunkSizes.size()));
            if (chunk % 2 == 0) {
                reader.feed(Arrays.copyOfRange(listing, position, position + size), entries::add);
            } else {
                reader.feed(ByteBuffer.wrap(listing, position, size), entries::add);
            }
            position += size;
        }
    }

    /** The lines as the reader must see them: split at LF, one CR before it dropped, a last unterminated line. */
    private static List<byte[]> splitLines(byte[] listing) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= listing.length; i++) {
            if (i == listing.length && start == i) {
                break;
            }
            if (i == listing.length || listing[i] == '\n') {
                int end = i > start && listing[i - 1] == '\r' ? i - 1 : i;
                lines.add(Arrays.copyOfRange(listing, start, end));
                start = i + 1;
            }
        }
        return lines;
    }

    private static String decode(byte[] bytes) {
        return NameCodec.decode(bytes, StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<Instant> clocks() {
        // 1970 to 2100, where leap years and year boundaries vary.
        return Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Integer> limits() {
        // Mostly above every generated line; sometimes so small that lines break it.
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(1, 40)),
                Tuple.of(3, Arbitraries.integers().between(200, 10_000)));
    }

    @Provide
    Arbitrary<Verb> verbs() {
        return Arbitraries.of(StandardVerb.LIST, StandardVerb.MLSD, StandardVerb.NLST, StandardVerb.STAT);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(120),
                Arbitraries.strings().withChars(" \t;=:-,.[]+@>drwxlbcpsStT0123456789").ofMaxLength(80),
                unixLikeLines(),
                mlsdLikeLines());
    }

    @Provide
    Arbitrary<byte[]> listings() {
        Arbitrary<byte[]> line = Arbitraries.oneOf(
                lines().map(text -> text.replace("\n", "").replace("\r", "").getBytes(StandardCharsets.UTF_8)),
                unixLikeLines().map(text -> text.getBytes(StandardCharsets.ISO_8859_1)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
        Arbitrary<String> terminator = Arbitraries.of("\n", "\r\n", "\r\n", "\r", "");
        return Combinators.combine(line, terminator).as((bytes, end) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(bytes);
            out.writeBytes(end.getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }).list().ofMaxSize(12).map(parts -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    /**
     * {@code ls -l} lines column by column, each column drawn from valid and broken forms, so that many lines
     * parse and the rest fail at every column in turn.
     */
    private static Arbitrary<String> unixLikeLines() {
        Arbitrary<String> mode = Arbitraries.of("-rw-r--r--", "drwxr-xr-x+", "lrwxrwxrwx", "crw-rw-rw-", "-rwsr-S--T",
                "d [RWCEAFMS]", "- [R----F--]", "-rwxrwxrwz", "total");
        Arbitrary<String> owners = Arbitraries.of("", "1", "12 root", "1 1000 1000", "user staff", "1 jan 100",
                "1 a b c", "supervisor");
        Arbitrary<String> size = Arbitraries.of("0", "1234", "9223372036854775807", "99999999999999999999", "1, 3",
                "8,1", "x", "136,");
        Arbitrary<String> date = Arbitraries.of("Mar  5 12:34", "Feb 29 10:00", "Dez 24  2023", "févr. 29 10:00",
                "5. Mär 12:34", "2024-02-29 23:59", "2023-02-29 10:00", "2024-03-05 12:34:56.123456789 +0100",
                "Mar  5 12:34:56 2021", "Feb 30 10:00", "Mar  5 25:00", "Jan  1  1970", "Mai 31 9:05");
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("x", " lead", "a -> b", "with  spaces", "", " "),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> gap = Arbitraries.of(" ", "  ", "   ", "\t");
        return Combinators.combine(mode, owners, size, date, name, gap, gap)
                .as((m, o, s, d, n, gap1, gap2) -> m + gap1 + (o.isEmpty() ? "" : o + gap2) + s + gap1 + d + " " + n);
    }

    private static Arbitrary<String> mlsdLikeLines() {
        Arbitrary<String> fact = Arbitraries.oneOf(
                Arbitraries.of("type=file", "type=dir", "Type=cdir", "type=OS.unix=slink:/t", "type=OS.unix=slink:",
                        "size=12", "size=-1", "sizd=99999999999999999999", "modify=20240229120000",
                        "modify=20241301000000.5", "modify=2024", "perm=adfrw", "UNIX.mode=0755", "UNIX.mode=x",
                        "=", "x", ""),
                Arbitraries.strings().ofMaxLength(8).map(value -> "f=" + value));
        return Combinators.combine(fact.list().ofMaxSize(5), Arbitraries.of("; ", ";", " ", ";  "),
                Arbitraries.strings().ofMaxLength(10))
                .as((facts, separator, name) -> String.join(";", facts) + separator + name);
    }
}
