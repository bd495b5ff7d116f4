package io.ftpflux.reactive;

import static io.ftpflux.reactive.FaultClients.WAIT;
import static io.ftpflux.reactive.FaultClients.client;
import static io.ftpflux.reactive.FaultClients.closeQuietly;
import static io.ftpflux.reactive.FaultClients.commandsAfterLogin;
import static io.ftpflux.reactive.FaultClients.connect;
import static io.ftpflux.reactive.FaultClients.tally;
import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpDataIntegrityException;
import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.FtpTransientReplyException;
import io.ftpflux.core.command.TransferType;
import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.fault.RepeatingContent;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Downloads against a misbehaving server (RFC 959 §3.2, §4.1.3 RETR, §5.4): a transfer completes only on data EOF
 * and a positive final reply, in either order; sizes announced in the 150 are checked; cancelling keeps the session
 * in step; a stalled server is told from a slow subscriber.
 */
@Timeout(20)
class DownloadFaultIT {

    private static final Duration SHORT = Duration.ofMillis(400);
    private static final RepeatingContent SMALL = RepeatingContent.cycling(200_000);
    private static final RepeatingContent BIG = RepeatingContent.cycling(16L * 1024 * 1024);

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    private FtpSession session;

    @AfterEach
    void close() {
        closeQuietly(session);
    }

    private FtpSession open(FtpTimeouts timeouts) {
        ftp.server().fileSystem().putFile("/small.bin", SMALL);
        ftp.server().fileSystem().putFile("/big.bin", BIG);
        session = connect(client(ftp.server()).mutate().timeouts(timeouts).build());
        return session;
    }

    private FtpSession open() {
        return open(FtpTimeouts.of(WAIT));
    }

    // Completion: data EOF and a positive final reply, in either order.

    @Test
    void aFinalReplyBeforeTheEndOfTheDataStillReadsEverything() {
        ftp.server().onCommand("RETR", Fault.finalReplyBeforeEof(Duration.ofMillis(300)));
        open();

        StepVerifier.create(tally(session.download("/small.bin")))
                .assertNext(received -> {
                    assertThat(received.bytes()).isEqualTo(SMALL.size());
                    assertThat(received.crc32()).isEqualTo(SMALL.crc32());
                })
                .verifyComplete();
        StepVerifier.create(session.noop()).verifyComplete();
    }

    @Test
    void theEndOfTheDataWithoutAFinalReplyFailsWithinTheReplyTimeout() {
        ftp.server().onCommand("RETR", Fault.omitFinalReply());
        open(FtpTimeouts.of(WAIT).withReply(SHORT));

        long start = System.nanoTime();
        StepVerifier.create(tally(session.download("/small.bin")))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(FtpTimeoutException.class,
                                timeout -> assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.REPLY)))
                .verify(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.multipliedBy(4));
        assertThat(session.isOpen()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"426 Connection closed; transfer aborted.", "451 Local error in processing."})
    void aNegativeFinalReplyAfterAllTheDataIsAFailure(String reply) {
        ftp.server().onCommand("RETR", Fault.finalReply(reply + "\r\n"));
        open();
        AtomicLong delivered = new AtomicLong();

        StepVerifier.create(session.download("/small.bin").doOnNext(buf -> delivered.addAndGet(buf.readableBytes())))
                .thenConsumeWhile(buf -> true)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(FtpTransientReplyException.class)
                        .hasMessageContaining(reply.substring(0, 3)))
                .verify(WAIT);
        assertThat(delivered.get()).isLessThanOrEqualTo(SMALL.size());
        assertThat(session.isOpen()).isTrue();
        StepVerifier.create(session.noop()).verifyComplete();
    }

    @Test
    void aResetDataConnectionIsExplainedByTheFinalReply() {
        ftp.server().onCommand("RETR", Fault.resetDataAfter(50_000),
                Fault.finalReply("426 Connection reset; transfer aborted.\r\n"));
        open();

        StepVerifier.create(tally(session.download("/small.bin")))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(FtpTransientReplyException.class)
                        .hasMessageContaining("426"))
                .verify(WAIT);
        StepVerifier.create(session.noop()).verifyComplete();
    }

    @ParameterizedTest
    @ValueSource(longs = {-1000, -1, 1, 1000})
    void aTransferOfAnotherSizeThanThe150AnnouncedIsAnIntegrityFailure(long difference) {
        ftp.server().onCommand("RETR", Fault.lieAboutSize(SMALL.size() + difference));
        open();

        StepVerifier.create(tally(session.download("/small.bin")))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(FtpDataIntegrityException.class, integrity -> {
                            assertThat(integrity.expectedBytes()).isEqualTo(SMALL.size() + difference);
                            assertThat(integrity.actualBytes()).isEqualTo(SMALL.size());
                        }))
                .verify(WAIT);
        // The server confirmed the transfer, so the session is still in step.
        StepVerifier.create(session.noop()).verifyComplete();
    }

    /** In ASCII mode line ends change the byte count, so the size a server announces is no promise. */
    @Test
    void inAsciiModeTheAnnouncedSizeIsNotChecked() {
        FaultServer server = ftp.server();
        server.fileSystem().putFile("/small.bin", SMALL);
        server.onCommand("RETR", Fault.lieAboutSize(SMALL.size() + 1000));
        session = connect(client(server).mutate().transferType(TransferType.ASCII).build());

        StepVerifier.create(tally(session.download("/small.bin")))
                .assertNext(received -> assertThat(received.bytes()).isEqualTo(SMALL.size()))
                .verifyComplete();
        assertThat(server.commands()).anyMatch(command -> command.line().equals("TYPE A"));
    }

    // A 421 at any time.

    @Test
    void a421MidTransferFailsTheDownloadAndTheQueuedOperationsAndClosesTheSession() {
        ftp.server().onCommand("RETR", Fault.throttle(100_000),
                Fault.unsolicited(Duration.ofMillis(300), "421 Shutting down.\r\n"));
        open();

        StepVerifier.create(Mono.zip(tally(session.download("/small.bin")).materialize(),
                        session.workingDirectory().materialize()))
                .assertNext(outcomes -> {
                    assertThat(outcomes.getT1().getThrowable()).isInstanceOf(FtpConnectionException.class)
                            .hasMessageContaining("421");
                    assertThat(outcomes.getT2().getThrowable()).isInstanceOf(FtpConnectionException.class);
                })
                .verifyComplete();
        assertThat(session.isOpen()).isFalse();
        assertThat(commandsAfterLogin(ftp.server())).containsExactly("EPSV", "RETR /small.bin");
        StepVerifier.create(session.noop()).expectError(FtpConnectionException.class).verify(WAIT);
    }

    // Cancelling.

    @Test
    void takingPartOfADownloadLeavesTheSessionUsable() {
        open();

        StepVerifier.create(session.download("/big.bin").take(3).map(ByteBuf::readableBytes))
                .expectNextCount(3)
                .verifyComplete();
        StepVerifier.create(session.size("/small.bin")).expectNext(SMALL.size()).verifyComplete();
        StepVerifier.create(tally(session.download("/small.bin")))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(SMALL.crc32()))
                .verifyComplete();
        assertThat(commandsAfterLogin(ftp.server()))
                .containsExactly("EPSV", "RETR /big.bin", "SIZE /small.bin", "EPSV", "RETR /small.bin");
    }

    @Test
    void cancellingADownloadLeavesTheSessionUsable() {
        open();

        StepVerifier.create(session.download("/big.bin").map(ByteBuf::readableBytes), 1)
                .expectNextCount(1)
                .thenCancel()
                .verify(WAIT);
        StepVerifier.create(session.workingDirectory()).expectNext("/").verifyComplete();
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void aCancelledDownloadWhoseFinalReplyNeverComesClosesTheSessionWithinTheResyncBound() {
        ftp.server().onCommand("RETR", Fault.stallDataAfter(100_000));
        open(FtpTimeouts.of(WAIT).withReply(SHORT));

        StepVerifier.create(session.download("/big.bin").map(ByteBuf::readableBytes), 1)
                .expectNextCount(1)
                .thenCancel()
                .verify(WAIT);
        long start = System.nanoTime();
        StepVerifier.create(session.workingDirectory())
                .expectError(FtpException.class)
                .verify(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.multipliedBy(4));
        assertThat(session.isOpen()).isFalse();
        assertThat(commandsAfterLogin(ftp.server())).containsExactly("EPSV", "RETR /big.bin");
    }

    // The whole-operation bound.

    @Test
    void aDownloadThatOutlastsTheOperationTimeoutFailsWithThatPhase() {
        ftp.server().onCommand("RETR", Fault.throttle(100_000));
        open(FtpTimeouts.of(WAIT).withOperation(SHORT));

        StepVerifier.create(session.download("/big.bin").map(ByteBuf::readableBytes))
                .thenConsumeWhile(bytes -> true)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(FtpTimeoutException.class,
                                timeout -> assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.OPERATION)))
                .verify(WAIT);
    }

    @Test
    void theOperationTimeoutCountsFromTheOperationsTurnNotItsWaitInTheQueue() {
        ftp.server().onCommand("RETR", Fault.throttle(700_000));
        open(FtpTimeouts.of(WAIT).withOperation(Duration.ofMillis(700)));

        // Each takes about 300 ms of throttled transfer: alone within the bound, the three together beyond it.
        Mono<Long> one = session.download("/small.bin").map(ByteBuf::readableBytes).reduce(0L, Long::sum);
        Mono<Long> two = session.download("/small.bin").map(ByteBuf::readableBytes).reduce(0L, Long::sum);
        Mono<Long> three = session.download("/small.bin").map(ByteBuf::readableBytes).reduce(0L, Long::sum);
        StepVerifier.create(Mono.zip(one, two, three))
                .assertNext(sizes -> assertThat(sizes.toList()).containsOnly(SMALL.size()))
                .verifyComplete();
    }

    // A stalled server is not a slow subscriber.

    @Test
    void aServerThatStallsMidTransferTripsTheDataIdleTimeout() {
        ftp.server().onCommand("RETR", Fault.stallDataAfter(100_000));
        open(FtpTimeouts.of(WAIT).withDataIdle(SHORT));

        StepVerifier.create(tally(session.download("/big.bin")))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(FtpTimeoutException.class,
                                timeout -> assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.DATA_IDLE)))
                .verify(WAIT);
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void aSlowSubscriberOfAFastServerIsNotAStall() {
        open(FtpTimeouts.of(WAIT).withDataIdle(Duration.ofMillis(200)));

        assertSlowSubscriberCompletes("/big.bin", BIG, 20);
    }

    @Test
    void aSlowSubscriberOfAThrottledButFlowingServerIsNotAStall() {
        // 10 kB every 100 ms for 1.5 s; the subscriber asks for one buffer per 50 ms for at least a second.
        RepeatingContent content = RepeatingContent.cycling(150_000);
        ftp.server().fileSystem().putFile("/throttled.bin", content);
        ftp.server().onCommand("RETR", Fault.throttle(100_000));
        open(FtpTimeouts.of(WAIT).withDataIdle(Duration.ofMillis(300)));

        assertSlowSubscriberCompletes("/throttled.bin", content, 10);
    }

    @Test
    void aSlowSubscriberHoldsTheServerBackThroughTcp() {
        // 1 GiB on offer; the subscriber takes one buffer per 10 ms for two seconds. Without backpressure reaching
        // TCP the server would have sent the whole file in that time (the loopback moves over 1 GB/s); with it,
        // the server stays within what was consumed plus the socket buffers.
        RepeatingContent gigabyte = RepeatingContent.cycling(1L << 30);
        ftp.server().fileSystem().putFile("/gigabyte.bin", gigabyte);
        open();

        AtomicLong received = new AtomicLong();
        var step = StepVerifier.create(session.download("/gigabyte.bin")
                        .map(buf -> received.addAndGet(buf.readableBytes())), 0)
                .expectSubscription();
        for (int i = 0; i < 200; i++) {
            step = step.thenAwait(Duration.ofMillis(10)).thenRequest(1).expectNextCount(1);
        }
        step.thenCancel().verify(WAIT);

        long produced = ftp.server().dataBytesProduced();
        assertThat(received.get()).isLessThanOrEqualTo(200L * 1024 * 1024);
        assertThat(produced - received.get()).as("bytes the server ran ahead of the subscriber")
                .isLessThan(64L * 1024 * 1024);
        StepVerifier.create(session.noop()).verifyComplete();
    }

    /** Requests one buffer per 50 ms, {@code slowBuffers} times, for well over the idle timeout, then the rest. */
    private void assertSlowSubscriberCompletes(String path, RepeatingContent content, int slowBuffers) {
        AtomicLong received = new AtomicLong();
        var step = StepVerifier.create(session.download(path).map(buf -> received.addAndGet(buf.readableBytes())), 0)
                .expectSubscription();
        for (int i = 0; i < slowBuffers; i++) {
            step = step.thenAwait(Duration.ofMillis(50)).thenRequest(1).expectNextCount(1);
        }
        step.thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(total -> true)
                .expectComplete()
                .verify(WAIT);
        assertThat(received.get()).isEqualTo(content.size());
    }
}
