package io.ftpflux.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.command.NameCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyAssemblerTest {

    private static FtpReply reply(int code, String... lines) {
        return new FtpReply(ReplyCode.of(code), List.of(lines));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<FtpReply> feedAll(ReplyAssembler assembler, byte[] bytes) {
        List<FtpReply> out = new ArrayList<>();
        assembler.feed(bytes, 0, bytes.length, out::add);
        return out;
    }

    private static List<FtpReply> feedChunks(byte[] bytes, int... cuts) {
        ReplyAssembler assembler = new ReplyAssembler();
        List<FtpReply> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            assembler.feed(bytes, from, cut - from, out::add);
            from = cut;
        }
        assembler.feed(bytes, from, bytes.length - from, out::add);
        assertThat(assembler.hasPartialReply()).isFalse();
        assertThat(assembler.bufferedBytes()).isZero();
        return out;
    }

    static Stream<Arguments> trickyInputs() {
        return Stream.of(
                Arguments.of("greeting with 230 and 220- lines inside",
                        ascii("220-Welcome\r\n230 not the end\r\n220-still text\r\n 220 indented\r\n2200 no\r\n"
                                + "220x no\r\n220 ready\r\n"),
                        List.of(reply(220, "220-Welcome", "230 not the end", "220-still text", " 220 indented",
                                "2200 no", "220x no", "220 ready"))),
                Arguments.of("FEAT with leading-space lines",
                        ascii("211-Features:\r\n MDTM\r\n REST STREAM\r\n SIZE\r\n UTF8\r\n211 End\r\n"),
                        List.of(reply(211, "211-Features:", " MDTM", " REST STREAM", " SIZE", " UTF8", "211 End"))),
                Arguments.of("two replies back to back",
                        ascii("150 Opening BINARY mode data connection\r\n226 Transfer complete\r\n"),
                        List.of(reply(150, "150 Opening BINARY mode data connection"),
                                reply(226, "226 Transfer complete"))),
                Arguments.of("bare LF and mixed terminators",
                        ascii("220-Hi\n there\r\n220 ready\n331 Password\r\n"),
                        List.of(reply(220, "220-Hi", " there", "220 ready"), reply(331, "331 Password"))),
                Arguments.of("empty text and the code alone",
                        ascii("200 \r\n200\r\n200\n"),
                        List.of(reply(200, "200 "), reply(200, "200"), reply(200, "200"))),
                Arguments.of("multi-line with empty lines, ended by the code alone",
                        ascii("211-Status\r\n\r\n\n211\r\n"),
                        List.of(reply(211, "211-Status", "", "", "211"))),
                Arguments.of("multi-line with an empty first line text and other codes inside",
                        ascii("214-\r\n500 x\r\n214-\r\n214 \r\n"),
                        List.of(reply(214, "214-", "500 x", "214-", "214 "))),
                Arguments.of("bare CR as text, CR NUL as bare CR, CR CR LF",
                        ascii("200 a\rb\r\n200 c\r\0d\r\n200 e\r\r\n"),
                        List.of(reply(200, "200 a\rb"), reply(200, "200 c\rd"), reply(200, "200 e\r"))),
                Arguments.of("protected reply (RFC 2228)",
                        ascii("631 Zm9vYmFy\r\n"),
                        List.of(reply(631, "631 Zm9vYmFy"))),
                Arguments.of("UTF-8 text",
                        "257 \"/Übergröße/日本\" created\r\n".getBytes(StandardCharsets.UTF_8),
                        List.of(reply(257, "257 \"/Übergröße/日本\" created"))),
                Arguments.of("single, multi-line and single pipelined",
                        ascii("125 go\r\n226-done\r\n226-more\r\n226 ok\r\n200 bye\r\n"),
                        List.of(reply(125, "125 go"), reply(226, "226-done", "226-more", "226 ok"),
                                reply(200, "200 bye"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trickyInputs")
    void sameRepliesWhereverTheBytesAreSplit(String name, byte[] input, List<FtpReply> expected) {
        assertThat(feedChunks(input)).as("in one chunk").isEqualTo(expected);
        for (int cut = 0; cut <= input.length; cut++) {
            assertThat(feedChunks(input, cut)).as("split at %d", cut).isEqualTo(expected);
        }
        int[] everyByte = new int[input.length];
        Arrays.setAll(everyByte, i -> i);
        assertThat(feedChunks(input, everyByte)).as("byte by byte").isEqualTo(expected);
        if (input.length <= 120) {
            for (int first = 0; first <= input.length; first++) {
                for (int second = first; second <= input.length; second++) {
                    assertThat(feedChunks(input, first, second)).as("split at %d and %d", first, second)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trickyInputs")
    void sameRepliesFromHeapDirectAndReadOnlyBuffers(String name, byte[] input, List<FtpReply> expected) {
        ByteBuffer direct = ByteBuffer.allocateDirect(input.length).put(input).flip();
        ByteBuffer[] buffers = {ByteBuffer.wrap(input), direct, ByteBuffer.wrap(input).asReadOnlyBuffer()};
        for (ByteBuffer buffer : buffers) {
            for (int cut = 0; cut <= input.length; cut++) {
                ReplyAssembler assembler = new ReplyAssembler();
                List<FtpReply> out = new ArrayList<>();
                ByteBuffer head = buffer.duplicate().limit(cut);
                assembler.feed(head, out::add);
                assertThat(head.hasRemaining()).isFalse();
                assembler.feed(buffer.duplicate().position(cut), out::add);
                assertThat(out).as("%s split at %d", buffer, cut).isEqualTo(expected);
            }
        }
    }

    @Test
    void deliversEachReplyAsSoonAsItsLastLineEnds() {
        ReplyAssembler assembler = new ReplyAssembler();
        assertThat(feedAll(assembler, ascii("150 Opening\r"))).isEmpty();
        assertThat(feedAll(assembler, ascii("\n226 Done\r"))).containsExactly(reply(150, "150 Opening"));
        assertThat(feedAll(assembler, ascii("\n"))).containsExactly(reply(226, "226 Done"));
    }

    @Test
    void keepsTheRepliesCodeAndCategory() {
        FtpReply greeting = feedAll(new ReplyAssembler(), ascii("120-Wait\r\n120 a minute\r\n")).get(0);
        assertThat(greeting.code().value()).isEqualTo(120);
        assertThat(greeting.isPreliminary()).isTrue();
        assertThat(greeting.text()).isEqualTo("Wait\na minute");
    }

    @Nested
    class PartialReplies {

        @Test
        void nothingIsPendingOnAFreshAssembler() {
            ReplyAssembler assembler = new ReplyAssembler();
            assertThat(assembler.hasPartialReply()).isFalse();
            assertThat(assembler.bufferedBytes()).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2", "220 ready", "220 ready\r", "220-Welcome\r\n", "220-Welcome\r\n more\r\n",
                "220-Welcome\r\n220 read", "200 ok\r\n220-next\n"})
        void aReplyInterruptedBeforeItsEndIsPending(String input) {
            ReplyAssembler assembler = new ReplyAssembler();
            feedAll(assembler, ascii(input));
            assertThat(assembler.hasPartialReply()).isTrue();
        }

        @Test
        void countsTheBufferedBytesWithoutTerminators() {
            ReplyAssembler assembler = new ReplyAssembler();
            feedAll(assembler, ascii("211-Features:\r\n SIZE\r\n MD"));
            assertThat(assembler.bufferedBytes()).isEqualTo(13 + 5 + 3);
            feedAll(assembler, ascii("TM\r\n211 End\r\n"));
            assertThat(assembler.bufferedBytes()).isZero();
            assertThat(assembler.hasPartialReply()).isFalse();
        }

        @Test
        void resetDiscardsAPartialReply() {
            ReplyAssembler assembler = new ReplyAssembler();
            feedAll(assembler, ascii("234 AUTH TLS ok\r\n220-injected\r\n22"));
            assertThat(assembler.hasPartialReply()).isTrue();
            assembler.reset();
            assertThat(assembler.hasPartialReply()).isFalse();
            assertThat(assembler.bufferedBytes()).isZero();
            assertThat(feedAll(assembler, ascii("200 PBSZ=0\r\n"))).containsExactly(reply(200, "200 PBSZ=0"));
        }

        @Test
        void aThrowingSinkLeavesTheRestOfTheBufferUnconsumed() {
            ReplyAssembler assembler = new ReplyAssembler();
            ByteBuffer input = ByteBuffer.wrap(ascii("150 go\r\n226 done\r\n"));
            assertThatThrownBy(() -> assembler.feed(input, reply -> {
                throw new IllegalStateException("sink full");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(input.position()).isEqualTo(8);
            assertThat(assembler.hasPartialReply()).isFalse();
            List<FtpReply> out = new ArrayList<>();
            assembler.feed(input, out::add);
            assertThat(out).containsExactly(reply(226, "226 done"));
        }
    }

    @Nested
    class MalformedReplies {

        @ParameterizedTest
        @ValueSource(strings = {"abc", "ABC Hello", "20 ok", "2 ok", "20", "", "099 x", "000 x", "700 x",
                "999 x", " 200 ok", "200x", "2000 ok", "2a0 x", "200\tx", "-200 x", "200_ok", "SSH-2.0-OpenSSH_9.6"})
        void aFirstLineWithoutAValidCodeIsRejected(String line) {
            ReplyAssembler assembler = new ReplyAssembler();
            assertThatThrownBy(() -> feedAll(assembler, ascii(line + "\r\n")))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("malformed reply")
                    .hasMessageContaining('"' + line.replace("\t", "\\x09") + '"');
        }

        @Test
        void aMalformedReplyAfterAValidOneIsRejectedAfterTheValidOneIsDelivered() {
            ReplyAssembler assembler = new ReplyAssembler();
            List<FtpReply> out = new ArrayList<>();
            byte[] input = ascii("200 ok\r\nHTTP/1.1 400 Bad Request\r\n");
            assertThatThrownBy(() -> assembler.feed(input, 0, input.length, out::add))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("\"HTTP/1.1 400 Bad Request\"");
            assertThat(out).containsExactly(reply(200, "200 ok"));
        }

        @Test
        void theMessageQuotesASanitizedTruncatedLine() {
            ReplyAssembler assembler = new ReplyAssembler();
            byte[] line = ("\u001b[31m\u202eevil" + "x".repeat(200)).getBytes(StandardCharsets.UTF_8);
            byte[] input = Arrays.copyOf(line, line.length + 1);
            input[line.length] = '\n';
            assertThatThrownBy(() -> feedAll(assembler, input))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("\"\\x1B[31m\\u202Eevil")
                    .hasMessageNotContaining("\u202e")
                    .hasMessageContaining("(truncated, " + line.length + " bytes)")
                    .hasMessageNotContaining("\u001b")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250));
        }

        @ParameterizedTest
        @ValueSource(strings = {"200 a\0b\r\n", "\0", "220-hi\r\n\0\r\n220 end\r\n", "220-hi\r\n text\0",
                "200 ok\n\0"})
        void aNulByteIsRejected(String input) {
            ReplyAssembler assembler = new ReplyAssembler();
            assertThatThrownBy(() -> feedAll(assembler, ascii(input)))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("NUL");
        }

        @Test
        void afterAFailureEveryFeedFails() {
            ReplyAssembler assembler = new ReplyAssembler();
            assertThatThrownBy(() -> feedAll(assembler, ascii("hello\r\n")))
                    .isInstanceOf(FtpProtocolException.class);
            assertThatThrownBy(() -> feedAll(assembler, ascii("200 ok\r\n")))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("already failed")
                    .hasMessageContaining("\"hello\"");
            assertThatThrownBy(() -> feedAll(assembler, new byte[0]))
                    .isInstanceOf(FtpProtocolException.class);
        }

        @Test
        void resetClearsAFailure() {
            ReplyAssembler assembler = new ReplyAssembler();
            assertThatThrownBy(() -> feedAll(assembler, ascii("hello\r\n")))
                    .isInstanceOf(FtpProtocolException.class);
            assembler.reset();
            assertThat(feedAll(assembler, ascii("200 ok\r\n"))).containsExactly(reply(200, "200 ok"));
        }
    }

    @Nested
    class Limits {

        private final ReplyLimits small = new ReplyLimits(16, 40, 4);

        @Test
        void aLineOfExactlyTheLimitIsAccepted() {
            ReplyAssembler assembler = new ReplyAssembler(small, StandardCharsets.UTF_8);
            String line = "200 " + "x".repeat(12);
            assertThat(feedAll(assembler, ascii(line + "\r\n"))).containsExactly(reply(200, line));
        }

        @Test
        void aLineIsRejectedAtTheFirstByteOverTheLimit() {
            ReplyAssembler assembler = new ReplyAssembler(small, StandardCharsets.UTF_8);
            feedAll(assembler, ascii("200 " + "x".repeat(12)));
            assertThat(assembler.bufferedBytes()).isEqualTo(16);
            assertThatThrownBy(() -> feedAll(assembler, ascii("y")))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("exceeds the limit of 16 bytes")
                    .hasMessageContaining("\"200 xxxxxxxxxxxx\"");
        }

        @Test
        void aBareCrAtTheLimitIsTextAndCounts() {
            ReplyAssembler assembler = new ReplyAssembler(small, StandardCharsets.UTF_8);
            feedAll(assembler, ascii("200 " + "x".repeat(12) + "\r"));
            assertThatThrownBy(() -> feedAll(assembler, ascii("z")))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("exceeds the limit of 16 bytes");
        }

        @Test
        void anEndlessLineFailsOnceTheDefaultLimitIsCrossed() {
            ReplyAssembler assembler = new ReplyAssembler();
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) 'a');
            chunk[0] = '2';
            chunk[1] = '0';
            chunk[2] = '0';
            long fed = 0;
            try {
                while (fed < 10L * 1024 * 1024) {
                    feedAll(assembler, chunk);
                    fed += chunk.length;
                    chunk[0] = 'a';
                    assertThat(assembler.bufferedBytes()).isLessThanOrEqualTo(ReplyLimits.DEFAULT_MAX_LINE_LENGTH);
                }
            } catch (FtpProtocolException expected) {
                assertThat(expected).hasMessageContaining("exceeds the limit of 65536 bytes");
            }
            assertThat(fed).isEqualTo(ReplyLimits.DEFAULT_MAX_LINE_LENGTH);
        }

        @Test
        void aReplyOfExactlyTheSizeLimitIsAccepted() {
            ReplyAssembler assembler = new ReplyAssembler(small, StandardCharsets.UTF_8);
            // 10 + 16 + 14 = 40 bytes in 3 lines
            String input = "211-status\n" + "y".repeat(16) + "\n211 xxxxxxxxxx\n";
            assertThat(feedAll(assembler, ascii(input))).hasSize(1);
        }

        @Test
        void aReplyIsRejectedAtTheFirstByteOverTheSizeLimit() {
            ReplyAssembler assembler = new ReplyAssembler(small, StandardCharsets.UTF_8);
            feedAll(assembler, ascii("211-status\n" + "y".repeat(16) + "\n211 xxxxxxxxxx"));
            assertThat(assembler.bufferedBytes()).isEqualTo(40);
            assertThatThrownBy(() -> feedAll(assembler, ascii("x")))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("multi-line reply 211 exceeds the limit of 40 bytes");
        }

        @Test
        void aReplyOfExactlyTheLineLimitIsAccepted() {
            ReplyAssembler assembler = new ReplyAssembler(small, StandardCharsets.UTF_8);
            assertThat(feedAll(assembler, ascii("211-a\n\n\n211 b\n")))
                    .containsExactly(reply(211, "211-a", "", "", "211 b"));
        }

        @Test
        void aReplyIsRejectedWhenItHasAsManyLinesAsAllowedWithoutEnding() {
            ReplyAssembler assembler = new ReplyAssembler(small, StandardCharsets.UTF_8);
            feedAll(assembler, ascii("211-a\n\n\n"));
            assertThatThrownBy(() -> feedAll(assembler, ascii("\n")))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("multi-line reply 211 exceeds the limit of 4 lines");
        }

        @Test
        void aMultiLineReplyIsRejectedWhenOnlyOneLineIsAllowed() {
            ReplyAssembler assembler = new ReplyAssembler(small.withMaxLines(1), StandardCharsets.UTF_8);
            assertThat(feedAll(assembler, ascii("200 ok\n"))).containsExactly(reply(200, "200 ok"));
            assertThatThrownBy(() -> feedAll(assembler, ascii("211-a\n")))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("exceeds the limit of 1 lines");
        }

        @Test
        void anEndlessMultiLineReplyFailsAtTheFirstByteOverTheSizeLimit() {
            int textLength = 998;
            long consumed = bytesConsumedUntilFailure(ascii("x".repeat(textLength) + "\r\n"));
            long budget = ReplyLimits.DEFAULT_MAX_REPLY_SIZE - "220-start".length();
            long failingByte = budget / textLength * (textLength + 2) + budget % textLength + 1;
            assertThat(consumed).isEqualTo(failingByte);
        }

        @Test
        void anEndlessMultiLineReplyOfEmptyLinesFailsAtTheLineLimit() {
            long consumed = bytesConsumedUntilFailure(ascii("\r\n"));
            // The 220- line and 9,999 empty lines make 10,000 lines without an end.
            assertThat(consumed).isEqualTo(2L * (ReplyLimits.DEFAULT_MAX_LINES - 1));
        }

        /**
         * Feeds a 220- line, then up to 10 MiB of text lines in chunks of about 64 KiB, checking that the
         * buffered bytes stay within the limit; returns how many text bytes were consumed when it failed.
         */
        private long bytesConsumedUntilFailure(byte[] textLine) {
            ReplyAssembler assembler = new ReplyAssembler();
            feedAll(assembler, ascii("220-start\r\n"));
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            while (lines.size() + textLine.length <= 64 * 1024) {
                lines.writeBytes(textLine);
            }
            byte[] chunk = lines.toByteArray();
            long fed = 0;
            while (fed < 10L * 1024 * 1024) {
                ByteBuffer buffer = ByteBuffer.wrap(chunk);
                try {
                    assembler.feed(buffer, reply -> {
                        throw new AssertionError("an endless reply ended: " + reply);
                    });
                } catch (FtpProtocolException expected) {
                    assertThat(expected).hasMessageStartingWith("multi-line reply 220 exceeds the limit");
                    return fed + buffer.position();
                }
                fed += chunk.length;
                assertThat(assembler.bufferedBytes()).isLessThanOrEqualTo(ReplyLimits.DEFAULT_MAX_REPLY_SIZE);
                assertThat(assembler.hasPartialReply()).isTrue();
            }
            throw new AssertionError("10 MiB of one reply were accepted");
        }
    }

    @Nested
    class Charsets {

        @Test
        void undecodableBytesBecomeEscapesThatEncodeBackToThem() {
            byte[] input = {'2', '5', '7', ' ', 'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xFF, (byte) 0xC3, '\r',
                '\n'};
            List<FtpReply> replies = feedAll(new ReplyAssembler(), input);
            assertThat(replies).containsExactly(reply(257, "257 caf\uDCE9 \uDCFF\uDCC3"));
            assertThat(NameCodec.encode(replies.get(0).lines().get(0), StandardCharsets.UTF_8))
                    .isEqualTo(Arrays.copyOf(input, input.length - 2));
        }

        @Test
        void aConfiguredCharsetDecodesTheText() {
            byte[] input = {'2', '5', '7', ' ', 'c', 'a', 'f', (byte) 0xE9, '\r', '\n'};
            ReplyAssembler latin1 = new ReplyAssembler(ReplyLimits.defaults(), StandardCharsets.ISO_8859_1);
            assertThat(feedAll(latin1, input)).containsExactly(reply(257, "257 café"));
        }

        @Test
        void aMultiByteCharacterSplitAcrossFeedsIsDecodedWhole() {
            byte[] input = "257 \"€\"\r\n".getBytes(StandardCharsets.UTF_8);
            for (int cut = 5; cut < 8; cut++) {
                assertThat(feedChunks(input, cut)).containsExactly(reply(257, "257 \"€\""));
            }
        }

        @Test
        void aCharsetThatDoesNotEncodeAsciiAsAsciiIsRefused() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new ReplyAssembler(ReplyLimits.defaults(), StandardCharsets.UTF_16))
                    .withMessageContaining("UTF-16");
        }
    }
}
