package io.ftpflux.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpUnsafeArgumentException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FtpCommandsTest {

    private static final Instant MODIFIED = Instant.parse("2024-02-29T23:59:58Z");

    /** Each factory with the exact line it must produce. */
    static List<Arguments> factories() {
        return List.of(
                // RFC 959 §4.1.1
                Arguments.of(FtpCommands.user("anonymous"), "USER anonymous"),
                Arguments.of(FtpCommands.pass("secret"), "PASS secret"),
                Arguments.of(FtpCommands.acct("billing"), "ACCT billing"),
                Arguments.of(FtpCommands.cwd("/pub/incoming"), "CWD /pub/incoming"),
                Arguments.of(FtpCommands.cdup(), "CDUP"),
                Arguments.of(FtpCommands.smnt("/mnt/tape"), "SMNT /mnt/tape"),
                Arguments.of(FtpCommands.rein(), "REIN"),
                Arguments.of(FtpCommands.quit(), "QUIT"),
                // RFC 959 §4.1.2, RFC 2428
                Arguments.of(FtpCommands.port("127,0,0,1,4,1"), "PORT 127,0,0,1,4,1"),
                Arguments.of(FtpCommands.eprt("|2|::1|5282|"), "EPRT |2|::1|5282|"),
                Arguments.of(FtpCommands.pasv(), "PASV"),
                Arguments.of(FtpCommands.epsv(), "EPSV"),
                Arguments.of(FtpCommands.epsvAll(), "EPSV ALL"),
                Arguments.of(FtpCommands.type(TransferType.ASCII), "TYPE A"),
                Arguments.of(FtpCommands.type(TransferType.EBCDIC), "TYPE E"),
                Arguments.of(FtpCommands.type(TransferType.IMAGE), "TYPE I"),
                Arguments.of(FtpCommands.type(TransferType.LOCAL), "TYPE L 8"),
                Arguments.of(FtpCommands.stru(FileStructure.FILE), "STRU F"),
                Arguments.of(FtpCommands.stru(FileStructure.RECORD), "STRU R"),
                Arguments.of(FtpCommands.stru(FileStructure.PAGE), "STRU P"),
                Arguments.of(FtpCommands.mode(TransferMode.STREAM), "MODE S"),
                Arguments.of(FtpCommands.mode(TransferMode.BLOCK), "MODE B"),
                Arguments.of(FtpCommands.mode(TransferMode.COMPRESSED), "MODE C"),
                Arguments.of(FtpCommands.mode(TransferMode.DEFLATE), "MODE Z"),
                // RFC 959 §4.1.3
                Arguments.of(FtpCommands.retr("a.txt"), "RETR a.txt"),
                Arguments.of(FtpCommands.stor("b.txt"), "STOR b.txt"),
                Arguments.of(FtpCommands.stou(), "STOU"),
                Arguments.of(FtpCommands.appe("log.txt"), "APPE log.txt"),
                Arguments.of(FtpCommands.allo(0), "ALLO 0"),
                Arguments.of(FtpCommands.allo(1_048_576), "ALLO 1048576"),
                Arguments.of(FtpCommands.rest(0), "REST 0"),
                Arguments.of(FtpCommands.rest(Long.MAX_VALUE), "REST 9223372036854775807"),
                Arguments.of(FtpCommands.rnfr("old name"), "RNFR old name"),
                Arguments.of(FtpCommands.rnto("new name"), "RNTO new name"),
                Arguments.of(FtpCommands.abor(), "ABOR"),
                Arguments.of(FtpCommands.dele("x"), "DELE x"),
                Arguments.of(FtpCommands.rmd("d"), "RMD d"),
                Arguments.of(FtpCommands.mkd("d"), "MKD d"),
                Arguments.of(FtpCommands.pwd(), "PWD"),
                Arguments.of(FtpCommands.list(), "LIST"),
                Arguments.of(FtpCommands.list("/pub"), "LIST /pub"),
                Arguments.of(FtpCommands.nlst(), "NLST"),
                Arguments.of(FtpCommands.nlst("/pub"), "NLST /pub"),
                Arguments.of(FtpCommands.site("CHMOD 644 a.txt"), "SITE CHMOD 644 a.txt"),
                Arguments.of(FtpCommands.syst(), "SYST"),
                Arguments.of(FtpCommands.stat(), "STAT"),
                Arguments.of(FtpCommands.stat("/pub"), "STAT /pub"),
                Arguments.of(FtpCommands.help(), "HELP"),
                Arguments.of(FtpCommands.help("SITE"), "HELP SITE"),
                Arguments.of(FtpCommands.noop(), "NOOP"),
                // RFC 2228
                Arguments.of(FtpCommands.auth("TLS"), "AUTH TLS"),
                Arguments.of(FtpCommands.adat("YWJj"), "ADAT YWJj"),
                Arguments.of(FtpCommands.pbsz(0), "PBSZ 0"),
                Arguments.of(FtpCommands.pbsz(4_294_967_295L), "PBSZ 4294967295"),
                Arguments.of(FtpCommands.prot(ProtectionLevel.CLEAR), "PROT C"),
                Arguments.of(FtpCommands.prot(ProtectionLevel.SAFE), "PROT S"),
                Arguments.of(FtpCommands.prot(ProtectionLevel.CONFIDENTIAL), "PROT E"),
                Arguments.of(FtpCommands.prot(ProtectionLevel.PRIVATE), "PROT P"),
                Arguments.of(FtpCommands.ccc(), "CCC"),
                Arguments.of(FtpCommands.mic("bWlj"), "MIC bWlj"),
                Arguments.of(FtpCommands.conf("Y29uZg=="), "CONF Y29uZg=="),
                Arguments.of(FtpCommands.enc("ZW5j"), "ENC ZW5j"),
                // RFC 2389, RFC 2640
                Arguments.of(FtpCommands.feat(), "FEAT"),
                Arguments.of(FtpCommands.opts("MLST type;size;modify;"), "OPTS MLST type;size;modify;"),
                Arguments.of(FtpCommands.optsUtf8On(), "OPTS UTF8 ON"),
                Arguments.of(FtpCommands.lang(), "LANG"),
                Arguments.of(FtpCommands.lang("fr-FR"), "LANG fr-FR"),
                // RFC 3659, RFC 7151
                Arguments.of(FtpCommands.size("a.bin"), "SIZE a.bin"),
                Arguments.of(FtpCommands.mdtm("a.bin"), "MDTM a.bin"),
                Arguments.of(FtpCommands.mlst(), "MLST"),
                Arguments.of(FtpCommands.mlst("a.bin"), "MLST a.bin"),
                Arguments.of(FtpCommands.mlsd(), "MLSD"),
                Arguments.of(FtpCommands.mlsd("/pub"), "MLSD /pub"),
                Arguments.of(FtpCommands.host("ftp.example.com"), "HOST ftp.example.com"),
                Arguments.of(FtpCommands.host("[::1]"), "HOST [::1]"),
                // Extensions
                Arguments.of(FtpCommands.mfmt(MODIFIED, "a.bin"), "MFMT 20240229235958 a.bin"),
                Arguments.of(FtpCommands.mfct(MODIFIED, "a.bin"), "MFCT 20240229235958 a.bin"),
                Arguments.of(FtpCommands.mff("modify=20240229235958;UNIX.mode=0644;", "a b"),
                        "MFF modify=20240229235958;UNIX.mode=0644; a b"),
                Arguments.of(FtpCommands.hash("a.bin"), "HASH a.bin"),
                Arguments.of(FtpCommands.rang(0, 1023), "RANG 0 1023"),
                Arguments.of(FtpCommands.rang(1, 0), "RANG 1 0"),
                Arguments.of(FtpCommands.xcrc("a.bin"), "XCRC a.bin"),
                Arguments.of(FtpCommands.xmd5("a.bin"), "XMD5 a.bin"),
                Arguments.of(FtpCommands.xsha1("a.bin"), "XSHA1 a.bin"),
                Arguments.of(FtpCommands.xsha256("a.bin"), "XSHA256 a.bin"),
                Arguments.of(FtpCommands.xsha512("a.bin"), "XSHA512 a.bin"),
                Arguments.of(FtpCommands.clnt("ftpflux 0.1"), "CLNT ftpflux 0.1"),
                Arguments.of(FtpCommands.avbl(), "AVBL"),
                Arguments.of(FtpCommands.avbl("/pub"), "AVBL /pub"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("factories")
    void producesTheExpectedLine(FtpCommand command, String line) {
        assertThat(command.line()).isEqualTo(line);
        assertThat(command.verb()).isInstanceOf(StandardVerb.class);
        assertThat(line).startsWith(command.verb().name());
    }

    @Test
    void everyStandardVerbHasAFactory() {
        Set<Verb> covered = factories().stream()
                .map(arguments -> ((FtpCommand) arguments.get()[0]).verb())
                .collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(StandardVerb.class));
    }

    /** The factories that take a path, by verb, to check they all follow the same rules. */
    static Stream<Arguments> pathFactories() {
        Map<String, Function<String, FtpCommand>> byVerb = Map.ofEntries(
                Map.entry("CWD", FtpCommands::cwd), Map.entry("SMNT", FtpCommands::smnt),
                Map.entry("RETR", FtpCommands::retr), Map.entry("STOR", FtpCommands::stor),
                Map.entry("APPE", FtpCommands::appe), Map.entry("RNFR", FtpCommands::rnfr),
                Map.entry("RNTO", FtpCommands::rnto), Map.entry("DELE", FtpCommands::dele),
                Map.entry("RMD", FtpCommands::rmd), Map.entry("MKD", FtpCommands::mkd),
                Map.entry("LIST", FtpCommands::list), Map.entry("NLST", FtpCommands::nlst),
                Map.entry("STAT", FtpCommands::stat), Map.entry("SIZE", FtpCommands::size),
                Map.entry("MDTM", FtpCommands::mdtm), Map.entry("MLST", FtpCommands::mlst),
                Map.entry("MLSD", FtpCommands::mlsd), Map.entry("HASH", FtpCommands::hash),
                Map.entry("XCRC", FtpCommands::xcrc), Map.entry("XMD5", FtpCommands::xmd5),
                Map.entry("XSHA1", FtpCommands::xsha1), Map.entry("XSHA256", FtpCommands::xsha256),
                Map.entry("XSHA512", FtpCommands::xsha512), Map.entry("AVBL", FtpCommands::avbl));
        return byVerb.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathFactories")
    void pathsAreSentExactlyAsGiven(String verb, Function<String, FtpCommand> factory) {
        for (String path : List.of(" leading", "-rf", "--", "naïve/日本語.txt", "trailing ", "a  b", " ")) {
            assertThat(factory.apply(path).line()).isEqualTo(verb + " " + path);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathFactories")
    void emptyPathsAreRefused(String verb, Function<String, FtpCommand> factory) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.apply(""))
                .withMessage(verb + ": the path must not be empty");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathFactories")
    void nullPathsAreRefusedRatherThanSentWithoutArgument(String verb, Function<String, FtpCommand> factory) {
        assertThatThrownBy(() -> factory.apply(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathFactories")
    void injectedLinesInPathsAreRefused(String verb, Function<String, FtpCommand> factory) {
        assertThatThrownBy(() -> factory.apply("a.txt\r\nDELE b.txt"))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessage(verb + " argument contains CR at index 5, which would inject a command");
    }

    @Test
    void otherTextArgumentsAreRefusedWhenEmpty() {
        List<Function<String, FtpCommand>> factories = List.of(
                FtpCommands::user, FtpCommands::acct, FtpCommands::port, FtpCommands::eprt,
                FtpCommands::site, FtpCommands::help, FtpCommands::auth, FtpCommands::adat,
                FtpCommands::mic, FtpCommands::conf, FtpCommands::enc, FtpCommands::opts,
                FtpCommands::lang, FtpCommands::host, FtpCommands::clnt);
        for (Function<String, FtpCommand> factory : factories) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> factory.apply(""))
                    .withMessageContaining("must not be empty");
            assertThatThrownBy(() -> factory.apply("x\ny")).isInstanceOf(FtpUnsafeArgumentException.class);
        }
    }

    @Test
    void anEmptyPasswordIsABarePassThatStillRedacts() {
        assertThat(FtpCommands.pass("").line()).isEqualTo("PASS");
        assertThat(FtpCommands.pass("").argument()).isNull();
        assertThat(FtpCommands.pass("hunter2")).hasToString("PASS " + FtpCommand.REDACTED);
        assertThat(FtpCommands.acct("acct-42")).hasToString("ACCT " + FtpCommand.REDACTED);
        assertThat(FtpCommands.adat("YWJj")).hasToString("ADAT " + FtpCommand.REDACTED);
    }

    @Test
    void aPasswordMayStartOrEndWithSpaces() {
        assertThat(FtpCommands.pass(" pw ").line()).isEqualTo("PASS  pw ");
    }

    @Test
    void passwordsWithLineBreaksAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> FtpCommands.pass("hunter2\r\nDELE x"))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void negativeNumbersAreRefused(long negative) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.rest(negative))
                .withMessage("REST offset must not be negative: " + negative);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.allo(negative))
                .withMessage("ALLO size must not be negative: " + negative);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.rang(negative, 10))
                .withMessage("RANG start must not be negative: " + negative);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.rang(0, negative))
                .withMessage("RANG end must not be negative: " + negative);
        assertThatIllegalArgumentException().isThrownBy(() -> FtpCommands.pbsz(negative));
    }

    @Test
    void protectionBufferSizeIsAThirtyTwoBitUnsignedInteger() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.pbsz(4_294_967_296L))
                .withMessage("PBSZ size must be 0 to 4294967295: 4294967296");
    }

    @Test
    void modificationTimesAreFormattedInUtcWithoutFraction() {
        assertThat(FtpCommands.mfmt(Instant.parse("2024-02-29T23:59:58.999999999Z"), "f").line())
                .isEqualTo("MFMT 20240229235958 f");
        assertThat(FtpCommands.mfmt(Instant.parse("2024-03-01T01:30:00+02:00"), "f").line())
                .isEqualTo("MFMT 20240229233000 f");
        assertThat(FtpCommands.mfmt(Instant.EPOCH, "f").line()).isEqualTo("MFMT 19700101000000 f");
        assertThat(FtpCommands.mfmt(Instant.parse("0001-01-01T00:00:00Z"), "f").line())
                .isEqualTo("MFMT 00010101000000 f");
        assertThat(FtpCommands.mfct(Instant.parse("9999-12-31T23:59:59Z"), " f").line())
                .isEqualTo("MFCT 99991231235959  f");
    }

    @Test
    void modificationTimesNeedAFourDigitYear() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.mfmt(Instant.parse("+10000-01-01T00:00:00Z"), "f"))
                .withMessageStartingWith("MFMT: the time must be in the years 0 to 9999");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.mfct(Instant.parse("-0001-12-31T23:59:59Z"), "f"))
                .withMessageStartingWith("MFCT: the time must be in the years 0 to 9999");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.mfmt(MODIFIED, ""))
                .withMessage("MFMT: the path must not be empty");
        assertThatThrownBy(() -> FtpCommands.mfmt(MODIFIED, "f\r\n")).isInstanceOf(FtpUnsafeArgumentException.class);
    }

    @Test
    void factsMustNotContainTheSpaceThatEndsThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.mff("modify=20240101000000; UNIX.mode=0644;", "f"))
                .withMessage("MFF: the facts must not contain a space, found one at index 22");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.mff("", "f"))
                .withMessage("MFF: the facts must not be empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommands.mff("modify=20240101000000;", ""))
                .withMessage("MFF: the path must not be empty");
    }

    @Test
    void enumsExposeTheirWireCodes() {
        assertThat(Stream.of(TransferType.values()).map(TransferType::code)).containsExactly("A", "E", "I", "L 8");
        assertThat(Stream.of(TransferMode.values()).map(TransferMode::code)).containsExactly("S", "B", "C", "Z");
        assertThat(Stream.of(FileStructure.values()).map(FileStructure::code)).containsExactly("F", "R", "P");
        assertThat(Stream.of(ProtectionLevel.values()).map(ProtectionLevel::code))
                .containsExactly("C", "S", "E", "P");
    }

    @Test
    void factoriesReturnEqualValuesEachTime() {
        assertThat(FtpCommands.noop()).isEqualTo(FtpCommands.noop());
        assertThat(FtpCommands.retr("a")).isEqualTo(FtpCommand.of(StandardVerb.RETR, "a"));
    }
}
