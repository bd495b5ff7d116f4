package io.ftpflux.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fault server without faults: a small, correct FTP server driven by a blocking socket client. */
@Timeout(10)
class FaultServerTest {

    private static final byte[] HELLO = "hello, fault server\r\n".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    @Test
    void logsInAndAnswersTheSessionCommands() throws Exception {
        try (BlockingFtpClient client = BlockingFtpClient.connect(ftp.port())) {
            assertThat(client.reply()).startsWith("220 ");
            client.expect("PWD", "530");
            client.expect("USER test", "331");
            client.expect("PASS wrong", "530");
            client.expect("PWD", "530");
            client.expect("USER test", "331");
            client.expect("PASS test", "230");
            client.expect("SYST", "215");
            assertThat(client.expect("FEAT", "211-")).contains("\r\n EPSV\r\n", "\r\n UTF8\r\n").endsWith("211 End");
            client.expect("OPTS UTF8 ON", "200");
            client.expect("OPTS MLST size;", "501");
            client.expect("TYPE I", "200");
            client.expect("TYPE A", "200");
            client.expect("TYPE E", "504");
            client.expect("NOOP", "200");
            client.expect("XYZZY", "500");
            client.expect("ABOR", "225");
            assertThat(client.expect("PWD", "257")).isEqualTo("257 \"/\" is the current directory.");
        }
    }

    @Test
    void acceptsTheConfiguredCredentialsOnly() throws Exception {
        try (FaultServer server = FaultServer.builder().credentials("alice", "s3cret").features().build();
                BlockingFtpClient client = BlockingFtpClient.connect(server.start())) {
            client.expect("220");
            client.expect("USER test", "331");
            client.expect("PASS test", "530");
            client.expect("PASS s3cret", "503");
            client.expect("USER alice", "331");
            client.expect("PASS s3cret", "230");
            assertThat(client.expect("FEAT", "211-")).isEqualTo("211-Features:\r\n211 End");
        }
    }

    @Test
    void retrievesAFileOverPasv() throws Exception {
        ftp.server().fileSystem().putFile("/pub/hello.txt", HELLO);
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            client.expect("TYPE I", "200");
            try (Socket data = client.passiveData()) {
                assertThat(client.expect("RETR /pub/hello.txt", "150")).contains("(" + HELLO.length + " bytes)");
                assertThat(data.getInputStream().readAllBytes()).isEqualTo(HELLO);
            }
            assertThat(client.reply()).startsWith("226 ");
            client.expect("RETR /pub/hello.txt", "425");
            client.pasv();
            client.expect("RETR /pub/missing.txt", "550");
        }
    }

    @Test
    void storesOverEpsvThenRetrievesTheSameBytes() throws Exception {
        byte[] upload = RepeatingContent.cycling(200_000).toByteArray();
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            try (Socket data = BlockingFtpClient.data("127.0.0.1", client.epsv())) {
                client.expect("STOR up.bin", "150");
                data.getOutputStream().write(upload);
            }
            client.expect("226");
            assertThat(ftp.server().fileSystem().readFile("/up.bin")).hasValue(upload);
            try (Socket data = BlockingFtpClient.data("127.0.0.1", client.epsv())) {
                client.expect("RETR /up.bin", "150");
                assertThat(data.getInputStream().readAllBytes()).isEqualTo(upload);
            }
            client.expect("226");
            try (Socket data = client.passiveData()) {
                client.expect("APPE /up.bin", "150");
                data.getOutputStream().write(HELLO);
            }
            client.expect("226");
            assertThat(ftp.server().fileSystem().readFile("/up.bin").orElseThrow()).hasSize(upload.length + HELLO.length);
        }
    }

    @Test
    void restartsARetrieveAndAStoreAtAnOffset() throws Exception {
        ftp.server().fileSystem().putFile("/f.bin", HELLO);
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            client.expect("REST 7", "350");
            assertThat(client.retrieve("/f.bin")).isEqualTo(java.util.Arrays.copyOfRange(HELLO, 7, HELLO.length));
            client.expect("REST 1000", "350");
            client.pasv();
            client.expect("RETR /f.bin", "554");
            client.expect("REST x", "501");
            client.expect("REST 5", "350");
            try (Socket data = client.passiveData()) {
                client.expect("STOR /f.bin", "150");
                data.getOutputStream().write("!".getBytes(StandardCharsets.UTF_8));
            }
            client.expect("226");
            assertThat(ftp.server().fileSystem().readFile("/f.bin")).hasValue("hello!".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void listsConfiguredBytesVerbatim() throws Exception {
        byte[] listing = "-rw-r--r--  1 0 0  42 Jan 01  1970 odd name\r\nnot a listing line\n".getBytes(StandardCharsets.UTF_8);
        ftp.server().listing("LIST", "/pub", listing);
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            try (Socket data = client.passiveData()) {
                client.expect("LIST -la /pub", "150");
                assertThat(data.getInputStream().readAllBytes()).isEqualTo(listing);
            }
            client.expect("226");
        }
    }

    @Test
    void generatesListingsAndFactsFromTheFileSystem() throws Exception {
        Instant modified = Instant.parse("2020-02-03T04:05:06Z");
        ftp.server().fileSystem().putFile("/pub/a.txt", HELLO, modified);
        ftp.server().fileSystem().createDirectories("/pub/sub");
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            client.expect("CWD /pub", "250");
            List<String> lines = text(client, "LIST").lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).isEqualTo("-rw-r--r-- 1 ftp ftp           21 Feb  3  2020 a.txt");
            assertThat(lines.get(1)).startsWith("drwxr-xr-x 1 ftp ftp            0 ").endsWith(" sub");
            assertThat(text(client, "LIST a.txt")).isEqualTo("-rw-r--r-- 1 ftp ftp           21 Feb  3  2020 a.txt\r\n");
            assertThat(text(client, "NLST")).isEqualTo("a.txt\r\nsub\r\n");
            assertThat(text(client, "MLSD /pub")).startsWith("type=file;size=21;modify=20200203040506; a.txt\r\ntype=dir;modify=")
                    .endsWith("; sub\r\n");
            assertThat(text(client, "LIST sub")).isEmpty();
            client.pasv();
            client.expect("MLSD /nowhere", "550");
            assertThat(client.expect("MLST a.txt", "250-")).isEqualTo(
                    "250-Listing /pub/a.txt\r\n type=file;size=21;modify=20200203040506; /pub/a.txt\r\n250 End");
            assertThat(client.expect("SIZE a.txt", "213")).isEqualTo("213 21");
            assertThat(client.expect("MDTM a.txt", "213")).isEqualTo("213 20200203040506");
            client.expect("SIZE sub", "550");
            client.expect("MDTM nothing", "550");
        }
    }

    @Test
    void changesDirectoriesAndFiles() throws Exception {
        InMemoryFileSystem files = ftp.server().fileSystem();
        files.putFile("/a/one.txt", HELLO);
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            client.expect("CWD a", "250");
            assertThat(client.expect("PWD", "257")).startsWith("257 \"/a\"");
            client.expect("CWD nowhere", "550");
            assertThat(client.expect("MKD new \"dir\"", "257")).startsWith("257 \"/a/new \"\"dir\"\"\" created");
            client.expect("MKD new \"dir\"", "550");
            client.expect("RNFR one.txt", "350");
            client.expect("RNTO new \"dir\"/two.txt", "250");
            client.expect("RNTO three.txt", "503");
            client.expect("RNFR missing", "550");
            client.expect("RMD new \"dir\"", "550");
            client.expect("DELE new \"dir\"/two.txt", "250");
            client.expect("DELE new \"dir\"/two.txt", "550");
            client.expect("RMD new \"dir\"", "250");
            client.expect("CDUP", "250");
            assertThat(client.expect("PWD", "257")).startsWith("257 \"/\"");
        }
        assertThat(files.paths()).containsExactly("/", "/a");
    }

    @Test
    void connectsToTheClientInActiveModeWithPortAndEprt() throws Exception {
        ftp.server().fileSystem().putFile("/hello.txt", HELLO);
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            listener.setSoTimeout(BlockingFtpClient.TIMEOUT_MILLIS);
            int port = listener.getLocalPort();
            client.expect("PORT 127,0,0,1," + (port >> 8) + "," + (port & 0xFF), "200");
            client.expect("RETR /hello.txt", "150");
            try (Socket data = listener.accept()) {
                assertThat(data.getInputStream().readAllBytes()).isEqualTo(HELLO);
            }
            client.expect("226");
            client.expect("EPRT |1|127.0.0.1|" + port + "|", "200");
            client.expect("STOR /copy.txt", "150");
            try (Socket data = listener.accept()) {
                data.getOutputStream().write(HELLO);
            }
            client.expect("226");
            assertThat(ftp.server().fileSystem().readFile("/copy.txt")).hasValue(HELLO);
            client.expect("PORT 10,0,0,1,4,1", "501");
            client.expect("PORT 127,0,0,1,4", "501");
            client.expect("EPRT |1|example.com|21|", "501");
        }
    }

    @Test
    void repliesToQuitThenCloses() throws Exception {
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port())) {
            assertThat(client.command("QUIT")).startsWith("221 ");
            assertThat(client.readToEof()).isEmpty();
        }
        ftp.server().awaitNoOpenConnections(Duration.ofSeconds(5));
        assertThat(ftp.server().connectionCount()).isEqualTo(1);
    }

    @Test
    void recordsEveryCommandInOrder(FaultServer server) throws Exception {
        try (BlockingFtpClient client = BlockingFtpClient.connect(server.port())) {
            client.expect("220");
            // Pipelined, with a bare LF, Telnet IP and DM before ABOR, and an over-long line.
            client.sendRaw(("USER test\r\nPASS test\nnoop  extra\r\n" + "X".repeat(5000) + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            client.sendRaw(new byte[] {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2, 'A', 'B', 'O', 'R', '\r', '\n'});
            assertThat(List.of(client.reply(), client.reply(), client.reply(), client.reply(), client.reply()))
                    .extracting(reply -> reply.substring(0, 3))
                    .containsExactly("331", "230", "200", "500", "225");
            ReceivedCommand abor = server.awaitCommand("abor", Duration.ofSeconds(1));
            assertThat(server.commands()).extracting(ReceivedCommand::verb)
                    .containsExactly("USER", "PASS", "NOOP", "X".repeat(CommandLineDecoder.MAX_LINE), "ABOR");
            ReceivedCommand noop = server.commands().get(2);
            assertThat(noop.argument()).isEqualTo(" extra");
            assertThat(noop.line()).isEqualTo("noop  extra");
            assertThat(server.commands().get(1)).hasToString("#2 [connection 1] PASS ****");
            assertThat(abor.sequence()).isEqualTo(5);
            assertThat(server.commandsAfter(abor)).isEmpty();
            assertThat(server.commandsAfter(noop)).hasSize(2);
            client.send("NOOP");
            assertThat(server.awaitCommand(command -> command.sequence() == 6, Duration.ofSeconds(5)).verb()).isEqualTo("NOOP");
            assertThatThrownBy(() -> server.awaitCommand("STOR", Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no command STOR");
        }
    }

    @Test
    void streamsOneGibibyteWithBackpressureAndTheExpectedChecksum() throws Exception {
        RepeatingContent content = RepeatingContent.cycling(1L << 30);
        ftp.server().fileSystem().putFile("/big.bin", content);
        try (BlockingFtpClient client = BlockingFtpClient.loggedIn(ftp.port());
                Socket data = client.passiveData()) {
            data.setReceiveBufferSize(64 * 1024);
            client.expect("RETR /big.bin", "150");
            InputStream in = data.getInputStream();
            CRC32 crc = new CRC32();
            crc.update(in.read());
            Thread.sleep(300);
            // Only what the socket buffers and the send queue hold was produced, not the whole file.
            assertThat(ftp.server().dataBytesProduced()).isLessThan(64L << 20);
            byte[] buffer = new byte[256 * 1024];
            long total = 1;
            for (int read; (read = in.read(buffer)) >= 0; total += read) {
                crc.update(buffer, 0, read);
            }
            assertThat(total).isEqualTo(content.size());
            assertThat(crc.getValue()).isEqualTo(content.crc32());
            client.expect("226");
        }
    }

    @Test
    void bindsToIpv6LoopbackWhenAsked() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ipv6LoopbackAvailable(), "no ::1 on this machine");
        try (FaultServer server = FaultServer.builder().ipv6(true).build()) {
            int port = server.start();
            server.fileSystem().putFile("/six.txt", HELLO);
            try (BlockingFtpClient client = BlockingFtpClient.connect("::1", port)) {
                client.expect("220");
                client.expect("USER test", "331");
                client.expect("PASS test", "230");
                client.expect("PASV", "425");
                try (Socket data = BlockingFtpClient.data("::1", client.epsv())) {
                    client.expect("RETR six.txt", "150");
                    assertThat(data.getInputStream().readAllBytes()).isEqualTo(HELLO);
                }
                client.expect("226");
            }
        }
    }

    private static boolean ipv6LoopbackAvailable() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return probe.getLocalPort() > 0;
        } catch (java.io.IOException unavailable) {
            return false;
        }
    }

    private static String text(BlockingFtpClient client, String command) throws Exception {
        try (Socket data = client.passiveData()) {
            client.expect(command, "150");
            String text = new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            client.expect("226");
            return text;
        }
    }
}
