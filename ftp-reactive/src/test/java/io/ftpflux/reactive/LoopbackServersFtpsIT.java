package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.event.FtpEvent;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

/**
 * FTPS against the real servers the project's scripts run on loopback ({@code scripts/servers}): vsftpd on 2121,
 * with {@code require_ssl_reuse=YES}, and ProFTPD on 2122, which by default also refuses every data connection whose
 * TLS session does not resume the control connection's. A listing, a download and uploads with {@code PROT P}
 * therefore prove session reuse. Each server is skipped when nothing listens on its port (a plain
 * {@code ./mvnw verify} without the servers).
 *
 * <p>TLS 1.2 against vsftpd runs only in a JVM started with
 * {@code -Djdk.tls.client.enableSessionTicketExtension=false} (the
 * build's {@code tls12-session-ids} execution): when the JDK offers a TLS 1.2 session ticket, vsftpd issues one
 * with a lifetime of 2^31-1 seconds, which the JDK discards (it keeps tickets for at most seven days), and as the
 * server then sends no session ID either, there is nothing to resume.
 */
@Timeout(60)
class LoopbackServersFtpsIT {

    private static final String HOST = "127.0.0.1";
    private static final Path CERTIFICATE = Path.of(System.getProperty("ftpflux.servers.tls.certificate",
            "/work/main/.ftpflux/servers/tls/server.crt"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * The servers and protocols that resume on every data connection. ProFTPD on TLS 1.3 is left out: it issues no
     * session ticket on a resumed data connection, so with the JDK 17 client, which keeps one ticket per server,
     * only a session's first data connection resumes (docs/reactive.md, FTPS).
     */
    static Stream<Arguments> serversAndProtocols() {
        return Stream.of(Arguments.of("vsftpd", 2121, "TLSv1.3"), Arguments.of("vsftpd", 2121, "TLSv1.2"),
                Arguments.of("proftpd", 2122, "TLSv1.2"));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("serversAndProtocols")
    void listsDownloadsAndUploadsOverResumedSessions(String server, int port, String protocol, @TempDir Path folder)
            throws IOException {
        Assumptions.assumeTrue(listening(port), () -> server + " is not listening on " + HOST + ":" + port
                + "; start it with scripts/servers/servers.sh start " + server + " to run this test");
        Assumptions.assumeTrue(Files.isReadable(CERTIFICATE), () -> "the servers' certificate " + CERTIFICATE
                + " is not readable; set -Dftpflux.servers.tls.certificate to its path");
        Assumptions.assumeTrue(!server.equals("vsftpd") || !protocol.equals("TLSv1.2")
                        || "false".equals(System.getProperty("jdk.tls.client.enableSessionTicketExtension")),
                "TLS 1.2 against vsftpd resumes by session ID only with -Djdk.tls.client.enableSessionTicketExtension="
                        + "false; the tls12-session-ids execution runs it so");
        List<FtpEvent> events = new CopyOnWriteArrayList<>();
        FtpClient client = FtpClient.builder()
                .host(HOST)
                .port(port)
                .credentials(FtpCredentials.of("ftpflux", "ftpflux-secret"))
                .tls(FtpTls.explicit().withTrustedCertificates(CERTIFICATE).withProtocols(protocol))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(10)))
                .eventListener(events::add)
                .build();
        byte[] content = new byte[2 * 1024 * 1024 + 11];
        new Random(7).nextBytes(content);
        Path source = Files.write(folder.resolve("source.bin"), content);
        String remote = "ftps-" + protocol + "-" + System.nanoTime() + ".bin";

        List<String> names = client.withSession(session -> session.upload(remote, source)
                        .then(session.upload(remote + ".stream",
                                Flux.just(Unpooled.wrappedBuffer(content)), UploadOptions.defaults()))
                        .then(session.download(remote, folder.resolve("downloaded.bin")))
                        .thenMany(session.list().map(FtpEntry::name))
                        .concatWith(session.delete(remote).then(session.delete(remote + ".stream"))
                                .then(reactor.core.publisher.Mono.empty())))
                .collectList()
                .block(WAIT);

        assertThat(names).contains(remote, remote + ".stream");
        assertThat(Files.readAllBytes(folder.resolve("downloaded.bin"))).isEqualTo(content);
        List<FtpEvent.TlsDetails> handshakes = events.stream()
                .filter(event -> event.type() == FtpEvent.Type.TLS_HANDSHAKE && event.stage() == FtpEvent.Stage.SUCCEEDED)
                .map(FtpEvent::tls)
                .toList();
        // The control connection, then one data connection per upload, download and listing.
        assertThat(handshakes).hasSize(5).allSatisfy(tls -> assertThat(tls.protocol()).isEqualTo(protocol));
        assertThat(handshakes.get(0).resumed()).isFalse();
        assertThat(handshakes.subList(1, 5)).allSatisfy(tls -> assertThat(tls.resumed()).isTrue());
    }
}
