package io.ftpflux.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpUnsafeArgumentException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameCodecTest {

    private static final Charset UTF_8 = StandardCharsets.UTF_8;
    private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void validUtf8DecodesNormally() {
        byte[] bytes = "r\u00e9sum\u00e9 \u2713 \ud83d\ude00.txt".getBytes(UTF_8);

        String name = NameCodec.decode(bytes, UTF_8);

        assertThat(name).isEqualTo("r\u00e9sum\u00e9 \u2713 \ud83d\ude00.txt");
        assertThat(NameCodec.isEscaped(name)).isFalse();
        assertThat(NameCodec.encode(name, UTF_8)).isEqualTo(bytes);
    }

    @Test
    void aLatin1ByteInUtf8BecomesOneEscapeAndGoesBackAsThatByte() {
        byte[] bytes = hex("636166e92e747874");   // caf\xE9.txt

        String name = NameCodec.decode(bytes, UTF_8);

        assertThat(name).isEqualTo("caf\udce9.txt");
        assertThat(NameCodec.isEscaped(name)).isTrue();
        assertThat(NameCodec.encode(name, UTF_8)).isEqualTo(bytes);
        assertThat(NameCodec.encode("/pub/" + name, UTF_8)).isEqualTo(hex("2f7075622f636166e92e747874"));
    }

    @Test
    void shiftJisInUtf8IsEscapedByteByByteAndValidPartsStayReadable() {
        byte[] sjis = "\u65e5\u672c.txt".getBytes(SHIFT_JIS);   // 93fa 967b
        byte[] mixed = new byte[sjis.length + 3];
        System.arraycopy("\u00e9".getBytes(UTF_8), 0, mixed, 0, 2);
        mixed[2] = '-';
        System.arraycopy(sjis, 0, mixed, 3, sjis.length);

        String name = NameCodec.decode(mixed, UTF_8);

        assertThat(name).isEqualTo("\u00e9-\udc93\udcfa\udc96{.txt");   // 7B is ASCII '{', never escaped
        assertThat(NameCodec.encode(name, UTF_8)).isEqualTo(mixed);
        assertThat(NameCodec.decode(sjis, SHIFT_JIS)).isEqualTo("\u65e5\u672c.txt");
    }

    @Test
    void onlyTheFirstByteOfAnInvalidSequenceIsEscaped() {
        // E3 starts a three-byte sequence; 41 is 'A', which must not be swallowed with it.
        assertThat(NameCodec.decode(hex("e341"), UTF_8)).isEqualTo("\udce3A");
        // A sequence cut short at the end: each byte is escaped.
        assertThat(NameCodec.decode(hex("61e381"), UTF_8)).isEqualTo("a\udce3\udc81");
        // UTF-8 of a surrogate (CESU) and an overlong slash are not UTF-8: escaped, so they round-trip.
        assertThat(NameCodec.decode(hex("eda080"), UTF_8)).isEqualTo("\udced\udca0\udc80");
        assertThat(NameCodec.decode(hex("c0af"), UTF_8)).isEqualTo("\udcc0\udcaf");
    }

    @Test
    void decodingConsumesTheBufferFromItsPosition() {
        ByteBuffer buffer = ByteBuffer.wrap(hex("78792fe9"));
        buffer.position(2);

        assertThat(NameCodec.decode(buffer, UTF_8)).isEqualTo("/\udce9");
        assertThat(buffer.hasRemaining()).isFalse();
        assertThat(NameCodec.decode(hex("7879e97a"), 1, 2, UTF_8)).isEqualTo("y\udce9");
    }

    @Test
    void aLongNameGrowsTheBuffer() {
        String name = "\ud83d\ude00".repeat(5000) + "\u00e9";
        byte[] bytes = name.getBytes(UTF_8);
        bytes[bytes.length - 1] = (byte) 0xFF;

        String decoded = NameCodec.decode(bytes, UTF_8);

        assertThat(decoded).isEqualTo("\ud83d\ude00".repeat(5000) + "\udcc3\udcff");
        assertThat(NameCodec.encode(decoded, UTF_8)).isEqualTo(bytes);
    }

    @Test
    void aPairedLowSurrogateIsACharacterNotAnEscape() {
        String pair = "\ud800\udc80";   // U+10080, a valid character whose low half is in the escape range

        assertThat(NameCodec.isEscaped(pair)).isFalse();
        assertThat(NameCodec.encode(pair, UTF_8)).isEqualTo(hex("f0908280"));
        assertThat(NameCodec.encode("\udc80" + pair + "\udcff", UTF_8)).isEqualTo(hex("80f0908280ff"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udbffb", "\udc7f", "\udd00", "x\udfff", "\ude00\ud83d"})
    void aLoneSurrogateThatIsNoEscapeIsRefused(String text) {
        assertThatThrownBy(() -> NameCodec.encode(text, UTF_8))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageContaining("lone surrogate");
    }

    @Test
    void aCharacterTheCharsetCannotEncodeIsRefusedNotSentAsAQuestionMark() {
        assertThatThrownBy(() -> NameCodec.encode("price-\u20ac.txt", StandardCharsets.ISO_8859_1))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageContaining("ISO-8859-1")
                .hasMessageContaining("'?'");
    }

    @Test
    void asciiCompatibleCharsetsOnly() {
        assertThatIllegalArgumentException().isThrownBy(() -> NameCodec.decode(new byte[] {'a'}, StandardCharsets.UTF_16))
                .withMessageContaining("UTF-16");
        assertThatIllegalArgumentException().isThrownBy(() -> NameCodec.encode("a", Charset.forName("ISO-2022-JP")))
                .withMessageContaining("ISO-2022-JP");
        assertThat(NameCodec.requireAsciiCompatible(SHIFT_JIS)).isSameAs(SHIFT_JIS);
    }

    @Test
    void inLatin1EveryByteDecodesSoNothingIsEscaped() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }

        String text = NameCodec.decode(all, StandardCharsets.ISO_8859_1);

        assertThat(NameCodec.isEscaped(text)).isFalse();
        assertThat(NameCodec.encode(text, StandardCharsets.ISO_8859_1)).isEqualTo(all);
    }

    @Test
    void windows31jIsNotLosslessForItsDuplicateRows() {
        // Documented: windows-31j decodes the NEC row 87 90 and the JIS 81 E0 both to U+2252, and encodes 81 E0.
        Charset windows31j = Charset.forName("windows-31j");

        String decoded = NameCodec.decode(hex("8790"), windows31j);

        assertThat(decoded).isEqualTo("\u2252");
        assertThat(NameCodec.encode(decoded, windows31j)).isEqualTo(hex("81e0"));
    }
}
