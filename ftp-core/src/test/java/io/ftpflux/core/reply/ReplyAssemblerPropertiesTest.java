package io.ftpflux.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jspecify.annotations.Nullable;

class ReplyAssemblerPropertiesTest {

    /** What the first line of every assembled reply must look like (RFC 959 §4.2, RFC 2228 §4). */
    private static final Pattern FIRST_LINE = Pattern.compile("[1-6][0-9]{2}([ -].*)?", Pattern.DOTALL);

    /** A reply and the bytes a server would send for it. */
    record Rendered(FtpReply reply, byte[] bytes) {}

    /** Everything an assembler produced from some input: the replies, then the error that stopped it, if any. */
    record Outcome(List<FtpReply> replies, @Nullable String error) {}

    @Property(tries = 300)
    void validRepliesSplitAnywhereReassembleToTheOriginals(
            @ForAll @Size(min = 1, max = 5) List<@From("replies") Rendered> replies,
            @ForAll @Size(max = 12) List<@IntRange(max = 100_000) Integer> cuts) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        replies.forEach(rendered -> wire.writeBytes(rendered.bytes()));
        byte[] input = wire.toByteArray();

        ReplyAssembler assembler = new ReplyAssembler();
        List<FtpReply> out = new ArrayList<>();
        int from = 0;
        for (int cut : chunkEnds(input.length, cuts)) {
            assembler.feed(input, from, cut - from, out::add);
            from = cut;
        }

        assertThat(out).containsExactlyElementsOf(replies.stream().map(Rendered::reply).toList());
        assertThat(assembler.hasPartialReply()).isFalse();
        assertThat(assembler.bufferedBytes()).isZero();
    }

    @Property(tries = 300)
    void garbageYieldsOnlyRepliesOrProtocolErrorsWithinTheLimits(
            @ForAll("garbage") byte[] input,
            @ForAll("limits") ReplyLimits limits,
            @ForAll @Size(max = 12) List<@IntRange(max = 100_000) Integer> cuts) {
        ReplyAssembler assembler = new ReplyAssembler(limits, StandardCharsets.UTF_8);
        List<FtpReply> out = new ArrayList<>();
        int from = 0;
        try {
            for (int cut : chunkEnds(input.length, cuts)) {
                assembler.feed(input, from, cut - from, out::add);
                from = cut;
                assertThat(assembler.bufferedBytes()).isBetween(0, limits.maxReplySize());
            }
            Statistics.label("outcome").collect(out.isEmpty() ? "no reply, no error" : "replies, no error");
        } catch (FtpProtocolException expected) {
            Statistics.label("outcome").collect(out.isEmpty() ? "error only" : "replies, then error");
            Statistics.label("error").collect(expected.getMessage().replaceAll("\".*", "").replaceAll("\\d+", "N"));
            assertThat(expected.getMessage()).isNotBlank();
            assertThatThrownBy(() -> assembler.feed(new byte[] {'\n'}, 0, 1, out::add))
                    .isInstanceOf(FtpProtocolException.class);
        }
        // The generator must reach every outcome often, or this property would test little.
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("replies, no error").percentage(p -> p >= 5);
            coverage.check("replies, then error").percentage(p -> p >= 5);
            coverage.check("error only").percentage(p -> p >= 5);
        });
        for (FtpReply reply : out) {
            assertThat(reply.lines()).hasSizeBetween(1, limits.maxLines());
            assertThat(reply.lines().get(0)).matches(FIRST_LINE)
                    .startsWith(Integer.toString(reply.code().value()));
            // UTF-8 decoding never yields more chars than bytes, so char counts bound the byte counts from below.
            assertThat(reply.lines()).allSatisfy(line -> assertThat(line)
                    .hasSizeLessThanOrEqualTo(limits.maxLineLength())
                    .doesNotContain("\n", "\0"));
            assertThat(reply.lines().stream().mapToInt(String::length).sum())
                    .isLessThanOrEqualTo(limits.maxReplySize());
        }
    }

    @Property(tries = 300)
    void chunkBoundariesNeverChangeTheOutcome(
            @ForAll("garbage") byte[] input,
            @ForAll("limits") ReplyLimits limits,
            @ForAll @Size(max = 12) List<@IntRange(max = 100_000) Integer> cuts) {
        Outcome whole = outcome(input, limits, List.of(input.length));
        assertThat(outcome(input, limits, chunkEnds(input.length, cuts))).isEqualTo(whole);
        List<Integer> everyByte = new ArrayList<>();
        for (int end = 1; end <= input.length; end++) {
            everyByte.add(end);
        }
        assertThat(outcome(input, limits, everyByte)).isEqualTo(whole);
    }

    private static Outcome outcome(byte[] input, ReplyLimits limits, List<Integer> chunkEnds) {
        ReplyAssembler assembler = new ReplyAssembler(limits, StandardCharsets.UTF_8);
        List<FtpReply> out = new ArrayList<>();
        int from = 0;
        try {
            for (int cut : chunkEnds) {
                assembler.feed(input, from, cut - from, out::add);
                from = cut;
            }
            return new Outcome(out, null);
        } catch (FtpProtocolException e) {
            return new Outcome(out, e.getMessage());
        }
    }

    /** Turns arbitrary cut positions into sorted chunk ends within the input, the last one at its end. */
    private static List<Integer> chunkEnds(int length, List<Integer> cuts) {
        List<Integer> ends = new ArrayList<>(cuts.stream().map(cut -> cut % (length + 1)).sorted().toList());
        ends.add(length);
        return ends;
    }

    @Provide
    Arbitrary<Rendered> replies() {
        return Arbitraries.integers().between(100, 699).flatMap(code -> Combinators.combine(
                Arbitraries.of(false, true),
                text(),
                innerLine(code).list().ofMaxSize(6),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("")), Tuple.of(5, text().map(t -> " " + t))),
                Arbitraries.of("\r\n", "\n").list().ofSize(8))
                .as((multiLine, firstText, inner, ending, terminators) -> {
                    String prefix = Integer.toString(code);
                    List<String> lines = new ArrayList<>();
                    if (multiLine) {
                        lines.add(prefix + "-" + firstText);
                        for (String line : inner) {
                            // A random line that happens to end the reply is made text by a leading 'x'.
                            boolean endsReply = line.startsWith(prefix)
                                    && (line.length() == 3 || line.charAt(3) == ' ');
                            lines.add(endsReply ? "x" + line : line);
                        }
                    }
                    lines.add(prefix + ending);
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    for (int i = 0; i < lines.size(); i++) {
                        bytes.writeBytes((lines.get(i) + terminators.get(i % terminators.size()))
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    return new Rendered(new FtpReply(ReplyCode.of(code), lines), bytes.toByteArray());
                }));
    }

    /** Text lines of a multi-line reply, many of them shaped like reply lines that must not end it. */
    private static Arbitrary<String> innerLine(int code) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, text()),
                Tuple.of(2, text().map(t -> code + "-" + t)),
                Tuple.of(1, text().map(t -> code + "0" + t)),
                Tuple.of(1, text().map(t -> " " + code + " " + t)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(100, 699), text())
                        .as((other, t) -> other + " " + t)));
    }

    /** Reply text: printable ASCII, tabs and non-ASCII letters; never CR, LF or NUL. */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("\täöüß€日本\u00a0").ofMaxLength(40);
    }

    /**
     * Byte soup shaped like reply lines, so that it reaches every state: lines that mostly start with one of
     * two codes, bodies with long runs, NULs and random bytes, and every kind of terminator or none.
     */
    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<String> prefix = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("220 ", "220-", "220", "211 ", "211-", "211")),
                Tuple.of(1, Arbitraries.of("", "2", "22", "099 ", "699-", " ", "-", "2200")));
        Arbitrary<byte[]> bodyPart = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().alpha().numeric().withChars(' ', '-').ofMaxLength(10)
                        .map(ReplyAssemblerPropertiesTest::utf8)),
                Tuple.of(1, Arbitraries.integers().between(0, 60).map(n -> utf8("x".repeat(n)))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(6)));
        Arbitrary<String> terminator = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("\r\n")),
                Tuple.of(3, Arbitraries.just("\n")),
                Tuple.of(1, Arbitraries.of("\r", "\r\0", "", "\0")));
        Arbitrary<byte[]> line = Combinators.combine(prefix, bodyPart.list().ofMaxSize(2), terminator)
                .as((code, body, end) -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    bytes.writeBytes(utf8(code));
                    body.forEach(bytes::writeBytes);
                    bytes.writeBytes(utf8(end));
                    return bytes.toByteArray();
                });
        return line.list().ofMaxSize(30).map(lines -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            lines.forEach(bytes::writeBytes);
            return bytes.toByteArray();
        });
    }

    @Provide
    Arbitrary<ReplyLimits> limits() {
        return Combinators.combine(
                        Arbitraries.integers().between(8, 100),
                        Arbitraries.integers().between(0, 200),
                        Arbitraries.integers().between(1, 10))
                .as((line, extra, lines) -> new ReplyLimits(line, line + extra, lines));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
