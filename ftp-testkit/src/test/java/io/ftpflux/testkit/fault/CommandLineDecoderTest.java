package io.ftpflux.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CommandLineDecoderTest {

    private static List<CommandLineDecoder.Line> feed(CommandLineDecoder decoder, byte[] bytes) {
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        try {
            List<CommandLineDecoder.Line> lines = decoder.feed(buffer);
            assertThat(buffer.readableBytes()).isZero();
            return lines;
        } finally {
            buffer.release();
        }
    }

    private static List<String> texts(List<CommandLineDecoder.Line> lines) {
        return lines.stream().map(CommandLineDecoder.Line::text).toList();
    }

    @Test
    void splitsOnCrlfAndOnBareLf() {
        CommandLineDecoder decoder = new CommandLineDecoder(StandardCharsets.UTF_8);
        byte[] input = "USER a\r\nPASS b\nNOOP\r\n\r\nPARTIAL".getBytes(StandardCharsets.UTF_8);
        assertThat(texts(feed(decoder, input))).containsExactly("USER a", "PASS b", "NOOP", "");
        assertThat(texts(feed(decoder, " LINE\r\n".getBytes(StandardCharsets.UTF_8)))).containsExactly("PARTIAL LINE");
    }

    @Test
    void yieldsTheSameLinesWhereverTheInputIsSplit() {
        byte[] input = "RETR a b\r\nSTOR \u00e9t\u00e9\nABOR\r\nX\r".getBytes(StandardCharsets.UTF_8);
        for (int first = 0; first <= input.length; first++) {
            for (int second = first; second <= input.length; second++) {
                CommandLineDecoder decoder = new CommandLineDecoder(StandardCharsets.UTF_8);
                List<String> lines = new ArrayList<>();
                lines.addAll(texts(feed(decoder, java.util.Arrays.copyOfRange(input, 0, first))));
                lines.addAll(texts(feed(decoder, java.util.Arrays.copyOfRange(input, first, second))));
                lines.addAll(texts(feed(decoder, java.util.Arrays.copyOfRange(input, second, input.length))));
                assertThat(lines).as("split at %d and %d", first, second)
                        .containsExactly("RETR a b", "STOR \u00e9t\u00e9", "ABOR");
            }
        }
    }

    @Test
    void removesTelnetCommandsAndKeepsAnEscapedIac() {
        CommandLineDecoder decoder = new CommandLineDecoder(StandardCharsets.UTF_8);
        byte[] input = {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2, 'A', 'B', 'O', 'R', '\r', '\n',
            (byte) 0xFF, (byte) 0xFD, 0x01, 'N', 'O', 'O', 'P', '\n',
            'X', (byte) 0xFF, (byte) 0xFF, '\n'};
        assertThat(texts(feed(decoder, input))).containsExactly("ABOR", "NOOP", "X\uFFFD");
    }

    @Test
    void inIso88591EachByteIsOneCharSoNamesKeepTheirBytes() {
        CommandLineDecoder decoder = new CommandLineDecoder(StandardCharsets.ISO_8859_1);
        byte[] input = {'R', 'E', 'T', 'R', ' ', 'c', 'a', 'f', (byte) 0xE9, (byte) 0x93, (byte) 0xFA, (byte) 0xFF,
            (byte) 0xFF, '\r', '\n'};
        assertThat(texts(feed(decoder, input))).containsExactly("RETR caf\u00e9\u0093\u00fa\u00ff");
    }

    @Test
    void cutsAnOverlongLineAndFlagsIt() {
        CommandLineDecoder decoder = new CommandLineDecoder(StandardCharsets.UTF_8);
        byte[] input = ("A".repeat(CommandLineDecoder.MAX_LINE + 10) + "\r\nNOOP\r\n").getBytes(StandardCharsets.UTF_8);
        List<CommandLineDecoder.Line> lines = feed(decoder, input);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).truncated()).isTrue();
        assertThat(lines.get(0).text()).hasSize(CommandLineDecoder.MAX_LINE);
        assertThat(lines.get(1)).isEqualTo(new CommandLineDecoder.Line("NOOP", false));
    }

    @Test
    void parsesVerbAndArgumentAndHidesSecrets() {
        ReceivedCommand retr = ReceivedCommand.parse(3, 2, "retr  two spaces", java.time.Instant.EPOCH);
        assertThat(retr.verb()).isEqualTo("RETR");
        assertThat(retr.argument()).isEqualTo(" two spaces");
        assertThat(retr.is("Retr")).isTrue();
        assertThat(retr).hasToString("#3 [connection 2] retr  two spaces");
        assertThat(ReceivedCommand.parse(1, 1, "", java.time.Instant.EPOCH).verb()).isEmpty();
        assertThat(ReceivedCommand.parse(1, 1, "ACCT secret", java.time.Instant.EPOCH)).hasToString("#1 [connection 1] ACCT ****");
        assertThat(ReceivedCommand.parse(1, 1, "PASS", java.time.Instant.EPOCH)).hasToString("#1 [connection 1] PASS");
    }
}
