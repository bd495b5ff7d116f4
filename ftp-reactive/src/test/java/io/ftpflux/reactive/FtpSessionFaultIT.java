package io.ftpflux.reactive;

import static io.ftpflux.reactive.FaultClients.WAIT;
import static io.ftpflux.reactive.FaultClients.client;
import static io.ftpflux.reactive.FaultClients.closeQuietly;
import static io.ftpflux.reactive.FaultClients.commandsAfterLogin;
import static io.ftpflux.reactive.FaultClients.connect;
import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.FtpUnsafeArgumentException;
import io.ftpflux.core.reply.ReplyLimits;
import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.fault.ReceivedCommand;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.util.LoggerUtils;
import reactor.test.util.TestLogger;

/**
 * The control connection against a scripted server that misbehaves (RFC 959 §4.2, §5.4): greetings, the one command
 * in flight, replies that come unasked, late, never, too often or malformed, and arguments that would inject commands.
 */
@Timeout(20)
class FtpSessionFaultIT {

    private static final Duration SHORT = Duration.ofMillis(400);

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    private FtpSession session;

    @AfterEach
    void close() {
        closeQuietly(session);
    }

    // Greeting (RFC 959 §5.4: 120 then 220, or 220; 421 when the service is unavailable).

    @Test
    void aPlainGreetingOpensTheSession() {
        StepVerifier.create(client(ftp.server()).connect())
                .assertNext(opened -> {
                    session = opened;
                    assertThat(opened.isOpen()).isTrue();
                    assertThat(opened.features().supportsSize()).isTrue();
                })
                .verifyComplete();
    }

    @Test
    void aGreetingMayBePrecededBy120() {
        ftp.server().onConnect(Fault.reply("120 Service ready in a moment.\r\n220 Ready now.\r\n"));

        StepVerifier.create(client(ftp.server()).connect())
                .assertNext(opened -> {
                    session = opened;
                    assertThat(opened.isOpen()).isTrue();
                })
                .verifyComplete();
    }

    @Test
    void a421GreetingIsAConnectionErrorCarryingTheReply() {
        ftp.server().onConnect(Fault.reply("421 Service not available, closing control connection.\r\n"),
                Fault.closeControlAfter(100));

        StepVerifier.create(client(ftp.server()).connect())
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(FtpConnectionException.class)
                            .hasMessageContaining("Service not available");
                    assertThat(((FtpConnectionException) error).reply()).isNotNull()
                            .satisfies(reply -> assertThat(reply.code().value()).isEqualTo(421));
                })
                .verify(WAIT);
        assertThat(ftp.server().commands()).isEmpty();
    }

    @Test
    void aMalformedGreetingIsAProtocolError() {
        ftp.server().onConnect(Fault.reply("Welcome to my FTP server\r\n"));

        StepVerifier.create(client(ftp.server()).connect())
                .expectError(FtpProtocolException.class)
                .verify(WAIT);
        assertThat(ftp.server().commands()).isEmpty();
    }

    @Test
    void noGreetingIsAGreetingTimeout() {
        ftp.server().onConnect(Fault.neverReply());

        StepVerifier.create(shortGreetingTimeout().connect())
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(FtpTimeoutException.class,
                                timeout -> assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.GREETING)))
                .verify(WAIT);
    }

    @Test
    void a120WithoutA220IsAGreetingTimeout() {
        ftp.server().onConnect(Fault.reply("120 Service ready in a while.\r\n"));

        StepVerifier.create(shortGreetingTimeout().connect())
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(FtpTimeoutException.class,
                                timeout -> assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.GREETING)))
                .verify(WAIT);
    }

    private FtpClient shortGreetingTimeout() {
        return client(ftp.server()).mutate().timeouts(FtpTimeouts.of(WAIT).withGreeting(SHORT)).build();
    }

    @Test
    void givingUpOnConnectClosesTheConnection() {
        ftp.server().onConnect(Fault.delayReply(Duration.ofSeconds(2)));

        StepVerifier.create(client(ftp.server()).connect().timeout(Duration.ofMillis(300)))
                .expectError(java.util.concurrent.TimeoutException.class)
                .verify(WAIT);
        ftp.server().awaitNoOpenConnections(WAIT);
        assertThat(ftp.server().connectionCount()).isEqualTo(1);
    }

    /**
     * Each session owns its connection: no pool caps how many are open at once. Reactor Netty's default TCP pool
     * holds 500 connections per remote address and queues the rest for 45 seconds.
     */
    @Test
    void moreThanFiveHundredSessionsToOneServerOpenAtOnce() {
        FtpClient client = client(ftp.server());
        int sessions = 510;

        StepVerifier.create(Flux.range(0, sessions)
                        .flatMap(i -> client.connect(), sessions)
                        .collectList()
                        .flatMap(opened -> Flux.fromIterable(opened)
                                .flatMap(each -> each.noop().then(each.close()))
                                .then(Mono.just(opened.size()))))
                .expectNext(sessions)
                .verifyComplete();
        assertThat(ftp.server().connectionCount()).isEqualTo(sessions);
    }

    // One command in flight, replies in order, operations in subscription order.

    @Test
    void operationsSubscribedTogetherRunOneAtATimeInSubscriptionOrder() {
        FaultServer server = ftp.server();
        server.onCommand("MKD", 1, Fault.delayReply(Duration.ofMillis(300)));
        session = connect(client(server));

        StepVerifier.create(Mono.zip(
                        session.makeDirectory("/first"),
                        session.makeDirectory("/second"),
                        session.workingDirectory(),
                        session.size("/missing").map(String::valueOf).onErrorResume(error -> Mono.just("refused"))))
                .assertNext(results -> {
                    assertThat(results.getT1()).isEqualTo("/first");
                    assertThat(results.getT2()).isEqualTo("/second");
                    assertThat(results.getT3()).isEqualTo("/");
                    assertThat(results.getT4()).isEqualTo("refused");
                })
                .verifyComplete();

        assertThat(commandsAfterLogin(server)).containsExactly("MKD /first", "MKD /second", "PWD", "SIZE /missing");
        List<ReceivedCommand> all = server.commands();
        ReceivedCommand first = all.stream().filter(c -> c.line().equals("MKD /first")).findFirst().orElseThrow();
        ReceivedCommand second = all.stream().filter(c -> c.line().equals("MKD /second")).findFirst().orElseThrow();
        // Nothing is pipelined: the second command leaves only after the first one's (delayed) reply.
        assertThat(Duration.between(first.receivedAt(), second.receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    // Replies the session did not ask for, and a 421 at any time, close it.

    @Test
    void anUnsolicitedReplyBetweenCommandsClosesTheSession() {
        session = connect(client(ftp.server()));

        assertThat(ftp.server().sendUnsolicited("200 Nobody asked.\r\n")).isEqualTo(1);

        awaitClosed(session);
        StepVerifier.create(session.noop())
                .expectError(FtpConnectionException.class)
                .verify(WAIT);
    }

    @Test
    void aSecondReplyInTheSamePacketIsNeverTakenForTheNextCommandsReply() {
        FaultServer server = ftp.server();
        server.onCommand("NOOP", Fault.reply("200 NOOP ok.\r\n257 \"/decoy\" is not the answer to PWD.\r\n"));
        session = connect(client(server));

        Mono<Void> noop = session.noop();
        Mono<String> pwd = session.workingDirectory();
        Mono<Long> size = session.size("/anything");
        StepVerifier.create(Mono.zip(noop.materialize(), pwd.materialize(), size.materialize()))
                .assertNext(outcomes -> {
                    assertThat(outcomes.getT1().isOnComplete()).isTrue();
                    // PWD was either sent before the stray reply was read, or queued behind it: either way it
                    // fails because of the stray reply, and never returns "/decoy".
                    assertThat(outcomes.getT2().isOnError()).isTrue();
                    assertCausedByUnsolicitedReply(outcomes.getT2().getThrowable());
                    assertCausedByUnsolicitedReply(outcomes.getT3().getThrowable());
                })
                .verifyComplete();
        assertThat(session.isOpen()).isFalse();
        assertThat(commandsAfterLogin(server)).doesNotContain("SIZE /anything");
    }

    @Test
    void a421ToACommandFailsItAndEveryQueuedOperationAndClosesTheSession() {
        FaultServer server = ftp.server();
        server.onCommand("MKD", Fault.delayReply(Duration.ofMillis(200)),
                Fault.reply("421 Service not available, closing control connection.\r\n"));
        session = connect(client(server));

        StepVerifier.create(Mono.zip(session.makeDirectory("/dir").materialize(),
                        session.workingDirectory().materialize()))
                .assertNext(outcomes -> {
                    assertThat(outcomes.getT1().getThrowable()).isInstanceOf(FtpConnectionException.class)
                            .hasMessageContaining("421");
                    assertThat(outcomes.getT2().getThrowable()).isInstanceOf(FtpConnectionException.class);
                })
                .verifyComplete();
        assertThat(session.isOpen()).isFalse();
        assertThat(commandsAfterLogin(server)).containsExactly("MKD /dir");
    }

    @Test
    void a421BetweenCommandsClosesTheSessionAndLaterOperationsFailFast() {
        session = connect(client(ftp.server()));

        ftp.server().sendUnsolicited("421 Timeout; closing control connection.\r\n");

        awaitClosed(session);
        long start = System.nanoTime();
        StepVerifier.create(session.workingDirectory())
                .expectError(FtpConnectionException.class)
                .verify(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(commandsAfterLogin(ftp.server())).isEmpty();
    }

    // Replies that never come, or come wrong.

    @Test
    void aReplyThatNeverComesIsAReplyTimeoutAndClosesTheSession() {
        ftp.server().onCommand("PWD", Fault.neverReply());
        session = connect(client(ftp.server()).mutate().timeouts(FtpTimeouts.of(WAIT).withReply(SHORT)).build());

        StepVerifier.create(session.workingDirectory())
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(FtpTimeoutException.class,
                                timeout -> assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.REPLY)))
                .verify(WAIT);
        assertThat(session.isOpen()).isFalse();
        StepVerifier.create(session.noop()).expectError(FtpConnectionException.class).verify(WAIT);
    }

    @Test
    void sixteenPreliminaryRepliesAreTolerated() {
        ftp.server().onCommand("NOOP", Fault.reply("110 Still here.\r\n".repeat(16) + "200 Done.\r\n"));
        session = connect(client(ftp.server()));

        StepVerifier.create(session.noop()).verifyComplete();
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void moreThanSixteenPreliminaryRepliesAreAProtocolError() {
        ftp.server().onCommand("NOOP", Fault.reply("110 Still here.\r\n".repeat(17) + "200 Done.\r\n"));
        session = connect(client(ftp.server()));

        StepVerifier.create(session.noop())
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(FtpProtocolException.class)
                        .hasMessageContaining("preliminary"))
                .verify(WAIT);
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void aMultiLineReplyCutShortByTheServerClosingIsAnErrorNotAHang() {
        String partial = "257-\"/\" is the directory\r\n and this reply goes on";
        ftp.server().onCommand("PWD", Fault.reply(partial), Fault.closeControlAfter(partial.length()));
        session = connect(client(ftp.server()));

        StepVerifier.create(session.workingDirectory())
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfAny(FtpProtocolException.class, FtpConnectionException.class))
                .verify(WAIT);
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void anOverlongReplyLineIsAProtocolError() {
        ftp.server().onCommand("PWD", Fault.reply("257 \"/" + "x".repeat(8192) + "\"\r\n"));
        session = connect(client(ftp.server()).mutate()
                .replyLimits(ReplyLimits.defaults().withMaxLineLength(1024))
                .build());

        StepVerifier.create(session.workingDirectory())
                .expectError(FtpProtocolException.class)
                .verify(WAIT);
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void aGarbledReplyIsAProtocolErrorAndClosesTheSession() {
        ftp.server().onCommand("PWD", Fault.reply("OK then\r\n"));
        session = connect(client(ftp.server()));

        StepVerifier.create(session.workingDirectory())
                .expectError(FtpProtocolException.class)
                .verify(WAIT);
        assertThat(session.isOpen()).isFalse();
    }

    // Arguments that would inject a command never reach the wire.

    static Stream<Arguments> unsafeOperations() {
        String[] unsafe = {"evil\r\nDELE /important", "evil\nDELE /important", "evil\0"};
        List<Function<FtpSession, Publisher<?>>> operations = List.of(
                s -> s.download(unsafe[0]),
                s -> s.upload(unsafe[1], Flux.just(Unpooled.copiedBuffer("x", StandardCharsets.UTF_8))),
                s -> s.delete(unsafe[2]),
                s -> s.changeWorkingDirectory(unsafe[0]),
                s -> s.makeDirectory(unsafe[1]),
                s -> s.rename("/a", unsafe[2]),
                s -> s.size(unsafe[0]));
        return operations.stream().map(operation -> Arguments.of(operation));
    }

    @ParameterizedTest
    @MethodSource("unsafeOperations")
    void pathsWithCrLfOrNulFailBeforeAnythingIsSent(Function<FtpSession, Publisher<?>> operation) {
        session = connect(client(ftp.server()));

        StepVerifier.create(Flux.defer(() -> operation.apply(session)))
                .expectError(FtpUnsafeArgumentException.class)
                .verify(WAIT);
        StepVerifier.create(session.noop()).verifyComplete();
        assertThat(commandsAfterLogin(ftp.server())).containsExactly("NOOP");
    }

    // The transcript.

    @Test
    void theTranscriptNeverShowsThePassword() {
        String password = "pw-" + UUID.randomUUID();
        FaultServer server = FaultServer.builder().credentials("alice", password).build();
        server.start();
        TestLogger transcript = new TestLogger(false);
        LoggerUtils.enableCaptureWith(transcript, false);
        try (server) {
            FtpClient client = FtpClient.builder()
                    .host(server.host())
                    .port(server.port())
                    .credentials(FtpCredentials.of("alice", password))
                    .timeouts(FtpTimeouts.of(WAIT))
                    .build();
            StepVerifier.create(client.withSession(opened -> opened.noop())).verifyComplete();
        } finally {
            LoggerUtils.disableCapture();
        }

        String logged = transcript.getOutContent() + transcript.getErrContent();
        assertThat(logged).contains("--> USER alice").contains("--> PASS").contains("<-- 230").contains("--> NOOP");
        assertThat(logged).doesNotContain(password);
    }

    private static void assertCausedByUnsolicitedReply(Throwable error) {
        Throwable protocolError = error instanceof FtpProtocolException ? error : error.getCause();
        assertThat(protocolError).as("the error or its cause").isInstanceOf(FtpProtocolException.class)
                .hasMessageContaining("unsolicited reply");
    }

    private static void awaitClosed(FtpSession session) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (session.isOpen()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the session is still open after " + WAIT);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
