package io.ftpflux.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NetworkAsciiTest {

    /** Decodes the input cut into pieces at the given positions, then finishes. */
    static byte[] decode(NetworkAsciiDecoder decoder, byte[] input, int... cuts) {
        ByteBuffer out = ByteBuffer.allocate(NetworkAsciiDecoder.maxDecodedLength(input.length));
        int from = 0;
        for (int cut : cuts) {
            decoder.decode(ByteBuffer.wrap(input, from, cut - from), out);
            from = cut;
        }
        decoder.decode(ByteBuffer.wrap(input, from, input.length - from), out);
        decoder.finish(out);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    static byte[] encode(byte[] input, int... cuts) {
        NetworkAsciiEncoder encoder = new NetworkAsciiEncoder();
        ByteBuffer out = ByteBuffer.allocate(NetworkAsciiEncoder.maxEncodedLength(input.length));
        int from = 0;
        for (int cut : cuts) {
            encoder.encode(ByteBuffer.wrap(input, from, cut - from), out);
            from = cut;
        }
        encoder.encode(ByteBuffer.wrap(input, from, input.length - from), out);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'a\r\nb\r\n'      | 'a\nb\n'",
            "'a\rb'            | 'a\rb'",
            "'a\nb'            | 'a\nb'",
            "'\r\r\n'          | '\r\n'",
            "'\r\n\r\n'        | '\n\n'",
            "'a\r'             | 'a\r'",
            "'\r'              | '\r'",
            "'\n\r'            | '\n\r'",
            "'\r\r\r\n\n'      | '\r\r\n\n'",
            "''                | ''",
            "'é\r\nü'          | 'é\nü'",
    })
    void decodesEverySplitOfTrickyInputsAsTheWhole(String network, String local) {
        byte[] input = bytes(network);
        assertThat(text(decode(new NetworkAsciiDecoder(), input))).isEqualTo(local);
        for (int cut = 0; cut <= input.length; cut++) {
            assertThat(text(decode(new NetworkAsciiDecoder(), input, cut))).as("cut at %d", cut).isEqualTo(local);
            for (int second = cut; second <= input.length; second++) {
                assertThat(text(decode(new NetworkAsciiDecoder(), input, cut, second)))
                        .as("cuts at %d and %d", cut, second).isEqualTo(local);
            }
        }
    }

    @Test
    void decodesToTheConfiguredSeparator() {
        byte[] input = bytes("a\r\nb\rc\nd\r\n");
        assertThat(text(decode(new NetworkAsciiDecoder("\r\n"), input, 2))).isEqualTo("a\r\nb\rc\nd\r\n");
        assertThat(text(decode(new NetworkAsciiDecoder("\r"), input, 2))).isEqualTo("a\rb\rc\nd\r");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "x", "\u2028", "\n\r"})
    void refusesOtherSeparators(String separator) {
        assertThatThrownBy(() -> new NetworkAsciiDecoder(separator))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LF, CRLF or CR");
    }

    @Test
    void holdsBackATrailingCrUntilFinish() {
        NetworkAsciiDecoder decoder = new NetworkAsciiDecoder();
        ByteBuffer out = ByteBuffer.allocate(8);
        assertThat(decoder.decode(ByteBuffer.wrap(bytes("ab\r")), out)).isEqualTo(2);
        assertThat(decoder.hasPendingCr()).isTrue();
        assertThat(decoder.finish(out)).isEqualTo(1);
        assertThat(decoder.hasPendingCr()).isFalse();
        assertThat(decoder.finish(out)).isZero();
        assertThat(text(java.util.Arrays.copyOf(out.array(), out.position()))).isEqualTo("ab\r");
    }

    @Test
    void finishWithoutRoomForTheHeldCrOverflows() {
        NetworkAsciiDecoder decoder = new NetworkAsciiDecoder();
        decoder.decode(ByteBuffer.wrap(bytes("\r")), ByteBuffer.allocate(2));
        assertThatThrownBy(() -> decoder.finish(ByteBuffer.allocate(0))).isInstanceOf(BufferOverflowException.class);
        assertThat(decoder.hasPendingCr()).isTrue();
    }

    @Test
    void refusesAnOutputTooSmallWithoutConsumingAnything() {
        ByteBuffer in = ByteBuffer.wrap(bytes("abc"));
        assertThatThrownBy(() -> new NetworkAsciiDecoder().decode(in, ByteBuffer.allocate(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 4");
        assertThat(in.remaining()).isEqualTo(3);
        assertThatThrownBy(() -> new NetworkAsciiEncoder().encode(in, ByteBuffer.allocate(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 6");
        assertThat(in.remaining()).isEqualTo(3);
    }

    @Test
    void refusesNegativeLengths() {
        assertThatThrownBy(() -> NetworkAsciiDecoder.maxDecodedLength(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkAsciiEncoder.maxEncodedLength(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'a\nb\n'          | 'a\r\nb\r\n'",
            "'a\r\nb'          | 'a\r\nb'",
            "'a\rb'            | 'a\rb'",
            "'\n\n'            | '\r\n\r\n'",
            "'\r\r\n'          | '\r\r\n'",
            "'\n\r'            | '\r\n\r'",
            "''                | ''",
            "'é\nü'            | 'é\r\nü'",
    })
    void encodesEverySplitOfTrickyInputsAsTheWhole(String local, String network) {
        byte[] input = bytes(local);
        for (int cut = 0; cut <= input.length; cut++) {
            assertThat(text(encode(input, cut))).as("cut at %d", cut).isEqualTo(network);
            for (int second = cut; second <= input.length; second++) {
                assertThat(text(encode(input, cut, second))).as("cuts at %d and %d", cut, second).isEqualTo(network);
            }
        }
    }

    @Test
    void encodeReportsTheBytesWritten() {
        ByteBuffer out = ByteBuffer.allocate(8);
        assertThat(new NetworkAsciiEncoder().encode(ByteBuffer.wrap(bytes("a\nb")), out)).isEqualTo(4);
        assertThat(out.position()).isEqualTo(4);
    }
}
