package io.ftpflux.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each fault kind, proven from the client's side of the wire. */
@Timeout(10)
class FaultInjectionTest {

    private static final byte[] FILE = RepeatingContent.cycling(20_000).toByteArray();

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension(
            FaultServer.builder().dataConnectionTimeout(Duration.ofSeconds(1)));

    private FaultServer server() {
        FaultServer server = ftp.server();
        server.fileSystem().putFile("/file.bin", FILE);
        return server;
    }

    @Test
    void closesTheControlConnectionInsteadOfAReply() throws Exception {
        server().onCommand("SYST", Fault.closeControl());
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            client.send("SYST");
            assertThat(client.readToEof()).isEmpty();
        }
        ftp.server().awaitNoOpenConnections(Duration.ofSeconds(5));
    }

    @Test
    void closesTheControlConnectionAfterSomeBytesOfTheConversation() throws Exception {
        server().onConnect(1, Fault.closeControlAfter(5));
        ftp.server().onConnect(2, Fault.closeControlAfter(ControlSession.GREETING.length() + 4));
        try (BlockingFtpClient first = BlockingFtpClient.connect(ftp.port())) {
            assertThat(new String(first.readToEof(), StandardCharsets.UTF_8)).isEqualTo("220 f");
        }
        try (BlockingFtpClient second = BlockingFtpClient.connect(ftp.port())) {
            second.expect("220");
            second.send("USER test");
            assertThat(new String(second.readToEof(), StandardCharsets.UTF_8)).isEqualTo("331 ");
        }
    }

    @Test
    void replacesTheGreeting() throws Exception {
        server().onConnect(1, Fault.reply("120 Wait a moment.\r\n220 Ready now.\r\n"));
        ftp.server().onConnect(2, Fault.neverReply());
        try (BlockingFtpClient first = BlockingFtpClient.connect(ftp.port())) {
            assertThat(first.line()).isEqualTo("120 Wait a moment.");
            assertThat(first.line()).isEqualTo("220 Ready now.");
        }
        try (BlockingFtpClient second = BlockingFtpClient.connect(ftp.port())) {
            assertThat(second.silentFor(300)).isTrue();
        }
    }

    @Test
    void repliesWithRawBytesOfAnyShape() throws Exception {
        server().onCommand("NOOP", Fault.reply("2x0 Malformed code.\r\n"));
        ftp.server().onCommand("PWD", Fault.reply(new byte[] {'2', '5', '7', ' ', 0, '"', '/', '"', '\r', '\n'}));
        ftp.server().onCommand("SYST", Fault.reply("215 " + "x".repeat(100_000) + "\r\n"));
        ftp.server().onCommand("FEAT", Fault.reply("211-Features:\r\n EPSV\r\n"));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            assertThat(client.command("NOOP")).isEqualTo("2x0 Malformed code.");
            assertThat(client.command("PWD")).isEqualTo("257 \0\"/\"");
            assertThat(client.command("SYST")).hasSize(100_004);
            client.send("FEAT");
            assertThat(client.line()).isEqualTo("211-Features:");
            assertThat(client.line()).isEqualTo(" EPSV");
            assertThat(client.silentFor(300)).isTrue();
            client.expect("TYPE I", "200");
        }
    }

    @Test
    void sendsUnsolicitedRepliesAndTwoRepliesForOneCommand() throws Exception {
        server().onCommand("NOOP", Fault.unsolicited("200 A second reply.\r\n"));
        ftp.server().onCommand("SYST", Fault.prepend("421 Too early.\r\n"));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            assertThat(client.command("NOOP")).isEqualTo("200 NOOP ok.");
            assertThat(client.reply()).isEqualTo("200 A second reply.");
            assertThat(client.command("SYST")).isEqualTo("421 Too early.");
            assertThat(client.reply()).startsWith("215 ");
            assertThat(ftp.server().sendUnsolicited("421 Service shutting down.\r\n")).isEqualTo(1);
            assertThat(client.reply()).isEqualTo("421 Service shutting down.");
            ftp.server().closeControlConnections();
            assertThat(client.readToEof()).isEmpty();
        }
    }

    @Test
    void stallsOrDelaysTheReply() throws Exception {
        server().onCommand("NOOP", Fault.delayReply(Duration.ofMillis(300)));
        ftp.server().onCommand("PWD", Fault.neverReply());
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            long start = System.nanoTime();
            client.expect("NOOP", "200");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
            client.send("PWD");
            assertThat(client.silentFor(300)).isTrue();
            client.send("SYST");
            assertThat(client.silentFor(200)).isTrue();
            ftp.server().awaitCommand("SYST", Duration.ofSeconds(1));
        }
    }

    @Test
    void announcesAHostilePassiveAddress() throws Exception {
        server().onCommand("PASV", Fault.advertisePassive("10.0.0.1"));
        ftp.server().onCommand("EPSV", Fault.advertisePassive("10.0.0.1", 0));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            InetSocketAddress announced = client.pasv();
            assertThat(announced.getHostString()).isEqualTo("10.0.0.1");
            // The listener is real: a client that uses the control host with the announced port still works.
            try (Socket data = BlockingFtpClient.data("127.0.0.1", announced.getPort())) {
                client.expect("RETR file.bin", "150");
                assertThat(data.getInputStream().readAllBytes()).isEqualTo(FILE);
            }
            client.expect("226");
            assertThat(client.expect("EPSV", "229")).contains("(|||0|)");
        }
    }

    @Test
    void listensOnThePassivePortButNeverAccepts() throws Exception {
        server().onCommand("PASV", Fault.passiveNeverAccepts());
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                Socket data = client.passiveData()) {
            // The kernel completed the handshake, yet no data ever comes.
            client.expect("RETR file.bin", "150");
            assertThat(BlockingFtpClient.silent(data, 300)).isTrue();
            assertThat(client.reply()).startsWith("425 ");
        }
    }

    @Test
    void announcesAPassivePortWhereNothingListens() throws Exception {
        server().onCommand("EPSV", Fault.passiveNotListening());
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            int port = client.epsv();
            assertThatThrownBy(() -> BlockingFtpClient.data("127.0.0.1", port)).isInstanceOf(ConnectException.class);
            client.expect("RETR file.bin", "150");
            assertThat(client.reply()).startsWith("425 ");
        }
    }

    @Test
    void closesTheDataConnectionEarlyWithOrWithoutTheFinalReply() throws Exception {
        server().onCommand("RETR", 1, Fault.closeDataAfter(1000));
        ftp.server().onCommand("RETR", 2, Fault.closeDataAfter(1000), Fault.omitFinalReply());
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            assertThat(client.retrieve("file.bin")).isEqualTo(Arrays.copyOf(FILE, 1000));
            try (Socket data = client.passiveData()) {
                client.expect("RETR file.bin", "150");
                assertThat(data.getInputStream().readAllBytes()).isEqualTo(Arrays.copyOf(FILE, 1000));
            }
            assertThat(client.silentFor(300)).isTrue();
            client.expect("NOOP", "200");
        }
    }

    @Test
    void resetsTheDataConnectionMidTransfer() throws Exception {
        server().fileSystem().putFile("/large.bin", RepeatingContent.cycling(4 << 20));
        ftp.server().onCommand("RETR", Fault.resetDataAfter(100_000));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                Socket data = client.passiveData()) {
            client.expect("RETR large.bin", "150");
            InputStream in = data.getInputStream();
            long received = 0;
            byte[] buffer = new byte[8192];
            IOException reset = null;
            try {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    received += read;
                }
            } catch (IOException expected) {
                reset = expected;
            }
            assertThat(reset).as("an RST, not a FIN").isNotNull().hasMessageContaining("reset");
            assertThat(received).isLessThanOrEqualTo(100_000);
            client.expect("226");
        }
    }

    @Test
    void throttlesTheDataConnection() throws Exception {
        server().onCommand("RETR", Fault.throttle(50_000));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            long start = System.nanoTime();
            assertThat(client.retrieve("file.bin")).isEqualTo(FILE);
            // 20,000 bytes at 50,000 bytes per second.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        }
    }

    @Test
    void stallsTheDataConnectionUntilAbor() throws Exception {
        server().onCommand("RETR", Fault.stallDataAfter(1000));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                Socket data = client.passiveData()) {
            client.expect("RETR file.bin", "150");
            assertThat(BlockingFtpClient.readExactly(data, 1000)).isEqualTo(Arrays.copyOf(FILE, 1000));
            assertThat(BlockingFtpClient.silent(data, 300)).isTrue();
            assertThat(client.silentFor(100)).isTrue();
            client.send("ABOR");
            assertThat(client.reply()).startsWith("426 ");
            assertThat(client.reply()).startsWith("226 ");
            assertThat(data.getInputStream().read()).isEqualTo(-1);
            assertThat(ftp.server().commandsAfter(ftp.server().awaitCommand("ABOR", Duration.ofSeconds(1)))).isEmpty();
            client.expect("NOOP", "200");
        }
    }

    @Test
    void sendsTheFinalReplyBeforeTheDataEof() throws Exception {
        server().onCommand("RETR", Fault.finalReplyBeforeEof(Duration.ofMillis(1500)));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                Socket data = client.passiveData()) {
            client.expect("RETR file.bin", "150");
            assertThat(BlockingFtpClient.readExactly(data, FILE.length)).isEqualTo(FILE);
            client.expect("226");
            assertThat(BlockingFtpClient.silent(data, 300)).as("no EOF yet after the 226").isTrue();
            assertThat(data.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void sendsTheFinalReplyLongAfterTheDataEof() throws Exception {
        server().onCommand("RETR", Fault.delayFinalReply(Duration.ofMillis(1000)));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                Socket data = client.passiveData()) {
            client.expect("RETR file.bin", "150");
            assertThat(data.getInputStream().readAllBytes()).isEqualTo(FILE);
            assertThat(client.silentFor(300)).isTrue();
            client.expect("226");
        }
    }

    @Test
    void liesInThePreliminaryRepliesAndSendsSeveral() throws Exception {
        server().onCommand("RETR", 1, Fault.lieAboutSize(999));
        ftp.server().onCommand("RETR", 2, Fault.preliminaryReplies(
                "125 Data connection already open.\r\n", "150 Here it comes.\r\n"));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            try (Socket data = client.passiveData()) {
                assertThat(client.expect("RETR file.bin", "150")).endsWith("(999 bytes).");
                data.getInputStream().readAllBytes();
            }
            client.expect("226");
            try (Socket data = client.passiveData()) {
                assertThat(client.expect("RETR file.bin", "125")).isEqualTo("125 Data connection already open.");
                assertThat(client.reply()).isEqualTo("150 Here it comes.");
                assertThat(data.getInputStream().readAllBytes()).isEqualTo(FILE);
            }
            client.expect("226");
        }
    }

    @Test
    void sendsMoreDataThanAnnounced() throws Exception {
        byte[] more = RepeatingContent.cycling(FILE.length + 500).toByteArray();
        server().onCommand("RETR", Fault.sendData(more), Fault.lieAboutSize(FILE.length));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                Socket data = client.passiveData()) {
            assertThat(client.expect("RETR file.bin", "150")).endsWith("(" + FILE.length + " bytes).");
            assertThat(data.getInputStream().readAllBytes()).isEqualTo(more);
            client.expect("226");
        }
    }

    @Test
    void refusesOnTheControlChannelInsteadOfOpeningData() throws Exception {
        server().onCommand("RETR", Fault.reply("550 Permission denied.\r\n"));
        ftp.server().onCommand("STOR", Fault.reply("452 Insufficient storage.\r\n"));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            try (Socket data = client.passiveData()) {
                client.expect("RETR file.bin", "550");
                assertThat(BlockingFtpClient.closedWithoutData(data)).as("the unused data connection is closed").isTrue();
            }
            try (Socket data = client.passiveData()) {
                client.expect("STOR new.bin", "452");
                assertThat(BlockingFtpClient.closedWithoutData(data)).isTrue();
            }
            assertThat(ftp.server().fileSystem().isFile("/new.bin")).isFalse();
        }
    }

    @Test
    void failsAfterAllTheData() throws Exception {
        server().onCommand("RETR", Fault.finalReply("451 Local error in processing.\r\n"));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                Socket data = client.passiveData()) {
            client.expect("RETR file.bin", "150");
            assertThat(data.getInputStream().readAllBytes()).isEqualTo(FILE);
            assertThat(client.reply()).isEqualTo("451 Local error in processing.");
        }
    }

    @Test
    void composesAThrottleAMidTransfer421AndALateFinalReply() throws Exception {
        server().onCommand("RETR", Fault.throttle(20_000), Fault.delayFinalReply(Duration.ofMillis(500)),
                Fault.unsolicited(Duration.ofMillis(100), "421 Going down soon.\r\n"));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                Socket data = client.passiveData()) {
            client.expect("RETR file.bin", "150");
            assertThat(client.reply()).isEqualTo("421 Going down soon.");
            long midTransfer = System.nanoTime();
            assertThat(data.getInputStream().readAllBytes()).isEqualTo(FILE);
            long eof = System.nanoTime();
            assertThat(Duration.ofNanos(eof - midTransfer)).as("data still flowing after the 421")
                    .isGreaterThan(Duration.ofMillis(300));
            client.expect("226");
            assertThat(Duration.ofNanos(System.nanoTime() - eof)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void appliesDataFaultsToUploads() throws Exception {
        server().onCommand("STOR", 1, Fault.closeDataAfter(1000));
        ftp.server().onCommand("STOR", 2, Fault.throttle(50_000), Fault.finalReply("226 Slowly stored.\r\n"));
        ftp.server().onCommand("STOR", 3, Fault.finalReplyBeforeEof(Duration.ZERO));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            try (Socket data = client.passiveData()) {
                client.expect("STOR one.bin", "150");
                data.getOutputStream().write(FILE, 0, 1000);
                assertThat(data.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            }
            client.expect("226");
            assertThat(ftp.server().fileSystem().readFile("one.bin")).hasValue(Arrays.copyOf(FILE, 1000));

            long start = System.nanoTime();
            try (Socket data = client.passiveData()) {
                client.expect("STOR two.bin", "150");
                data.getOutputStream().write(FILE);
            }
            assertThat(client.reply()).isEqualTo("226 Slowly stored.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
            assertThat(ftp.server().fileSystem().readFile("two.bin")).hasValue(FILE);

            try (Socket data = client.passiveData()) {
                client.expect("STOR three.bin", "150");
                client.expect("226");
                data.getOutputStream().write(FILE);
            }
            // Commands run one at a time, so NOOP is answered once the upload has been stored.
            client.expect("NOOP", "200");
            assertThat(ftp.server().fileSystem().readFile("three.bin")).hasValue(FILE);
        }
    }

    @Test
    void stallsAnUploadUntilAbor() throws Exception {
        server().onCommand("STOR", Fault.stallDataAfter(0));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                SocketChannel data = SocketChannel.open(new InetSocketAddress("127.0.0.1", client.pasv().getPort()))) {
            client.expect("STOR stalled.bin", "150");
            data.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long written = 0;
            long lastProgress = System.nanoTime();
            while (System.nanoTime() - lastProgress < Duration.ofMillis(200).toNanos()) {
                chunk.clear();
                int now = data.write(chunk);
                written += now;
                if (now > 0) {
                    lastProgress = System.nanoTime();
                }
            }
            assertThat(written).as("only the socket buffers fill").isLessThan(32L << 20);
            client.send("ABOR");
            assertThat(client.reply()).startsWith("426 ");
            assertThat(client.reply()).startsWith("226 ");
            assertThat(ftp.server().fileSystem().isFile("stalled.bin")).isFalse();
        }
    }

    @Test
    void refusesAnUploadBeyondTheLimit() throws Exception {
        try (FaultServer small = FaultServer.builder().maxUploadSize(1000).build();
                BlockingFtpClient client = BlockingFtpClient.loggedIn(small.start())) {
            try (Socket data = client.passiveData()) {
                client.expect("STOR big.bin", "150");
                data.getOutputStream().write(FILE, 0, 1001);
                assertThat(client.reply()).startsWith("552 ");
            }
            assertThat(small.fileSystem().isFile("big.bin")).isFalse();
        }
    }

    @Test
    void clearsFaults() throws Exception {
        server().onCommand("NOOP", Fault.reply("500 No.\r\n"));
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            client.expect("NOOP", "500");
            ftp.server().clearFaults();
            client.expect("NOOP", "200");
        }
    }

    @Test
    void rejectsFaultsThatCannotApplyToTheVerb() {
        FaultServer server = ftp.server();
        assertThatThrownBy(() -> server.onCommand("NOOP", Fault.closeDataAfter(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not to NOOP");
        assertThatThrownBy(() -> server.onCommand("RETR", Fault.passiveNeverAccepts()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PASV and EPSV");
        assertThatThrownBy(() -> server.onCommand("STOR", Fault.sendData(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("downloads");
        assertThatThrownBy(() -> server.onCommand("RETR", 0, Fault.throttle(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.onCommand("RE TR", Fault.throttle(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.advertisePassive("10.0.0.256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.throttle(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.closeDataAfter(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.delayReply(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }
}
