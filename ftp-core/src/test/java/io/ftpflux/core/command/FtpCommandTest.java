package io.ftpflux.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpUnsafeArgumentException;
import io.ftpflux.core.reply.FtpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FtpCommandTest {

    private static final String SECRET = "s3cr3t-Pa55";

    /** Every unsafe character at the start, in the middle and at the end of an argument. */
    static Stream<Arguments> unsafeArguments() {
        List<Arguments> cases = new ArrayList<>();
        String[][] characters = {{"\r", "CR"}, {"\n", "LF"}, {"\0", "NUL"}};
        for (String[] character : characters) {
            String c = character[0];
            String name = character[1];
            cases.add(Arguments.of(c + "file.txt", name, 0));
            cases.add(Arguments.of("dir/" + c + "file.txt", name, 4));
            cases.add(Arguments.of("file.txt" + c, name, 8));
            cases.add(Arguments.of(c, name, 0));
        }
        cases.add(Arguments.of("file.txt\r\nDELE important", "CR", 8));
        cases.add(Arguments.of("file.txt\nDELE important", "LF", 8));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("unsafeArguments")
    void refusesCrLfAndNulAnywhereNamingTheCharacterAndIndex(String argument, String name, int index) {
        assertThatThrownBy(() -> FtpCommand.of(StandardVerb.RETR, argument))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessage("RETR argument contains " + name + " at index " + index
                        + ", which would inject a command");
        assertThatThrownBy(() -> new FtpCommand(Verb.of("XCRC"), argument))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageContaining(name + " at index " + index);
    }

    @Test
    void reportsTheFirstUnsafeCharacter() {
        assertThatThrownBy(() -> FtpCommand.requireSafe("path", "a\0b\rc\n"))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessage("path contains NUL at index 1, which would inject a command");
    }

    @Test
    void requireSafeReturnsTheValueUnchanged() {
        String value = " -dir/naïve name\t.txt ";
        assertThat(FtpCommand.requireSafe("path", value)).isSameAs(value);
    }

    @ParameterizedTest
    @EnumSource(value = StandardVerb.class, names = {"PASS", "ACCT", "ADAT"})
    void unsafeSecretsAreNotEchoedInTheMessage(StandardVerb verb) {
        assertThatThrownBy(() -> FtpCommand.of(verb, SECRET + "\r\nDELE x"))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesAnEmptyArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpCommand.of(StandardVerb.CWD, ""))
                .withMessageContaining("CWD")
                .withMessageContaining("must not be empty");
    }

    @Test
    void refusesANullVerb() {
        assertThatThrownBy(() -> new FtpCommand(null, "x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCommandWithoutArgumentIsTheVerbAlone() {
        FtpCommand noop = FtpCommand.of(StandardVerb.NOOP);
        assertThat(noop.argument()).isNull();
        assertThat(noop.line()).isEqualTo("NOOP");
        assertThat(noop).hasToString("NOOP");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        " leading space", "  two leading spaces", "trailing space ", "-rf", "--help", "-", " ",
        "naïve/日本語/файл.txt", "emoji 📁/x", "a  b\tc", "~user/.profile", "*.txt", "\"quoted\""
    })
    void keepsPathsExactlyAsGiven(String path) {
        FtpCommand command = FtpCommand.of(StandardVerb.RETR, path);
        assertThat(command.argument()).isEqualTo(path);
        assertThat(command.line()).isEqualTo("RETR " + path);
        assertThat(command).hasToString("RETR " + path);
    }

    @Test
    void lineIsExactlyVerbSpaceArgument() {
        assertThat(FtpCommand.of(StandardVerb.TYPE, "I").line()).isEqualTo("TYPE I");
        assertThat(FtpCommand.of(Verb.of("site"), "CHMOD 644 a b").line()).isEqualTo("SITE CHMOD 644 a b");
        assertThat(FtpCommand.of(Verb.of("xdupe"), "1").line()).isEqualTo("XDUPE 1");
    }

    @ParameterizedTest
    @EnumSource(value = StandardVerb.class, names = {"PASS", "ACCT", "ADAT"})
    void toStringRedactsSecrets(StandardVerb verb) {
        FtpCommand command = FtpCommand.of(verb, SECRET);
        assertThat(command.toString())
                .isEqualTo(verb.name() + " " + FtpCommand.REDACTED)
                .doesNotContain(SECRET);
        assertThat(command.line()).isEqualTo(verb.name() + " " + SECRET);
        assertThat(List.of(command).toString()).doesNotContain(SECRET);
    }

    @Test
    void toStringShowsOrdinaryArguments() {
        assertThat(FtpCommand.of(StandardVerb.USER, "anonymous")).hasToString("USER anonymous");
    }

    @Test
    void theSensitiveVerbsAreExactlyPassAcctAndAdat() {
        assertThat(Stream.of(StandardVerb.values()).filter(Verb::isSensitive))
                .containsExactlyInAnyOrder(StandardVerb.PASS, StandardVerb.ACCT, StandardVerb.ADAT);
    }

    @Test
    void aReplyExceptionForPassDoesNotShowThePassword() {
        FtpCommand pass = FtpCommands.pass(SECRET);
        FtpReplyException refused = FtpReplyException.of(pass, FtpReply.of(530, "Login incorrect."));

        assertThat(refused.getMessage())
                .isEqualTo("PASS " + FtpCommand.REDACTED + " refused: 530 Login incorrect.")
                .doesNotContain(SECRET);
        assertThat(refused.toString()).doesNotContain(SECRET);
        assertThat(refused.command()).isSameAs(pass);
    }

    @Test
    void commandsAreValuesComparedByVerbAndArgument() {
        assertThat(FtpCommand.of(Verb.of("retr"), "a")).isEqualTo(FtpCommand.of(StandardVerb.RETR, "a"))
                .hasSameHashCodeAs(FtpCommand.of(StandardVerb.RETR, "a"))
                .isNotEqualTo(FtpCommand.of(StandardVerb.RETR, "b"));
    }
}
