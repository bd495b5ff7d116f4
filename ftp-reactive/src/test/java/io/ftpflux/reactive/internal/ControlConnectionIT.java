package io.ftpflux.reactive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyAssembler;
import io.ftpflux.core.reply.ReplyLimits;
import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.fault.ReceivedCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpClient;
import reactor.test.StepVerifier;

/** The rules a conversation must keep, enforced by the control connection (RFC 959 §5.4: one command at a time). */
@Timeout(20)
class ControlConnectionIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    private ControlConnection control;

    @BeforeEach
    void connectAndGreet() {
        connect();
        StepVerifier.create(control.conversation(exchange -> exchange.awaitGreeting(WAIT)).last())
                .assertNext(greeting -> assertThat(greeting.code().value()).isEqualTo(220))
                .verifyComplete();
    }

    private void connect() {
        control = TcpClient.newConnection()
                .host(ftp.server().host())
                .port(ftp.server().port())
                .connect()
                // On the event loop, before any byte is read, as the connection requires.
                .map(connection -> new ControlConnection(connection, new ControlCodec(
                        new ReplyAssembler(ReplyLimits.defaults(), StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                        WAIT, WAIT, Duration.ZERO, Events.NONE))
                .block(WAIT);
    }

    @AfterEach
    void close() {
        control.close(new FtpConnectionException("test over", null));
        control.onClose().block(WAIT);
    }

    @Test
    void aGreetingReadBeforeAnyoneWaitsForItIsKept() throws InterruptedException {
        ftp.server().onConnect(Fault.reply("120 Almost there.\r\n220 Ready.\r\n"));
        reconnect();
        Thread.sleep(200);

        StepVerifier.create(control.conversation(exchange -> exchange.awaitGreeting(WAIT)).map(reply -> reply.code().value()))
                .expectNext(120, 220)
                .verifyComplete();
        assertThat(control.isOpen()).isTrue();
    }

    @Test
    void aReplyBeforeTheFirstCommandWithoutAWaitForTheGreetingIsUnsolicited() throws InterruptedException {
        reconnect();
        Thread.sleep(200);

        StepVerifier.create(control.conversation(exchange -> exchange.execute(FtpCommands.noop())))
                .expectError(FtpConnectionException.class)
                .verify(WAIT);
        assertThat(control.isOpen()).isFalse();
        assertThat(ftp.server().commands()).isEmpty();
    }

    private void reconnect() {
        close();
        ftp.server().awaitNoOpenConnections(WAIT);
        connect();
    }

    @Test
    void aSecondCommandWhileTheFirstAwaitsItsReplyIsRefusedAndNeverSent() {
        StepVerifier.create(control.conversation(exchange -> Flux.merge(
                        exchange.execute(FtpCommands.noop()), exchange.execute(FtpCommands.pwd()))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("PWD").hasMessageContaining("NOOP"))
                .verify(WAIT);

        // The first command's reply is consumed; the next conversation gets its own.
        StepVerifier.create(control.conversation(exchange -> exchange.execute(FtpCommands.syst())))
                .assertNext(reply -> assertThat(reply.code().value()).isEqualTo(215))
                .verifyComplete();
        assertThat(ftp.server().commands()).extracting(ReceivedCommand::verb).containsExactly("NOOP", "SYST");
        assertThat(control.isOpen()).isTrue();
    }

    @Test
    void anExchangeUsedAfterItsConversationEndedSendsNothing() {
        AtomicReference<ControlConnection.Exchange> kept = new AtomicReference<>();
        StepVerifier.create(control.conversation(exchange -> {
                    kept.set(exchange);
                    return exchange.execute(FtpCommands.noop());
                }))
                .expectNextCount(1)
                .verifyComplete();

        StepVerifier.create(kept.get().send(FtpCommands.pwd()))
                .expectError(IllegalStateException.class)
                .verify(WAIT);
        StepVerifier.create(control.conversation(exchange -> exchange.execute(FtpCommands.noop())).map(FtpReply::code))
                .expectNextCount(1)
                .verifyComplete();
        assertThat(ftp.server().commands()).extracting(ReceivedCommand::verb).containsExactly("NOOP", "NOOP");
    }

    @Test
    void conversationsNeverInterleave() {
        StepVerifier.create(Mono.zip(
                        control.conversation(exchange -> exchange.execute(FtpCommands.user("test"))
                                .then(Mono.delay(Duration.ofMillis(100)))
                                .then(exchange.execute(FtpCommands.pass("test")))).single(),
                        control.conversation(exchange -> exchange.execute(FtpCommands.pwd())).single()))
                .assertNext(replies -> {
                    assertThat(replies.getT1().code().value()).isEqualTo(230);
                    assertThat(replies.getT2().code().value()).isEqualTo(257);
                })
                .verifyComplete();
        assertThat(ftp.server().commands()).extracting(ReceivedCommand::verb).containsExactly("USER", "PASS", "PWD");
    }
}
