package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.reactive.event.FtpEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    @Test
    void commandsComeRedactedAndRepliesWithTheirCode() {
        String pass = FtpCommands.pass("s3cret").toString();
        assertThat(Transcript.line(new FtpEvent(FtpEvent.Type.COMMAND, FtpEvent.Stage.STARTED, pass, null, -1,
                Duration.ZERO, null))).startsWith("--> PASS").doesNotContain("s3cret");
        assertThat(Transcript.line(new FtpEvent(FtpEvent.Type.COMMAND, FtpEvent.Stage.SUCCEEDED, pass, 230, -1,
                Duration.ofMillis(3), null))).isEqualTo("<-- 230 (3 ms)");
    }

    @Test
    void aTransferStartAddsNothingAndItsEndShowsTheBytes() {
        assertThat(Transcript.line(new FtpEvent(FtpEvent.Type.TRANSFER, FtpEvent.Stage.STARTED, "RETR f", null, -1,
                Duration.ZERO, null))).isNull();
        assertThat(Transcript.line(new FtpEvent(FtpEvent.Type.TRANSFER, FtpEvent.Stage.SUCCEEDED, "RETR f", 226, 42,
                Duration.ofMillis(5), null))).isEqualTo("* transfer done: 42 bytes in 5 ms");
    }
}
