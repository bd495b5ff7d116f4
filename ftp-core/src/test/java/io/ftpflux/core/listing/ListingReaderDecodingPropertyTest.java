package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.command.NameCodec;
import io.ftpflux.core.command.StandardVerb;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link ListingReader}'s fast ways of decoding a line give what {@link NameCodec#decode} gives, escapes included. */
class ListingReaderDecodingPropertyTest {

    /**
     * Lines without CR or LF: valid UTF-8 of any code point (U+FFFD and supplementary ones included), and bytes that
     * are not UTF-8 (lone continuation bytes, truncated sequences, encoded surrogates, overlong forms), mixed.
     */
    @Provide
    Arbitrary<byte[]> lines() {
        Arbitrary<byte[]> text = Arbitraries.strings().withCharRange('\u0020', '\u00ff')
                .withCharRange('\ufff0', '\uffff').withCharRange('\u4e00', '\u4e20')
                .withChars("\ud83d\ude00\ud800".toCharArray()).ofMaxLength(8)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> notUtf8 = Arbitraries.of(
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xFF});
        Arbitrary<byte[]> anyBytes = Arbitraries.bytes().filter(b -> b != '\n' && b != '\r')
                .array(byte[].class).ofMaxSize(12);
        return Arbitraries.oneOf(text, notUtf8, anyBytes).list().ofMinSize(1).ofMaxSize(4).map(pieces -> {
            List<Byte> joined = new ArrayList<>();
            for (byte b : "x".getBytes(StandardCharsets.US_ASCII)) {
                joined.add(b);
            }
            for (byte[] piece : pieces) {
                for (byte b : piece) {
                    joined.add(b);
                }
            }
            byte[] line = new byte[joined.size()];
            for (int i = 0; i < line.length; i++) {
                line[i] = joined.get(i);
            }
            return line;
        });
    }

    @Provide
    Arbitrary<Charset> charsets() {
        return Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"));
    }

    @Property(tries = 1000)
    void eachLineDecodesAsNameCodecDecodesIt(@ForAll("lines") byte[] line, @ForAll("charsets") Charset charset) {
        byte[] listing = new byte[line.length + 2];
        System.arraycopy(line, 0, listing, 0, line.length);
        listing[line.length] = '\r';
        listing[line.length + 1] = '\n';
        ListingReader reader = new ListingReader(ListingParsers.nlst(), StandardVerb.NLST, charset);

        List<FtpEntry> entries = ListingReaderTest.readAll(reader, listing);

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).rawLine()).isEqualTo(NameCodec.decode(line, charset));
        assertThat(entries.get(0).nameBytes()).isEqualTo(line);
    }
}
