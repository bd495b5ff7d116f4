package io.ftpflux.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FtpReplyTest {

    private static final FtpReply FEATURES = new FtpReply(ReplyCode.SYSTEM_STATUS,
            List.of("211-Features:", " MDTM", " SIZE", " UTF8", "211 End"));

    @Test
    void aSingleLineReplyHasItsTextAndNoInnerLines() {
        FtpReply reply = FtpReply.of(227, "Entering Passive Mode (127,0,0,1,4,1).");

        assertThat(reply.code()).isSameAs(ReplyCode.ENTERING_PASSIVE_MODE);
        assertThat(reply.lines()).containsExactly("227 Entering Passive Mode (127,0,0,1,4,1).");
        assertThat(reply.text()).isEqualTo("Entering Passive Mode (127,0,0,1,4,1).");
        assertThat(reply.innerLines()).isEmpty();
        assertThat(reply).hasToString("227 Entering Passive Mode (127,0,0,1,4,1).");
    }

    @Test
    void aMultiLineReplyStripsCodesFromItsFirstAndLastLines() {
        assertThat(FEATURES.text()).isEqualTo("Features:\n MDTM\n SIZE\n UTF8\nEnd");
        assertThat(FEATURES.innerLines()).containsExactly(" MDTM", " SIZE", " UTF8");
        assertThat(FEATURES).hasToString("211-Features:\n MDTM\n SIZE\n UTF8\n211 End");
    }

    @Test
    void aMultiLineReplyOfTwoLinesHasNoInnerLines() {
        FtpReply reply = new FtpReply(ReplyCode.SYSTEM_STATUS, List.of("211-No features", "211 End"));
        assertThat(reply.innerLines()).isEmpty();
        assertThat(reply.text()).isEqualTo("No features\nEnd");
    }

    @Test
    void innerLinesThatRepeatTheCodeLoseItInTextButNotInInnerLines() {
        FtpReply reply = new FtpReply(ReplyCode.FILE_UNAVAILABLE,
                List.of("550-First", "550-Second", "  123 indented number", "550 Last"));
        assertThat(reply.text()).isEqualTo("First\nSecond\n  123 indented number\nLast");
        assertThat(reply.innerLines()).containsExactly("550-Second", "  123 indented number");
    }

    @Test
    void linesWithAnotherCodeOrNoSeparatorKeepTheirText() {
        FtpReply reply = new FtpReply(ReplyCode.HELP_MESSAGE,
                List.of("214-Commands:", "226 is not this reply's code", "214abc", "214"));
        assertThat(reply.text()).isEqualTo("Commands:\n226 is not this reply's code\n214abc\n");
    }

    @Test
    void aBareCodeHasEmptyText() {
        assertThat(new FtpReply(ReplyCode.CLOSING_DATA_CONNECTION, List.of("226")).text()).isEmpty();
        assertThat(new FtpReply(ReplyCode.CLOSING_DATA_CONNECTION, List.of("226 ")).text()).isEmpty();
    }

    @Test
    void preliminaryAndFinalFollowTheFirstDigit() {
        assertThat(FtpReply.of(150, "Opening data connection.").isPreliminary()).isTrue();
        assertThat(FtpReply.of(150, "Opening data connection.").isFinal()).isFalse();
        assertThat(FtpReply.of(226, "Transfer complete.").isFinal()).isTrue();
        assertThat(FtpReply.of(550, "No such file.").isFinal()).isTrue();
        assertThat(FtpReply.of(331, "Password required.").isFinal()).isTrue();
    }

    @Test
    void aReplyNeedsALine() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FtpReply(ReplyCode.COMMAND_OK, List.of()))
                .withMessage("a reply has at least one line");
        assertThatThrownBy(() -> new FtpReply(null, List.of("200 OK"))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theLinesAreAnImmutableCopy() {
        List<String> lines = new ArrayList<>(List.of("211-Status", " inner", "211 End"));
        FtpReply reply = new FtpReply(ReplyCode.SYSTEM_STATUS, lines);
        lines.set(1, " changed");

        assertThat(reply.innerLines()).containsExactly(" inner");
        assertThatThrownBy(() -> reply.lines().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> reply.innerLines().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ofRefusesAnInvalidCode() {
        assertThatIllegalArgumentException().isThrownBy(() -> FtpReply.of(99, "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> FtpReply.of(700, "x"));
    }

    @Test
    void ofKeepsUnknownCodes() {
        FtpReply reply = FtpReply.of(299, "Custom.");
        assertThat(reply.code().value()).isEqualTo(299);
        assertThat(reply.text()).isEqualTo("Custom.");
    }
}
