package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTransientReplyException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
            "../.ftpflux/servers/tls/server.crt"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * The servers and protocols that resume on every data connection. ProFTPD on TLS 1.3 is left out: it resumes only as
     * many uploads as it issued session tickets
     * ({@link #proftpdOnTls13ResumesListingsAndDownloadsButOnlyAsManyUploadsAsItHasTickets}).
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

    /**
     * ProFTPD on TLS 1.3 lets a session resume only as many uploads as it has session tickets. It issues two tickets
     * on the control connection, and on a resumed data connection one more only when it writes there (a listing, a
     * download), never on an upload's; the JDK uses each ticket once and keeps one per server (JDK 17) or several
     * (JDK 25). So listings and downloads resume as often as needed, each upload spends a ticket for good, and once
     * none is left the server refuses the next data connection (425), which fails with an
     * {@link FtpSecurityException} that says why and names the way out, TLS 1.2 (docs/reactive.md, FTPS).
     */
    @Test
    void proftpdOnTls13ResumesListingsAndDownloadsButOnlyAsManyUploadsAsItHasTickets(@TempDir Path folder)
            throws IOException {
        assumeServer("proftpd", 2122);
        List<FtpEvent> events = new CopyOnWriteArrayList<>();
        FtpClient client = client(2122, "TLSv1.3", events);
        byte[] content = new byte[300_000];
        new Random(13).nextBytes(content);
        String remote = "ftps-tickets-" + System.nanoTime() + ".bin";
        client.withSession(session -> session.upload(remote, Flux.just(Unpooled.wrappedBuffer(content)),
                UploadOptions.defaults())).blockLast(WAIT);
        events.clear();
        List<Object> results = new CopyOnWriteArrayList<>();
        List<FtpEvent.TlsDetails> handshakes;

        try {
            assertThatThrownBy(() -> client.withSession(session -> session.names("/").collectList()
                            .then(session.names("/").collectList())
                            .then(session.download(remote, folder.resolve("copy.bin")).doOnNext(results::add))
                            .thenMany(Flux.range(0, 3).concatMap(attempt -> session.upload(remote + "." + attempt,
                                    Flux.just(Unpooled.wrappedBuffer(content)), UploadOptions.defaults())))
                            .doOnNext(results::add))
                    .blockLast(WAIT))
                    .isInstanceOf(FtpSecurityException.class)
                    .hasMessageStartingWith("STOR " + remote + ".")
                    .hasMessageContaining("425")
                    .hasMessageContaining("did not resume the control connection's")
                    .hasMessageContaining("FtpTls.withProtocols(\"TLSv1.2\")")
                    .cause().isInstanceOf(FtpTransientReplyException.class);
            handshakes = handshakes(events);
        } finally {
            client.withSession(session -> Flux.range(0, 3).concatMap(attempt -> session.delete(remote + "." + attempt)
                            .onErrorResume(FtpReplyException.class, absent -> Mono.empty()))
                    .then(session.delete(remote))).blockLast(WAIT);
        }

        assertThat(Files.readAllBytes(folder.resolve("copy.bin"))).isEqualTo(content);
        int uploads = results.size() - 1;
        assertThat(uploads).isBetween(1, 2);
        // Observed: JDK 17 keeps only the control connection's last ticket, JDK 25 both.
        if (Runtime.version().feature() == 17) {
            assertThat(uploads).isEqualTo(1);
        } else if (Runtime.version().feature() >= 25) {
            assertThat(uploads).isEqualTo(2);
        }
        assertThat(((DownloadResult) results.get(0)).tlsSessionResumed()).isTrue();
        assertThat(results.subList(1, results.size()))
                .allSatisfy(upload -> assertThat(((UploadResult) upload).tlsSessionResumed()).isTrue());
        // The control connection, two listings, the download, the uploads that resumed, and the refused one.
        assertThat(handshakes).hasSize(4 + uploads + 1);
        assertThat(handshakes.subList(1, 4 + uploads)).allSatisfy(tls -> assertThat(tls.resumed()).isTrue());
        assertThat(handshakes.get(4 + uploads).resumed()).isFalse();
    }

    /**
     * CCC (RFC 4217 §12.3) against ProFTPD, which allows it: after login the control connection goes back to the
     * clear, and the session goes on with commands and private data connections. That ProFTPD understands the
     * commands after CCC shows the client sends them in the clear, as it reads the replies.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void proftpdClearsTheControlConnectionAfterCcc(String protocol, @TempDir Path folder) throws IOException {
        assumeServer("proftpd", 2122);
        List<FtpEvent> events = new CopyOnWriteArrayList<>();
        FtpClient client = client(2122, protocol, events);
        client = client.mutate().tls(FtpTls.explicit().withTrustedCertificates(CERTIFICATE).withProtocols(protocol)
                .withClearCommandChannel(true)).build();
        byte[] content = new byte[200_000];
        new Random(17).nextBytes(content);
        Path source = Files.write(folder.resolve("source.bin"), content);
        String remote = "ftps-ccc-" + protocol + "-" + System.nanoTime() + ".bin";

        List<Object> results = client.withSession(session -> session.workingDirectory().cast(Object.class)
                        .concatWith(session.upload(remote, source))
                        .concatWith(session.download(remote, folder.resolve("copy.bin")))
                        .concatWith(session.delete(remote).then(session.noop()).then(Mono.just("done"))))
                .collectList()
                .block(WAIT);

        assertThat(results).hasSize(4);
        assertThat(results.get(0)).isEqualTo("/");
        assertThat(((UploadResult) results.get(1)).tlsSessionResumed()).isTrue();
        DownloadResult download = (DownloadResult) results.get(2);
        assertThat(download.encrypted()).isTrue();
        if (protocol.equals("TLSv1.2")) {
            assertThat(download.tlsSessionResumed()).isTrue();
        }
        // On TLS 1.3 the upload spent the session's last ticket (JDK 17): the download's full handshake is accepted
        // all the same, since ProFTPD no longer checks session reuse once the control connection is clear.
        assertThat(Files.readAllBytes(folder.resolve("copy.bin"))).isEqualTo(content);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.subject()).isEqualTo("CCC");
            assertThat(event.replyCode()).isEqualTo(200);
        });
    }

    /** vsftpd does not implement CCC: a client configured to clear the control connection does not connect. */
    @Test
    void vsftpdRefusesCccAndTheConnectFails() {
        assumeServer("vsftpd", 2121);
        FtpClient client = client(2121, "TLSv1.3", new CopyOnWriteArrayList<>()).mutate()
                .tls(FtpTls.explicit().withTrustedCertificates(CERTIFICATE).withClearCommandChannel(true))
                .build();

        assertThatThrownBy(() -> client.connect().block(WAIT))
                .isInstanceOf(FtpSecurityException.class)
                .hasMessageContaining("refused CCC (500")
                .hasMessageContaining("withClearCommandChannel");
    }

    private static void assumeServer(String server, int port) {
        Assumptions.assumeTrue(listening(port), () -> server + " is not listening on " + HOST + ":" + port
                + "; start it with scripts/servers/servers.sh start " + server + " to run this test");
        Assumptions.assumeTrue(Files.isReadable(CERTIFICATE), () -> "the servers' certificate " + CERTIFICATE
                + " is not readable; set -Dftpflux.servers.tls.certificate to its path");
    }

    private static FtpClient client(int port, String protocol, List<FtpEvent> events) {
        return FtpClient.builder()
                .host(HOST)
                .port(port)
                .credentials(FtpCredentials.of("ftpflux", "ftpflux-secret"))
                .tls(FtpTls.explicit().withTrustedCertificates(CERTIFICATE).withProtocols(protocol))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(10)))
                .eventListener(events::add)
                .build();
    }

    private static List<FtpEvent.TlsDetails> handshakes(List<FtpEvent> events) {
        return events.stream()
                .filter(event -> event.type() == FtpEvent.Type.TLS_HANDSHAKE && event.stage() == FtpEvent.Stage.SUCCEEDED)
                .map(FtpEvent::tls)
                .toList();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("serversAndProtocols")
    void listsDownloadsAndUploadsOverResumedSessions(String server, int port, String protocol, @TempDir Path folder)
            throws IOException {
        assumeServer(server, port);
        Assumptions.assumeTrue(!server.equals("vsftpd") || !protocol.equals("TLSv1.2")
                        || "false".equals(System.getProperty("jdk.tls.client.enableSessionTicketExtension")),
                "TLS 1.2 against vsftpd resumes by session ID only with -Djdk.tls.client.enableSessionTicketExtension="
                        + "false; the tls12-session-ids execution runs it so");
        List<FtpEvent> events = new CopyOnWriteArrayList<>();
        FtpClient client = client(port, protocol, events);
        byte[] content = new byte[2 * 1024 * 1024 + 11];
        new Random(7).nextBytes(content);
        Path source = Files.write(folder.resolve("source.bin"), content);
        String remote = "ftps-" + protocol + "-" + System.nanoTime() + ".bin";

        List<Object> results = new CopyOnWriteArrayList<>();
        List<String> names = client.withSession(session -> session.upload(remote, source)
                        .doOnNext(results::add)
                        .then(session.upload(remote + ".stream",
                                Flux.just(Unpooled.wrappedBuffer(content)), UploadOptions.defaults()))
                        .doOnNext(results::add)
                        .then(session.download(remote, folder.resolve("downloaded.bin")).doOnNext(results::add))
                        .thenMany(session.list().map(FtpEntry::name))
                        .concatWith(session.delete(remote).then(session.delete(remote + ".stream"))
                                .then(Mono.empty())))
                .collectList()
                .block(WAIT);

        assertThat(names).contains(remote, remote + ".stream");
        assertThat(Files.readAllBytes(folder.resolve("downloaded.bin"))).isEqualTo(content);
        List<FtpEvent.TlsDetails> handshakes = handshakes(events);
        // The control connection, then one data connection per upload, download and listing.
        assertThat(handshakes).hasSize(5).allSatisfy(tls -> assertThat(tls.protocol()).isEqualTo(protocol));
        assertThat(handshakes.get(0).resumed()).isFalse();
        assertThat(handshakes.subList(1, 5)).allSatisfy(tls -> assertThat(tls.resumed()).isTrue());
        // The results carry their data connections' handshakes: upload from a file, upload of a stream, download.
        assertThat(results).hasSize(3);
        assertThat(List.of(((UploadResult) results.get(0)).dataTls(), ((UploadResult) results.get(1)).dataTls(),
                ((DownloadResult) results.get(2)).dataTls())).isEqualTo(handshakes.subList(1, 4));
    }
}
