package io.ftpflux.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The round trips {@link NameCodec} promises, for the charsets it promises them for. */
class NameCodecPropertyTest {

    @Provide
    Arbitrary<Charset> losslessCharsets() {
        return Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"),
                Charset.forName("Shift_JIS"));
    }

    /** Any bytes, weighted towards the high half and towards valid UTF-8 and Shift_JIS pieces. */
    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<byte[]> highBytes = Arbitraries.bytes().between((byte) 0x80, (byte) 0xFF)
                .array(byte[].class).ofMaxSize(20);
        Arbitrary<byte[]> mixedText = Arbitraries.strings().withCharRange('\u0020', '\u00ff')
                .withCharRange('\u3040', '\u30ff').withCharRange('\u4e00', '\u4fff').ofMaxLength(12)
                .flatMap(text -> Arbitraries.of(StandardCharsets.UTF_8, Charset.forName("Shift_JIS"))
                        .map(charset -> text.getBytes(charset)));
        Arbitrary<byte[]> piece = Arbitraries.oneOf(anyBytes, highBytes, mixedText);
        return piece.list().ofMaxSize(3).map(pieces -> {
            int length = pieces.stream().mapToInt(p -> p.length).sum();
            byte[] joined = new byte[length];
            int at = 0;
            for (byte[] p : pieces) {
                System.arraycopy(p, 0, joined, at, p.length);
                at += p.length;
            }
            return joined;
        });
    }

    @Property(tries = 1000)
    void anyBytesEncodeBackExactly(@ForAll("bytes") byte[] bytes, @ForAll("losslessCharsets") Charset charset) {
        String decoded = NameCodec.decode(bytes, charset);

        assertThat(NameCodec.encode(decoded, charset)).isEqualTo(bytes);
        assertThat(NameCodec.indexOfUnencodableSurrogate(decoded)).isEqualTo(-1);
    }

    @Property(tries = 500)
    void bytesBelow0x80AreNeverEscaped(@ForAll("bytes") byte[] bytes, @ForAll("losslessCharsets") Charset charset) {
        String decoded = NameCodec.decode(bytes, charset);

        long escapes = decoded.chars().filter(c -> c >= 0xDC80 && c <= 0xDCFF).count();
        long highBytes = 0;
        for (byte b : bytes) {
            highBytes += b < 0 ? 1 : 0;
        }
        assertThat(escapes).isLessThanOrEqualTo(highBytes);
    }

    @Property(tries = 500)
    void anyUtf8TextWithoutLoneSurrogatesDecodesBackExactly(@ForAll("utf8Text") String text) {
        assertThat(NameCodec.decode(NameCodec.encode(text, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo(text);
        assertThat(NameCodec.isEscaped(text)).isFalse();
    }

    @Property(tries = 300)
    void anyShiftJisTextDecodesBackExactly(@ForAll("shiftJisText") String text) {
        Charset shiftJis = Charset.forName("Shift_JIS");
        assertThat(NameCodec.decode(NameCodec.encode(text, shiftJis), shiftJis)).isEqualTo(text);
    }

    /** Any text without lone surrogates: the code points of every plane but the surrogate block. */
    @Provide
    Arbitrary<String> utf8Text() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(20)
                .map(cps -> {
                    StringBuilder text = new StringBuilder();
                    cps.forEach(text::appendCodePoint);
                    return text.toString();
                });
    }

    /** Text Shift_JIS can encode: ASCII, half-width katakana, hiragana, katakana and common kanji. */
    @Provide
    Arbitrary<String> shiftJisText() {
        Charset shiftJis = Charset.forName("Shift_JIS");
        return Arbitraries.strings().withCharRange('\u0000', '\u007f').withCharRange('\uff61', '\uff9f')
                .withCharRange('\u3041', '\u3093').withCharRange('\u30a1', '\u30f6').withCharRange('\u4e00', '\u4fff')
                .ofMaxLength(20)
                .filter(text -> shiftJis.newEncoder().canEncode(text));
    }
}
