package io.ftpflux.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTransientReplyException;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.interop.ResultTable.Status;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class VerdictTest {

    private static final Limitation NO_MLSD = Limitation.ofServer(Server.VSFTPD, Check.MLSD, ServerLacks.class,
            "no MLSD here");

    @Test
    void aCompletedRunWithoutALimitationPasses() {
        Verdict verdict = Verdict.judge(Optional.empty(), null);

        assertThat(verdict.outcome().status()).isEqualTo(Status.PASS);
        assertThatCode(verdict::conclude).doesNotThrowAnyException();
    }

    @Test
    void aFailedRunWithoutALimitationFailsWithTheFailureAsCause() {
        IllegalStateException failure = new IllegalStateException("first line\nsecond line");

        Verdict verdict = Verdict.judge(Optional.empty(), failure);

        assertThat(verdict.outcome().status()).isEqualTo(Status.FAIL);
        assertThat(verdict.outcome().detail()).isEqualTo("IllegalStateException: first line second line");
        assertThatThrownBy(verdict::conclude).isInstanceOf(AssertionError.class).hasCause(failure);
    }

    @Test
    void anAssertionFailureIsRethrownAsItIs() {
        AssertionError failure = new AssertionError("expected 3 entries");

        assertThatThrownBy(Verdict.judge(Optional.empty(), failure)::conclude).isSameAs(failure);
    }

    @Test
    void aFailureAsStatedIsTheLimitationAndSkipsTheTestWithItsReason() {
        Verdict verdict = Verdict.judge(Optional.of(NO_MLSD), newServerLacks());

        assertThat(verdict.outcome().status()).isEqualTo(Status.LIMITATION);
        assertThat(verdict.outcome().detail()).isEqualTo("no MLSD here");
        assertThatThrownBy(verdict::conclude).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no MLSD here")
                .hasMessageContaining("the server does not offer MLSD");
    }

    @Test
    void aKnownClientBugSeenAsStatedSkipsTheTestAsABug() {
        Limitation bug = Limitation.clientBug(Server.PROFTPD, EnumSet.of(Cell.EXPLICIT_FTPS_TLS13_PASSIVE_IPV4),
                Check.LIST, IllegalStateException.class, "ftpflux bug: this one");

        Verdict verdict = Verdict.judge(Optional.of(bug), new IllegalStateException("425"));

        assertThat(verdict.outcome().status()).isEqualTo(Status.KNOWN_BUG);
        assertThatThrownBy(verdict::conclude).isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("known client bug: ftpflux bug: this one");
    }

    @Test
    void aStatedLimitationThatNoLongerHoldsFails() {
        Verdict verdict = Verdict.judge(Optional.of(NO_MLSD), null);

        assertThat(verdict.outcome().status()).isEqualTo(Status.FAIL);
        assertThatThrownBy(verdict::conclude).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no longer holds")
                .hasMessageContaining("no MLSD here");
    }

    @Test
    void aFailureOtherThanTheStatedOneFails() {
        FtpReplyException other = FtpReplyException.of(null, FtpReply.of(421, "closing"));

        Verdict verdict = Verdict.judge(Optional.of(NO_MLSD), other);

        assertThat(verdict.outcome().status()).isEqualTo(Status.FAIL);
        assertThat(verdict.outcome().detail()).contains("failed otherwise than the stated limitation (ServerLacks");
        assertThatThrownBy(verdict::conclude).isInstanceOf(AssertionError.class).hasCause(other);
    }

    @Test
    void aReplyLimitationHoldsOnlyWithItsReplyCode() {
        Limitation refused = Limitation.ofServerReply(Server.PROFTPD,
                EnumSet.of(Cell.EXPLICIT_FTPS_TLS13_PASSIVE_IPV4), Check.LIST, FtpTransientReplyException.class, 425,
                "refused data connection");

        Verdict asStated = Verdict.judge(Optional.of(refused),
                FtpReplyException.of(null, FtpReply.of(425, "Unable to build data connection")));
        Verdict otherCode = Verdict.judge(Optional.of(refused),
                FtpReplyException.of(null, FtpReply.of(421, "closing")));

        assertThat(asStated.outcome().status()).isEqualTo(Status.LIMITATION);
        assertThat(otherCode.outcome().status()).isEqualTo(Status.FAIL);
        assertThat(otherCode.outcome().detail())
                .contains("failed otherwise than the stated limitation (FtpTransientReplyException 425");
        assertThatThrownBy(otherCode::conclude).isInstanceOf(AssertionError.class);
    }

    @Test
    void aReplyLimitationLooksForItsReplyAmongTheCauses() {
        Limitation refused = Limitation.ofServerReply(Server.VSFTPD,
                EnumSet.of(Cell.EXPLICIT_FTPS_TLS12_PASSIVE_IPV4), Check.LIST, FtpSecurityException.class, 522,
                "session reuse required");
        FtpReplyException reply = FtpReplyException.of(null, FtpReply.of(522, "session reuse required"));

        Verdict explained = Verdict.judge(Optional.of(refused), new FtpSecurityException("not resumed", reply));
        Verdict bare = Verdict.judge(Optional.of(refused), reply);
        Verdict noReply = Verdict.judge(Optional.of(refused), new FtpSecurityException("handshake failed", null));

        assertThat(explained.outcome().status()).isEqualTo(Status.LIMITATION);
        assertThat(bare.outcome().status()).isEqualTo(Status.FAIL);
        assertThat(noReply.outcome().status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aLongMessageIsCutInTheSummary() {
        assertThat(Verdict.summary(new IllegalStateException("x".repeat(1000))))
                .hasSize("IllegalStateException: ".length() + 303)
                .endsWith("...");
    }

    private static ServerLacks newServerLacks() {
        try {
            ServerLacks.require(false, "MLSD");
        } catch (ServerLacks expected) {
            return expected;
        }
        throw new IllegalStateException("ServerLacks.require(false, ...) did not throw");
    }
}
