package io.ftpflux.reactive;

import static io.ftpflux.reactive.FaultClients.WAIT;
import static io.ftpflux.reactive.FaultClients.closeQuietly;
import static io.ftpflux.reactive.FaultClients.commandsAfterLogin;
import static io.ftpflux.reactive.FaultClients.connect;
import static io.ftpflux.reactive.FaultClients.tally;
import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.FtpTransientReplyException;
import io.ftpflux.core.address.DataAddress;
import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.fault.ReceivedCommand;
import io.ftpflux.testkit.fault.RepeatingContent;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Active data connections against a hostile or broken server (RFC 959 §3.2 and §4.1.2 PORT, RFC 2428 §2 EPRT,
 * RFC 2577 §3): the EPRT-to-PORT fallback, refusals while the client waits for the server to connect, a server
 * that never connects, a third party that connects first, a port range with no free port, cancellation, and IPv6.
 * Every test also leaves no socket open (the testkit's open-socket check), so every listener was closed.
 */
@Timeout(20)
class ActiveModeFaultIT {

    private static final RepeatingContent CONTENT = RepeatingContent.cycling(100_000);

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    @RegisterExtension
    final FaultServerExtension ftp6 = new FaultServerExtension(FaultServer.builder().ipv6(true));

    private FtpSession session;

    @BeforeEach
    void file() {
        ftp.server().fileSystem().putFile("/file.bin", CONTENT);
        ftp6.server().fileSystem().putFile("/file.bin", CONTENT);
    }

    @AfterEach
    void close() {
        closeQuietly(session);
    }

    private static FtpClient active(FaultServer server) {
        return FaultClients.client(server).mutate().dataConnectionMode(DataConnectionMode.ACTIVE).build();
    }

    @Test
    void downloadsAndUploadsThroughEprt() {
        FaultServer server = ftp.server();
        session = connect(active(server));

        StepVerifier.create(tally(session.download("/file.bin")))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(CONTENT.crc32()))
                .verifyComplete();
        StepVerifier.create(session.append("/copy.bin", FaultClients.chunks(CONTENT.toByteArray(), 8192)))
                .expectNext(CONTENT.size())
                .verifyComplete();

        assertThat(server.fileSystem().readFile("/copy.bin")).hasValue(CONTENT.toByteArray());
        List<String> commands = commandsAfterLogin(server);
        assertThat(commands).hasSize(4);
        assertThat(commands.get(0)).matches("EPRT \\|1\\|127\\.0\\.0\\.1\\|\\d+\\|");
        assertThat(commands.get(1)).isEqualTo("RETR /file.bin");
        assertThat(commands.get(2)).startsWith("EPRT |1|127.0.0.1|");
        assertThat(commands.get(3)).isEqualTo("APPE /copy.bin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500 Unknown command.\r\n", "502 EPRT not implemented.\r\n"})
    void aRefusedEprtFallsBackToPortForTheRestOfTheSession(String refusal) {
        FaultServer server = ftp.server();
        server.onCommand("EPRT", Fault.reply(refusal));
        session = connect(active(server));

        StepVerifier.create(tally(session.download("/file.bin")).then(tally(session.download("/file.bin"))))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(CONTENT.crc32()))
                .verifyComplete();

        List<String> commands = commandsAfterLogin(server);
        assertThat(commands).hasSize(5);
        assertThat(commands.get(0)).startsWith("EPRT |1|127.0.0.1|");
        assertThat(commands.get(1)).matches("PORT 127,0,0,1,\\d+,\\d+");
        assertThat(commands.get(2)).isEqualTo("RETR /file.bin");
        assertThat(commands.get(3)).startsWith("PORT 127,0,0,1,");
        assertThat(commands.get(4)).isEqualTo("RETR /file.bin");
        // The PORT tuple names the port EPRT named: the same listener, announced again.
        assertThat(DataAddress.parsePortArgument(server.commands().stream()
                        .filter(command -> command.is("PORT")).findFirst().orElseThrow().argument()).port())
                .isEqualTo(DataAddress.parseEprtArgument(server.awaitCommand("EPRT", WAIT).argument()).port());
    }

    @Test
    void aServerThatRefusesBothEprtAndPortFailsClearlyAndKeepsTheSession() {
        FaultServer server = ftp.server();
        server.onCommand("EPRT", Fault.reply("502 EPRT not implemented.\r\n"));
        server.onCommand("PORT", Fault.reply("500 PORT not allowed.\r\n"));
        session = connect(active(server));

        StepVerifier.create(session.download("/file.bin"))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpPermanentReplyException.class)
                        .hasMessageContaining("500")
                        .hasMessageContaining("neither EPRT nor PORT"))
                .verify(WAIT);
        assertThat(commandsAfterLogin(server)).hasSize(2).doesNotContain("RETR /file.bin");
        assertNotListening(server.awaitCommand("EPRT", WAIT));
        assertThat(session.isOpen()).isTrue();
        StepVerifier.create(session.noop()).verifyComplete();
    }

    @Test
    void aTransientEprtRefusalFailsTheOperationWithoutGivingUpOnEprt() {
        FaultServer server = ftp.server();
        server.onCommand("EPRT", 1, Fault.reply("450 Too busy, try later.\r\n"));
        session = connect(active(server));

        StepVerifier.create(session.download("/file.bin"))
                .expectError(FtpTransientReplyException.class)
                .verify(WAIT);
        StepVerifier.create(tally(session.download("/file.bin")))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(CONTENT.crc32()))
                .verifyComplete();
        assertThat(commandsAfterLogin(server)).extracting(line -> line.split(" ")[0])
                .containsExactly("EPRT", "EPRT", "RETR");
    }

    /** Nothing connects to the listener: only the refusal on the control connection can end the wait early. */
    @ParameterizedTest
    @ValueSource(strings = {"425 Can't open data connection.", "450 File busy.", "550 Permission denied."})
    void aRefusalWhileWaitingForTheServerToConnectEndsTheWaitAtOnce(String refusal) {
        FaultServer server = ftp.server();
        server.onCommand("RETR", 1, Fault.delayReply(Duration.ofMillis(100)), Fault.reply(refusal + "\r\n"));
        session = connect(active(server));

        long start = System.nanoTime();
        StepVerifier.create(session.download("/file.bin"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(FtpReplyException.class);
                    assertThat(((FtpReplyException) error).reply().code().value())
                            .isEqualTo(Integer.parseInt(refusal.substring(0, 3)));
                })
                .verify(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertNotListening(server.awaitCommand("EPRT", WAIT));
        assertThat(session.isOpen()).isTrue();
        StepVerifier.create(tally(session.download("/file.bin")))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(CONTENT.crc32()))
                .verifyComplete();
    }

    /** A refused upload never consumes its source, in active mode as in passive. */
    @Test
    void aRefusedUploadNeverSubscribesToItsSource() {
        FaultServer server = ftp.server();
        server.onCommand("STOR", Fault.reply("553 Not allowed.\r\n"));
        session = connect(active(server));
        AtomicBoolean subscribed = new AtomicBoolean();

        StepVerifier.create(session.upload("/new.bin", FaultClients.chunks(new byte[1000], 100)
                        .doOnSubscribe(subscription -> subscribed.set(true)), UploadOptions.defaults()))
                .expectError(FtpPermanentReplyException.class)
                .verify(WAIT);
        assertThat(subscribed).isFalse();
        assertNotListening(server.awaitCommand("EPRT", WAIT));
    }

    /** The server cannot reach the announced address (nothing listens on 127.0.0.3): its 425 ends the transfer. */
    @Test
    void aServerThatCannotConnectAnswers425AndTheTransferFailsAtOnce() throws IOException {
        FaultServer server = ftp.server();
        session = connect(active(server).mutate()
                .activeModeOptions(ActiveModeOptions.defaults().withAdvertisedAddress(InetAddress.getByName("127.0.0.3")))
                .build());

        StepVerifier.create(session.download("/file.bin"))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpTransientReplyException.class)
                        .hasMessageContaining("425"))
                .verify(WAIT);
        assertThat(server.awaitCommand("EPRT", WAIT).argument()).startsWith("|1|127.0.0.3|");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void aServerThatNeverConnectsTimesOutInTheDataConnectPhase() {
        FaultServer server = ftp.server();
        server.onCommand("RETR", Fault.neverReply());
        Duration dataConnect = Duration.ofMillis(500);
        session = connect(active(server).mutate()
                .timeouts(FtpTimeouts.of(WAIT).withDataConnect(dataConnect))
                .build());

        long start = System.nanoTime();
        StepVerifier.create(session.download("/file.bin"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(FtpTimeoutException.class);
                    assertThat(((FtpTimeoutException) error).phase()).isEqualTo(FtpTimeoutException.Phase.DATA_CONNECT);
                    assertThat(error).hasMessageContaining("did not connect");
                })
                .verify(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertNotListening(server.awaitCommand("EPRT", WAIT));
    }

    /**
     * Linux routes all of 127/8 to loopback, so a socket bound to 127.0.0.2 plays the third party; the server (the
     * control connection's peer) is 127.0.0.1. It gets there first because the server delays its reply to RETR.
     */
    @Test
    void aDataConnectionFromAnotherHostIsClosedAndFailsTheTransfer() throws IOException {
        FaultServer server = ftp.server();
        server.onCommand("RETR", Fault.delayReply(Duration.ofSeconds(1)));
        session = connect(active(server));

        try (Socket intruder = new Socket()) {
            StepVerifier.create(session.download("/file.bin"))
                    .then(() -> {
                        int port = DataAddress.parseEprtArgument(server.awaitCommand("EPRT", WAIT).argument()).port();
                        server.awaitCommand("RETR", WAIT);
                        try {
                            intruder.bind(new InetSocketAddress("127.0.0.2", 0));
                            intruder.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                        } catch (IOException e) {
                            throw new AssertionError("the intruder could not connect", e);
                        }
                    })
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(FtpSecurityException.class)
                            .hasMessageContaining("127.0.0.2")
                            .hasMessageContaining("127.0.0.1"))
                    .verify(WAIT);
            assertThat(session.isOpen()).isFalse();
            intruder.setSoTimeout(2000);
            try (InputStream in = intruder.getInputStream()) {
                assertThat(in.read()).as("the intruder's connection is closed without data").isEqualTo(-1);
            } catch (IOException reset) {
                // A reset is as good as an end of stream: the intruder got nothing.
            }
        }
        assertNotListening(server.awaitCommand("EPRT", WAIT));
    }

    @Test
    void aPortRangeWithNoFreePortFailsBeforeAnythingIsSent() throws IOException {
        List<ServerSocket> taken = consecutivePorts(2);
        try {
            int first = taken.get(0).getLocalPort();
            FaultServer server = ftp.server();
            session = connect(active(server).mutate().activePortRange(first, first + 1).build());

            StepVerifier.create(session.download("/file.bin"))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(FtpConnectionException.class)
                            .hasMessageContaining("from " + first + " to " + (first + 1)))
                    .verify(WAIT);
            assertThat(commandsAfterLogin(server)).isEmpty();
        } finally {
            for (ServerSocket socket : taken) {
                socket.close();
            }
        }
    }

    @Test
    void aPortRangeSkipsTakenPorts() throws IOException {
        List<ServerSocket> taken = consecutivePorts(3);
        int first = taken.get(0).getLocalPort();
        taken.remove(1).close();
        try {
            FaultServer server = ftp.server();
            session = connect(active(server).mutate().activePortRange(first, first + 2).build());

            StepVerifier.create(tally(session.download("/file.bin")))
                    .assertNext(received -> assertThat(received.bytes()).isEqualTo(CONTENT.size()))
                    .verifyComplete();
            assertThat(server.awaitCommand("EPRT", WAIT).argument()).isEqualTo("|1|127.0.0.1|" + (first + 1) + "|");
        } finally {
            for (ServerSocket socket : taken) {
                socket.close();
            }
        }
    }

    @Test
    void cancellingMidTransferClosesTheDataConnectionAndKeepsTheSession() {
        FaultServer server = ftp.server();
        server.fileSystem().putFile("/big.bin", RepeatingContent.cycling(50_000_000));
        server.onCommand("RETR", 1, Fault.throttle(1_000_000));
        session = connect(active(server));

        StepVerifier.create(session.download("/big.bin").take(3).count())
                .expectNext(3L)
                .verifyComplete();
        assertNotListening(server.awaitCommand("EPRT", WAIT));
        StepVerifier.create(tally(session.download("/file.bin")))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(CONTENT.crc32()))
                .verifyComplete();
        assertThat(commandsAfterLogin(server)).extracting(line -> line.split(" ")[0])
                .containsSubsequence("EPRT", "RETR", "EPRT", "RETR");
    }

    /** The accepted connection is reset like a passive one: the server sees an error, never a complete file. */
    @Test
    void cancellingAnUploadResetsTheAcceptedDataConnection() {
        FaultServer server = ftp.server();
        session = connect(active(server));
        Flux<ByteBuf> slowSource = FaultClients.chunks(CONTENT.toByteArray(), 8 * 1024)
                .delayElements(Duration.ofMillis(50));

        StepVerifier.create(session.upload("/up.bin", slowSource))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(300))
                .thenCancel()
                .verify(WAIT);
        StepVerifier.create(session.workingDirectory()).expectNext("/").verifyComplete();
        assertThat(server.fileSystem().readFile("/up.bin")).isEmpty();
        assertNotListening(server.awaitCommand("EPRT", WAIT));
    }

    @Test
    void cancellingWhileWaitingForTheServerClosesTheListener() {
        FaultServer server = ftp.server();
        server.onCommand("RETR", 1, Fault.delayReply(Duration.ofMillis(500)));
        session = connect(active(server));

        Disposable download = session.download("/file.bin").subscribe();
        ReceivedCommand eprt = server.awaitCommand("EPRT", WAIT);
        server.awaitCommand("RETR", WAIT);
        download.dispose();

        assertNotListening(eprt);
        StepVerifier.create(tally(session.download("/file.bin")))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(CONTENT.crc32()))
                .verifyComplete();
    }

    @Test
    void activeModeOverIpv6UsesEprtWithAnIpv6Listener() {
        FaultServer server = ftp6.server();
        session = connect(active(server));

        StepVerifier.create(tally(session.download("/file.bin")))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(CONTENT.crc32()))
                .verifyComplete();
        assertThat(commandsAfterLogin(server)).hasSize(2);
        assertThat(commandsAfterLogin(server).get(0)).matches("EPRT \\|2\\|::1\\|\\d+\\|");
    }

    @Test
    void aRefusedEprtOverIpv6FailsWithoutTryingPort() {
        FaultServer server = ftp6.server();
        server.onCommand("EPRT", Fault.reply("502 EPRT not implemented.\r\n"));
        session = connect(active(server));

        StepVerifier.create(session.download("/file.bin"))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpPermanentReplyException.class)
                        .hasMessageContaining("502")
                        .hasMessageContaining("IPv6"))
                .verify(WAIT);
        assertThat(commandsAfterLogin(server)).extracting(line -> line.split(" ")[0]).containsExactly("EPRT");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void passiveModeOverIpv6UsesEpsv() {
        FaultServer server = ftp6.server();
        session = connect(FaultClients.client(server));

        StepVerifier.create(tally(session.download("/file.bin")))
                .assertNext(received -> assertThat(received.crc32()).isEqualTo(CONTENT.crc32()))
                .verifyComplete();
        assertThat(commandsAfterLogin(server)).containsExactly("EPSV", "RETR /file.bin");
    }

    /** PASV can carry only IPv4 (RFC 2428 §1): on an IPv6 connection a refused EPSV has no fallback. */
    @Test
    void aRefusedEpsvOverIpv6FailsWithoutTryingPasv() {
        FaultServer server = ftp6.server();
        server.onCommand("EPSV", Fault.reply("502 EPSV not implemented.\r\n"));
        session = connect(FaultClients.client(server));

        StepVerifier.create(session.download("/file.bin"))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpPermanentReplyException.class)
                        .hasMessageContaining("502")
                        .hasMessageContaining("PASV cannot carry an IPv6 address"))
                .verify(WAIT);
        assertThat(commandsAfterLogin(server)).containsExactly("EPSV");
        assertThat(session.isOpen()).isTrue();
    }

    /**
     * The listener a PORT or EPRT command announced is closed: connecting to it is refused. The transfer's error
     * reaches the test just before the transfer's cleanup runs, so the listener may still take a probe or two (and
     * hold one in its backlog of one) for a few milliseconds; the probes are spaced out not to fill that backlog.
     */
    private static void assertNotListening(ReceivedCommand announcement) {
        DataAddress address = announcement.is("PORT")
                ? DataAddress.parsePortArgument(announcement.argument())
                : DataAddress.parseEprtArgument(announcement.argument());
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(address.host(), address.port()), 200);
            } catch (ConnectException refused) {
                return;
            } catch (SocketTimeoutException backlogFull) {
                // Still listening, with its backlog full: try again.
            } catch (IOException other) {
                throw new AssertionError("probing " + address + " failed oddly", other);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the listener on " + address + " is still open");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Binds {@code count} consecutive loopback ports, retrying from another start when one is taken. */
    private static List<ServerSocket> consecutivePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                ServerSocket first = new ServerSocket();
                sockets.add(first);
                first.bind(new InetSocketAddress("127.0.0.1", 0));
                for (int i = 1; i < count; i++) {
                    ServerSocket next = new ServerSocket();
                    sockets.add(next);
                    next.bind(new InetSocketAddress("127.0.0.1", first.getLocalPort() + i));
                }
                return sockets;
            } catch (IOException taken) {
                for (ServerSocket socket : sockets) {
                    socket.close();
                }
            }
        }
        throw new IOException("found no " + count + " consecutive free ports on 127.0.0.1");
    }
}
