package io.ftpflux.reactive;

import static io.ftpflux.reactive.FaultClients.WAIT;
import static io.ftpflux.reactive.FaultClients.chunks;
import static io.ftpflux.reactive.FaultClients.client;
import static io.ftpflux.reactive.FaultClients.closeQuietly;
import static io.ftpflux.reactive.FaultClients.connect;
import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.fault.ReceivedCommand;
import io.ftpflux.testkit.fault.RepeatingContent;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

/**
 * Uploads against a misbehaving server (RFC 959 §4.1.3 STOR, §5.4): the caller's data is subscribed only after the
 * server's 1yz, a refusal after the data says the file was not stored, and a failing source never looks like a
 * complete file.
 */
@Timeout(20)
class UploadFaultIT {

    private static final byte[] CONTENT = RepeatingContent.cycling(300_000).toByteArray();

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    private FtpSession session;

    @AfterEach
    void close() {
        closeQuietly(session);
    }

    @Test
    void theSourceIsSubscribedOnlyAfterThePreliminaryReply() {
        FaultServer server = ftp.server();
        server.onCommand("STOR", Fault.delayReply(Duration.ofMillis(300)));
        session = connect(client(server));
        AtomicReference<Instant> subscribedAt = new AtomicReference<>();
        Flux<ByteBuf> source = chunks(CONTENT, 32 * 1024).doOnSubscribe(ignored -> subscribedAt.set(Instant.now()));

        StepVerifier.create(session.upload("/up.bin", source))
                .expectNext((long) CONTENT.length)
                .verifyComplete();

        ReceivedCommand stor = server.awaitCommand("STOR", WAIT);
        assertThat(Duration.between(stor.receivedAt(), subscribedAt.get())).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(server.fileSystem().readFile("/up.bin")).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(CONTENT));
    }

    @Test
    void aFinalReplyBeforeTheDataEndedStillSendsEverything() {
        FaultServer server = ftp.server();
        server.onCommand("STOR", Fault.finalReplyBeforeEof(Duration.ZERO));
        session = connect(client(server));

        StepVerifier.create(session.upload("/up.bin", chunks(CONTENT, 32 * 1024)))
                .expectNext((long) CONTENT.length)
                .verifyComplete();
        // The server stores the file when it has read to the end; NOOP is answered after that.
        StepVerifier.create(session.noop()).verifyComplete();
        assertThat(server.fileSystem().readFile("/up.bin")).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(CONTENT));
    }

    @Test
    void cancellingAnUploadResetsTheDataConnectionAndLeavesTheSessionUsable() {
        FaultServer server = ftp.server();
        session = connect(client(server));
        Flux<ByteBuf> slowSource = chunks(CONTENT, 8 * 1024).delayElements(Duration.ofMillis(50));

        StepVerifier.create(session.upload("/up.bin", slowSource))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(300))
                .thenCancel()
                .verify(WAIT);
        StepVerifier.create(session.workingDirectory()).expectNext("/").verifyComplete();
        assertThat(server.fileSystem().readFile("/up.bin")).isEmpty();
    }

    @Test
    void aRefusalInsteadOfThePreliminaryReplyNeverSubscribesTheSource() {
        ftp.server().onCommand("STOR", Fault.reply("550 Permission denied.\r\n"));
        session = connect(client(ftp.server()));
        PublisherProbe<ByteBuf> source = PublisherProbe.of(chunks(CONTENT, 32 * 1024));

        StepVerifier.create(session.upload("/up.bin", source.flux()))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(FtpPermanentReplyException.class)
                        .hasMessageContaining("550"))
                .verify(WAIT);
        source.assertWasNotSubscribed();
        assertThat(session.isOpen()).isTrue();
        StepVerifier.create(session.noop()).verifyComplete();
    }

    @ParameterizedTest
    @ValueSource(strings = {"552 Quota exceeded.", "451 Local error in processing."})
    void aRefusalAfterTheDataSaysTheFileWasNotStored(String reply) {
        ftp.server().onCommand("STOR", Fault.finalReply(reply + "\r\n"));
        session = connect(client(ftp.server()));

        StepVerifier.create(session.upload("/up.bin", chunks(CONTENT, 32 * 1024)))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(FtpReplyException.class).hasMessageContaining(reply)
                            .hasMessageContaining("not stored");
                    assertThat(((FtpReplyException) error).reply().code().value())
                            .isEqualTo(Integer.parseInt(reply.substring(0, 3)));
                })
                .verify(WAIT);
        assertThat(session.isOpen()).isTrue();
        StepVerifier.create(session.noop()).verifyComplete();
    }

    @Test
    void aFailingSourceResetsTheDataConnectionAndTheErrorIsTheSources() {
        FaultServer server = ftp.server();
        session = connect(client(server));
        IOException readFailure = new IOException("the disk went away");
        Flux<ByteBuf> source = chunks(CONTENT, 32 * 1024).take(4).concatWith(Flux.error(readFailure));

        StepVerifier.create(session.upload("/up.bin", source))
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(readFailure))
                .verify(WAIT);
        // The server saw a reset, not an end of file: nothing was stored.
        StepVerifier.create(session.noop()).verifyComplete();
        assertThat(server.fileSystem().readFile("/up.bin")).isEmpty();
    }

    @Test
    void aServerThatStopsReadingTripsTheDataIdleTimeout() {
        ftp.server().onCommand("STOR", Fault.stallDataAfter(64 * 1024));
        session = connect(client(ftp.server()).mutate()
                .timeouts(FtpTimeouts.of(WAIT).withDataIdle(Duration.ofMillis(400)))
                .build());
        byte[] large = RepeatingContent.cycling(32L * 1024 * 1024).toByteArray();

        StepVerifier.create(session.upload("/up.bin", chunks(large, 64 * 1024)))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(FtpTimeoutException.class,
                                timeout -> assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.DATA_IDLE)))
                .verify(WAIT);
        assertThat(session.isOpen()).isFalse();
    }
}
