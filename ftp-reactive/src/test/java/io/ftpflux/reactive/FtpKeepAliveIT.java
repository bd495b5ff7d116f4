package io.ftpflux.reactive;

import static io.ftpflux.reactive.FaultClients.WAIT;
import static io.ftpflux.reactive.FaultClients.client;
import static io.ftpflux.reactive.FaultClients.closeQuietly;
import static io.ftpflux.reactive.FaultClients.connect;
import static io.ftpflux.reactive.FaultClients.tally;
import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.fault.ReceivedCommand;
import io.ftpflux.testkit.fault.RepeatingContent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** The opt-in NOOP keep-alive (RFC 959 §4.1.3): only while the session is idle, never inside an operation. */
@Timeout(20)
class FtpKeepAliveIT {

    private static final Duration INTERVAL = Duration.ofMillis(150);

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    private FtpSession session;

    @AfterEach
    void close() {
        closeQuietly(session);
    }

    @Test
    void anIdleSessionSendsANoopEachInterval() {
        FaultServer server = ftp.server();
        session = connect(client(server).mutate().keepAlive(INTERVAL).build());

        AtomicInteger noops = new AtomicInteger();
        ReceivedCommand second = server.awaitCommand(command -> command.is("NOOP") && noops.incrementAndGet() == 2, WAIT);
        ReceivedCommand first = noops(server).get(0);

        assertThat(Duration.between(first.receivedAt(), second.receivedAt())).isGreaterThanOrEqualTo(INTERVAL.dividedBy(2));
        ReceivedCommand lastLogin = server.awaitCommand("TYPE", WAIT);
        assertThat(first.sequence()).isGreaterThan(lastLogin.sequence());
        StepVerifier.create(session.workingDirectory()).expectNext("/").verifyComplete();
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void noNoopIsSentDuringATransfer() {
        FaultServer server = ftp.server();
        RepeatingContent content = RepeatingContent.cycling(40 * 1024);
        server.fileSystem().putFile("/slow.bin", content);
        server.onCommand("RETR", Fault.throttle(50 * 1024));
        session = connect(client(server).mutate().keepAlive(INTERVAL).build());

        StepVerifier.create(tally(session.download("/slow.bin")))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(content.crc32()))
                .verifyComplete();
        Instant done = Instant.now();

        ReceivedCommand epsv = server.awaitCommand("EPSV", WAIT);
        assertThat(Duration.between(epsv.receivedAt(), done)).isGreaterThan(INTERVAL.multipliedBy(3));
        assertThat(noops(server)).noneMatch(noop -> noop.receivedAt().isAfter(epsv.receivedAt())
                && noop.receivedAt().isBefore(done));
        // Idle again afterwards: the keep-alive resumes.
        server.awaitCommand(command -> command.is("NOOP") && command.receivedAt().isAfter(done), WAIT);
    }

    @Test
    void keepAliveIsOffByDefault() throws InterruptedException {
        FaultServer server = ftp.server();
        session = connect(client(server));

        Thread.sleep(INTERVAL.multipliedBy(3).toMillis());

        assertThat(noops(server)).isEmpty();
    }

    private static List<ReceivedCommand> noops(FaultServer server) {
        return server.commands().stream().filter(command -> command.is("NOOP")).toList();
    }
}
