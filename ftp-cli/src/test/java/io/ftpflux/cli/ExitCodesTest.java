package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpDataIntegrityException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.address.PassiveAddress;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyAssembler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

    private static FtpReplyException refusal(int code, String text) {
        return FtpReplyException.of(FtpCommands.retr("f"), FtpReply.of(code, text));
    }

    @Test
    void connectionFailuresAndA421AreConnectionFailures() {
        assertThat(ExitCodes.of(new FtpConnectionException("connection refused", new IOException("refused"))))
                .isEqualTo(3);
        assertThat(ExitCodes.of(refusal(421, "Too many users"))).isEqualTo(3);
    }

    @Test
    void refusedLoginsHaveTheirOwnCode() {
        assertThat(ExitCodes.of(FtpReplyException.of(FtpCommands.pass("secret"), FtpReply.of(530, "Login incorrect."))))
                .isEqualTo(4);
        assertThat(ExitCodes.of(refusal(532, "Need account"))).isEqualTo(4);
    }

    @Test
    void otherRefusalsSplitByTheFirstDigit() {
        assertThat(ExitCodes.of(refusal(450, "busy"))).isEqualTo(5);
        assertThat(ExitCodes.of(refusal(425, "no data connection"))).isEqualTo(5);
        assertThat(ExitCodes.of(refusal(550, "No such file"))).isEqualTo(6);
        assertThat(ExitCodes.of(refusal(502, "not implemented"))).isEqualTo(6);
    }

    @Test
    void aMalformedReplyIsAProtocolViolation() {
        Throwable malformed = catchThrowable(() -> PassiveAddress.parsePasvReply(FtpReply.of(227, "no address here")));
        assertThat(ExitCodes.of(malformed)).isEqualTo(7);
        byte[] notAReply = "HELLO there\r\n".getBytes(StandardCharsets.US_ASCII);
        Throwable garbage = catchThrowable(() -> new ReplyAssembler().feed(notAReply, 0, notAReply.length, reply -> { }));
        assertThat(ExitCodes.of(garbage)).isEqualTo(7);
    }

    @Test
    void timeoutsSecurityAndIntegrityHaveTheirCodes() {
        assertThat(ExitCodes.of(new FtpTimeoutException(FtpTimeoutException.Phase.DATA_IDLE, Duration.ofSeconds(1),
                "no data"))).isEqualTo(8);
        assertThat(ExitCodes.of(new FtpSecurityException("certificate not trusted"))).isEqualTo(9);
        assertThat(ExitCodes.of(new FtpDataIntegrityException("short transfer", 100, 40))).isEqualTo(10);
    }

    @Test
    void anUnsafeArgumentIsAUsageError() {
        Throwable unsafe = catchThrowable(() -> FtpCommands.retr("a\r\nDELE b"));
        assertThat(ExitCodes.of(unsafe)).isEqualTo(2);
    }

    @Test
    void theFtpCauseDecidesThroughWrappersAndLocalFailuresAreOne() {
        assertThat(ExitCodes.of(new ExecutionException(refusal(550, "gone")))).isEqualTo(6);
        assertThat(ExitCodes.of(new UncheckedIOException(new NoSuchFileException("x")))).isEqualTo(1);
        assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(1);
    }

    @Test
    void descriptionsAreOneLineWithTheServersReplyAndNoSecret() {
        String described = ExitCodes.describe(new ExecutionException(FtpReplyException.of(FtpCommands.pass("s3cret"),
                new FtpReply(io.ftpflux.core.reply.ReplyCode.of(530), java.util.List.of("530-Login", "530 incorrect")))));
        assertThat(described).doesNotContain("\n").doesNotContain("s3cret").contains("530");
        assertThat(ExitCodes.describe(new UncheckedIOException(new NoSuchFileException("/tmp/x"))))
                .isEqualTo("no such local file: /tmp/x");
    }

    @Test
    void theHelpListsEveryCode() {
        assertThat(ExitCodes.help().keySet()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }
}
