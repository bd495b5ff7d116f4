package io.ftpflux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FtpReplyExceptionTest {

    @ParameterizedTest
    @ValueSource(ints = {400, 421, 425, 426, 450, 451, 452, 499})
    void transientNegativeRepliesBecomeTransientExceptions(int code) {
        FtpCommand command = FtpCommands.retr("a.txt");
        FtpReply reply = FtpReply.of(code, "Try later.");

        FtpReplyException exception = FtpReplyException.of(command, reply);

        assertThat(exception).isInstanceOf(FtpTransientReplyException.class);
        assertThat(exception.command()).isSameAs(command);
        assertThat(exception.reply()).isSameAs(reply);
        assertThat(exception).hasMessage("RETR a.txt refused: " + code + " Try later.");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 501, 502, 503, 504, 522, 530, 550, 553, 599})
    void permanentNegativeRepliesBecomePermanentExceptions(int code) {
        FtpReplyException exception = FtpReplyException.of(FtpCommands.dele("x"), FtpReply.of(code, "No."));
        assertThat(exception).isInstanceOf(FtpPermanentReplyException.class);
        assertThat(exception.reply().code()).isEqualTo(ReplyCode.of(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {110, 150, 200, 226, 299, 331, 350, 631, 633, 699})
    void positiveAndProtectedRepliesAreRefused(int code) {
        FtpReply reply = FtpReply.of(code, "Fine.");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FtpReplyException.of(FtpCommands.noop(), reply))
                .withMessage("not a negative reply: " + code + " Fine.");
    }

    @Test
    void anUnsolicitedReplyHasNoCommand() {
        FtpReplyException exception = FtpReplyException.of(null,
                FtpReply.of(421, "Service not available, closing control connection."));
        assertThat(exception.command()).isNull();
        assertThat(exception).hasMessage("server replied 421 Service not available, closing control connection.");
    }

    @Test
    void aMultiLineReplyStaysOnOneMessageLine() {
        FtpReply reply = new FtpReply(ReplyCode.FILE_UNAVAILABLE, List.of("550-No such file:", " a.txt", "550 End"));
        FtpReplyException exception = FtpReplyException.of(FtpCommands.retr("a.txt"), reply);
        assertThat(exception).hasMessage("RETR a.txt refused: 550 No such file:  a.txt End");
        assertThat(exception.getMessage()).doesNotContain("\n");
    }

    @Test
    void theMessageOfARefusedLoginNeverShowsThePassword() {
        String password = "correct horse battery staple";
        FtpReplyException exception = FtpReplyException.of(FtpCommands.pass(password),
                FtpReply.of(530, "Login incorrect."));

        assertThat(exception).isInstanceOf(FtpPermanentReplyException.class);
        assertThat(exception.getMessage()).doesNotContain(password).contains(FtpCommand.REDACTED);
        assertThat(exception.toString()).doesNotContain(password);
        assertThat(String.valueOf(exception.command())).doesNotContain(password);
    }
}
