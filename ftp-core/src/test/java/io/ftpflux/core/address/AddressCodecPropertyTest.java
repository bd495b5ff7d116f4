package io.ftpflux.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.reply.FtpReply;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

class AddressCodecPropertyTest {

    @Property(tries = 3000)
    void pasvParserFailsOnlyWithProtocolException(@ForAll("replyText") String text) {
        assertParsesOrRefuses(text, t -> PassiveAddress.parsePasvReply(FtpReply.of(227, t)));
    }

    @Property(tries = 3000)
    void epsvParserFailsOnlyWithProtocolException(@ForAll("replyText") String text) {
        assertParsesOrRefuses(text, t -> PassiveAddress.parseEpsvReply(FtpReply.of(229, t)));
    }

    @Property(tries = 2000)
    void portAndEprtParsersFailOnlyWithProtocolException(@ForAll("replyText") String text) {
        assertParsesOrRefuses(text, DataAddress::parsePortArgument);
        assertParsesOrRefuses(text, DataAddress::parseEprtArgument);
    }

    @Property(tries = 1000)
    void pasvRepliesRoundTrip(@ForAll("ipv4") byte[] ip, @ForAll @IntRange(min = 1, max = 65535) int port)
            throws UnknownHostException {
        DataAddress address = DataAddress.of(InetAddress.getByAddress(ip), port);
        FtpReply reply = FtpReply.of(227, "Entering Passive Mode (" + address.portArgument() + ").");

        assertThat(PassiveAddress.parsePasvReply(reply)).isEqualTo(new PassiveAddress(address.host(), port));
        assertThat(DataAddress.parsePortArgument(address.portArgument())).isEqualTo(address);
        assertThat(DataAddress.parseEprtArgument(address.eprtArgument())).isEqualTo(address);
    }

    @Property(tries = 1000)
    void ipv6AddressesRoundTripThroughEprt(@ForAll("ipv6") byte[] ip, @ForAll @IntRange(min = 1, max = 65535) int port)
            throws UnknownHostException {
        InetAddress inet = InetAddress.getByAddress(ip);
        DataAddress address = DataAddress.of(inet, port);

        assertThat(DataAddress.parseEprtArgument(address.eprtArgument())).isEqualTo(address);
        // The canonical text names the same address for the JDK's own literal parser.
        assertThat(InetAddress.getByName(address.host())).isEqualTo(inet);
        // Whatever the JDK writes (uncompressed groups) parses to the same address too.
        assertThat(new DataAddress(inet.getHostAddress(), port)).isEqualTo(address);
    }

    @Property(tries = 500)
    void epsvRepliesRoundTripWithAnyDelimiter(
            @ForAll("delimiter") char delimiter, @ForAll @IntRange(min = 1, max = 65535) int port) {
        String d = String.valueOf(delimiter);
        FtpReply reply = FtpReply.of(229, "Entering Extended Passive Mode (" + d + d + d + port + d + ")");

        assertThat(PassiveAddress.parseEpsvReply(reply)).isEqualTo(new PassiveAddress(null, port));
    }

    private static void assertParsesOrRefuses(String text, Function<String, Object> parser) {
        try {
            Object parsed = parser.apply(text);
            assertThat(parsed).isNotNull();
        } catch (FtpProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Mostly characters that matter to the parsers, so that near-misses are common; sometimes anything. */
    @Provide
    Arbitrary<String> replyText() {
        Arbitrary<String> nearMiss = Arbitraries.strings()
                .withChars("0123456789,,,|||(()) .-+!9")
                .ofMaxLength(40);
        Arbitrary<String> tupleLike = Combinators.combine(
                        Arbitraries.of("", "Entering Passive Mode ", "=", "x", "-"),
                        Arbitraries.of("", "(", "((", "|"),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4).list().ofMinSize(0).ofMaxSize(8),
                        Arbitraries.of("", ")", ").", "|)", ",", "1"))
                .as((prefix, open, numbers, close) -> prefix + open + String.join(",", numbers) + close);
        Arbitrary<String> extendedLike = Combinators.combine(
                        Arbitraries.of("(", ""),
                        Arbitraries.chars().range(' ', '~').list().ofMaxSize(4),
                        Arbitraries.strings().numeric().ofMaxLength(7),
                        Arbitraries.of("|)", "|", ")", "!)", ""))
                .as((open, delimiters, port, close) -> open + join(delimiters) + port + close);
        return Arbitraries.frequencyOf(
                Tuple.of(3, nearMiss),
                Tuple.of(3, tupleLike),
                Tuple.of(3, extendedLike),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(60)));
    }

    private static String join(List<Character> chars) {
        StringBuilder text = new StringBuilder();
        chars.forEach(text::append);
        return text.toString();
    }

    @Provide
    Arbitrary<byte[]> ipv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4);
    }

    /** Sixteen bytes with many zero groups, so that "::" compression and mapped addresses come up often. */
    @Provide
    Arbitrary<byte[]> ipv6() {
        Arbitrary<Integer> group = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.just(0xffff)),
                Tuple.of(4, Arbitraries.integers().between(0, 0xffff)));
        return group.list().ofSize(8).map(groups -> {
            byte[] bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[2 * i] = (byte) (groups.get(i) >> 8);
                bytes[2 * i + 1] = (byte) (int) groups.get(i);
            }
            return bytes;
        });
    }

    @Provide
    Arbitrary<Character> delimiter() {
        return Arbitraries.chars().range('!', '~').filter(c -> c < '0' || c > '9');
    }
}
