package io.ftpflux.reactive;

import static io.ftpflux.reactive.FaultClients.WAIT;
import static io.ftpflux.reactive.FaultClients.client;
import static io.ftpflux.reactive.FaultClients.closeQuietly;
import static io.ftpflux.reactive.FaultClients.commandsAfterLogin;
import static io.ftpflux.reactive.FaultClients.connect;
import static io.ftpflux.reactive.FaultClients.tally;
import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTransientReplyException;
import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.fault.RepeatingContent;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

/**
 * Passive data connections against a hostile or broken server (RFC 959 §4.1.2 PASV, RFC 2428 §3 EPSV, RFC 2577
 * §3): where the data connection goes, which ports are refused, malformed replies, the EPSV-to-PASV fallback, and
 * the race between the data connection and a refusal on the control connection.
 */
@Timeout(20)
class PassiveModeFaultIT {

    private static final RepeatingContent CONTENT = RepeatingContent.cycling(100_000);

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    private FtpSession session;

    @BeforeEach
    void file() {
        ftp.server().fileSystem().putFile("/file.bin", CONTENT);
    }

    @AfterEach
    void close() {
        closeQuietly(session);
    }

    @Test
    void theDataConnectionGoesToTheControlHostWhateverAddressPasvNames() {
        FaultServer server = ftp.server();
        server.onCommand("EPSV", Fault.reply("502 EPSV not implemented.\r\n"));
        server.onCommand("PASV", Fault.advertisePassive("10.0.0.1"));
        session = connect(client(server));

        StepVerifier.create(tally(session.download("/file.bin")))
                .assertNext(received -> {
                    assertThat(received.bytes()).isEqualTo(CONTENT.size());
                    assertThat(received.crc32()).isEqualTo(CONTENT.crc32());
                })
                .verifyComplete();
        assertThat(commandsAfterLogin(server)).containsExactly("EPSV", "PASV", "RETR /file.bin");
    }

    @ParameterizedTest
    @ValueSource(ints = {21, 22, 1023})
    void aPrivilegedPortInEpsvIsRefusedAsASecurityError(int port) {
        ftp.server().onCommand("EPSV", Fault.advertisePassive("127.0.0.1", port));
        session = connect(client(ftp.server()));

        StepVerifier.create(session.download("/file.bin"))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(FtpSecurityException.class)
                        .hasMessageContaining(String.valueOf(port)))
                .verify(WAIT);
        assertThat(commandsAfterLogin(ftp.server())).containsExactly("EPSV");
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void aPrivilegedPortInPasvIsRefusedAsASecurityError() {
        FaultServer server = ftp.server();
        server.onCommand("EPSV", Fault.reply("500 Unknown command.\r\n"));
        server.onCommand("PASV", Fault.advertisePassive("127.0.0.1", 25));
        session = connect(client(server));

        StepVerifier.create(session.download("/file.bin"))
                .expectError(FtpSecurityException.class)
                .verify(WAIT);
        assertThat(commandsAfterLogin(server)).containsExactly("EPSV", "PASV");
    }

    /** Port 0 is no port at all: ftp-core refuses it while parsing the reply, before any policy applies. */
    @ParameterizedTest
    @ValueSource(strings = {"EPSV", "PASV"})
    void portZeroIsRefusedBeforeAnyConnection(String verb) {
        FaultServer server = ftp.server();
        if (verb.equals("PASV")) {
            server.onCommand("EPSV", Fault.reply("502 EPSV not implemented.\r\n"));
        }
        server.onCommand(verb, Fault.advertisePassive("127.0.0.1", 0));
        session = connect(client(server));

        StepVerifier.create(session.download("/file.bin"))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(FtpProtocolException.class)
                        .hasMessageContaining("port 0"))
                .verify(WAIT);
        assertThat(commandsAfterLogin(server)).doesNotContain("RETR /file.bin");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "227 Entering Passive Mode (127,0,0,1,4)\r\n",
        "227 Entering Passive Mode (127,0,0,1,300,1)\r\n",
        "227 Entering Passive Mode\r\n",
        "200 PASV ok (127,0,0,1,4,1)\r\n"})
    void aMalformedPasvReplyIsAProtocolError(String reply) {
        FaultServer server = ftp.server();
        server.onCommand("EPSV", Fault.reply("502 EPSV not implemented.\r\n"));
        server.onCommand("PASV", Fault.reply(reply));
        session = connect(client(server));

        StepVerifier.create(session.download("/file.bin"))
                .expectError(FtpProtocolException.class)
                .verify(WAIT);
        assertThat(commandsAfterLogin(server)).containsExactly("EPSV", "PASV");
        assertThat(session.isOpen()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "229 Entering Extended Passive Mode (|||abc|)\r\n",
        "229 Entering Extended Passive Mode (|||70000|)\r\n",
        "229 Entering Extended Passive Mode |||6446|\r\n",
        "229 Entering Extended Passive Mode (|1|10.0.0.1|6446|)\r\n"})
    void aMalformedEpsvReplyIsAProtocolErrorNotAReasonToTryPasv(String reply) {
        FaultServer server = ftp.server();
        server.onCommand("EPSV", Fault.reply(reply));
        session = connect(client(server));

        StepVerifier.create(session.download("/file.bin"))
                .expectError(FtpProtocolException.class)
                .verify(WAIT);
        assertThat(commandsAfterLogin(server)).containsExactly("EPSV");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500 Unknown command.\r\n", "502 EPSV not implemented.\r\n"})
    void aRefusedEpsvFallsBackToPasvForTheRestOfTheSession(String refusal) {
        FaultServer server = ftp.server();
        server.onCommand("EPSV", Fault.reply(refusal));
        session = connect(client(server));

        StepVerifier.create(tally(session.download("/file.bin")).then(tally(session.download("/file.bin"))))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(CONTENT.crc32()))
                .verifyComplete();
        assertThat(commandsAfterLogin(server))
                .containsExactly("EPSV", "PASV", "RETR /file.bin", "PASV", "RETR /file.bin");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void aTransientEpsvRefusalFailsTheOperationWithoutGivingUpOnEpsv() {
        FaultServer server = ftp.server();
        server.onCommand("EPSV", 1, Fault.reply("425 Too many passive connections, try later.\r\n"));
        session = connect(client(server));

        StepVerifier.create(session.download("/file.bin"))
                .expectError(FtpTransientReplyException.class)
                .verify(WAIT);
        StepVerifier.create(tally(session.download("/file.bin")))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(CONTENT.crc32()))
                .verifyComplete();
        assertThat(commandsAfterLogin(server)).containsExactly("EPSV", "EPSV", "RETR /file.bin");
    }

    /** The passive port takes the connection (the kernel's backlog) but never sends: the refusal must end the wait. */
    @ParameterizedTest
    @ValueSource(strings = {"425 Can't open data connection.", "450 File busy.", "550 Permission denied."})
    void aRefusalOnTheControlConnectionEndsTheWaitForDataAtOnce(String refusal) {
        FaultServer server = ftp.server();
        server.onCommand("EPSV", Fault.passiveNeverAccepts());
        server.onCommand("RETR", Fault.delayReply(Duration.ofMillis(100)), Fault.reply(refusal + "\r\n"));
        session = connect(client(server));

        long start = System.nanoTime();
        StepVerifier.create(session.download("/file.bin"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(FtpReplyException.class);
                    assertThat(((FtpReplyException) error).reply().code().value())
                            .isEqualTo(Integer.parseInt(refusal.substring(0, 3)));
                })
                .verify(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        // A refusal leaves the session in step and usable.
        assertThat(session.isOpen()).isTrue();
        StepVerifier.create(session.noop()).verifyComplete();
    }

    @Test
    void aPassivePortNobodyListensOnIsAConnectionErrorAndRetrIsNeverSent() {
        FaultServer server = ftp.server();
        server.onCommand("EPSV", Fault.passiveNotListening());
        session = connect(client(server));

        StepVerifier.create(session.download("/file.bin"))
                .expectError(FtpConnectionException.class)
                .verify(WAIT);
        assertThat(commandsAfterLogin(server)).containsExactly("EPSV");
    }
}
