package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.command.ProtectionLevel;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.event.FtpEvent;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.ftpflux.testkit.tls.LocalhostCertificate;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** FTPS (RFC 4217) against the embedded Apache MINA FtpServer, explicit and implicit, on TLS 1.2 and 1.3. */
@Timeout(60)
class FtpsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static FtpClient client(EmbeddedFtpServer server, FtpTls tls, List<FtpEvent> events) {
        return EmbeddedClients.client(server).mutate()
                .tls(tls.withTrustStore(LocalhostCertificate.trustStore()))
                .eventListener(events::add)
                .build();
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static List<FtpEvent.TlsDetails> handshakes(List<FtpEvent> events) {
        return events.stream()
                .filter(event -> event.type() == FtpEvent.Type.TLS_HANDSHAKE && event.stage() == FtpEvent.Stage.SUCCEEDED)
                .map(FtpEvent::tls)
                .toList();
    }

    /** Uploads from a publisher and a file, downloads to memory and to a file, and lists, all with PROT P. */
    static void roundTrip(EmbeddedFtpServer server, FtpTls tls, String protocol, Path folder) throws Exception {
        List<FtpEvent> events = new CopyOnWriteArrayList<>();
        FtpClient client = client(server, tls.withProtocols(protocol), events);
        byte[] content = randomBytes(1024 * 1024 + 5);
        Path source = Files.write(folder.resolve("source.bin"), content);

        List<UploadResult> uploads = new CopyOnWriteArrayList<>();
        List<DownloadResult> downloads = new CopyOnWriteArrayList<>();
        List<String> names = client.withSession(session -> session.upload("stream.bin",
                                Flux.range(0, 16).map(i -> Unpooled.wrappedBuffer(content, i * 65536,
                                        Math.min(65536, content.length - i * 65536)))
                                        .concatWith(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(content, 16 * 65536,
                                                content.length - 16 * 65536))),
                                UploadOptions.defaults())
                        .doOnNext(uploads::add)
                        .then(session.upload("file.bin", source).doOnNext(uploads::add))
                        .then(session.download("stream.bin", folder.resolve("copy.bin")).doOnNext(downloads::add))
                        .thenMany(session.list().map(FtpEntry::name)))
                .collectList()
                .block(WAIT);

        assertThat(names).contains("stream.bin", "file.bin");
        assertThat(Files.readAllBytes(server.root().resolve("stream.bin"))).isEqualTo(content);
        assertThat(Files.readAllBytes(server.root().resolve("file.bin"))).isEqualTo(content);
        assertThat(Files.readAllBytes(folder.resolve("copy.bin"))).isEqualTo(content);
        List<FtpEvent.TlsDetails> handshakes = handshakes(events);
        // The control connection, then one data connection per upload, download and listing.
        assertThat(handshakes).hasSize(5).allSatisfy(details -> assertThat(details.protocol()).isEqualTo(protocol));
        assertThat(handshakes.get(0).resumed()).isFalse();
        // Every handshake carries the server's certificate: the test certificate for localhost.
        assertThat(handshakes).allSatisfy(details -> assertThat(details.peerCertificate()).isNotNull()
                .satisfies(certificate -> assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost")));
        assertThat(handshakes.subList(1, 5)).allSatisfy(details -> assertThat(details.resumed()).isTrue());
        // The results tell the same: each transfer's data connection was encrypted and resumed.
        assertThat(uploads).hasSize(2).allSatisfy(upload -> {
            assertThat(upload.encrypted()).isTrue();
            assertThat(upload.tlsSessionResumed()).isTrue();
            assertThat(upload.dataTls().protocol()).isEqualTo(protocol);
        });
        assertThat(uploads).extracting(UploadResult::dataTls).containsExactlyElementsOf(handshakes.subList(1, 3));
        assertThat(downloads).singleElement().satisfies(download -> {
            assertThat(download.encrypted()).isTrue();
            assertThat(download.tlsSessionResumed()).isTrue();
            assertThat(download.dataTls()).isEqualTo(handshakes.get(3));
        });
    }

    @Nested
    class Explicit {

        @RegisterExtension
        final EmbeddedFtpServer server = EmbeddedFtpServer.explicitTls();

        @ParameterizedTest
        @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
        void transfersOverPrivateDataConnectionsThatResumeTheControlSession(String protocol, @TempDir Path folder)
                throws Exception {
            roundTrip(server, FtpTls.explicit(), protocol, folder);
        }

        @Test
        void clearDataProtectionSendsProtCAndTransfersWithoutTls(@TempDir Path folder) {
            List<FtpEvent> events = new CopyOnWriteArrayList<>();
            FtpClient client = client(server, FtpTls.explicit().withDataProtection(ProtectionLevel.CLEAR), events);
            byte[] content = randomBytes(70_000);
            List<Object> results = new CopyOnWriteArrayList<>();

            byte[] downloaded = client.withSession(session -> session.upload("clear.bin",
                                    Flux.just(Unpooled.wrappedBuffer(content)), UploadOptions.defaults())
                            .doOnNext(results::add)
                            .then(session.download("clear.bin", folder.resolve("clear.bin")).doOnNext(results::add))
                            .thenMany(session.download("clear.bin").map(ByteBufUtil::getBytes)))
                    .reduce(FtpsIT::concat)
                    .block(WAIT);

            assertThat(downloaded).isEqualTo(content);
            assertThat(handshakes(events)).hasSize(1);
            assertThat(results).hasSize(2);
            assertThat((UploadResult) results.get(0)).satisfies(upload -> {
                assertThat(upload.encrypted()).isFalse();
                assertThat(upload.tlsSessionResumed()).isFalse();
            });
            assertThat(((DownloadResult) results.get(1)).encrypted()).isFalse();
        }

        @Test
        void aServerWithoutCccFailsTheConnectOfAClientThatAsksForIt() {
            FtpClient client = client(server, FtpTls.explicit().withClearCommandChannel(true),
                    new CopyOnWriteArrayList<>());
            assertThat(client.tls().clearCommandChannel()).isTrue();
            assertThatThrownBy(() -> client.connect().block(WAIT))
                    .isInstanceOf(FtpSecurityException.class)
                    .hasMessageContaining("refused CCC")
                    .hasMessageContaining("not continuing with it encrypted");
        }

        @Test
        void untrustedCertificateIsASecurityError() {
            FtpClient client = EmbeddedClients.client(server).mutate().tls(FtpTls.explicit()).build();
            assertThatThrownBy(() -> client.connect().block(WAIT))
                    .isInstanceOf(FtpSecurityException.class)
                    .hasMessageContaining("TLS");
        }

        @Test
        void insecureTrustAcceptsAnyCertificate() {
            FtpClient client = EmbeddedClients.client(server).mutate()
                    .tls(FtpTls.explicit().insecureTrustAllCertificates())
                    .build();
            assertThat(client.withSession(session -> session.workingDirectory()).blockLast(WAIT)).isEqualTo("/");
        }
    }

    @Nested
    class Implicit {

        @RegisterExtension
        final EmbeddedFtpServer server = EmbeddedFtpServer.implicitTls();

        @ParameterizedTest
        @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
        void transfersOverPrivateDataConnectionsThatResumeTheControlSession(String protocol, @TempDir Path folder)
                throws Exception {
            roundTrip(server, FtpTls.implicit(), protocol, folder);
        }

        @Test
        void implicitTlsDefaultsToPort990AndAnExplicitPortWins() {
            FtpClient noPort = FtpClient.builder().host("example.com").tls(FtpTls.implicit()).build();
            assertThat(noPort.port()).isEqualTo(990);
            assertThat(noPort.mutate().tls(FtpTls.explicit()).build().port()).isEqualTo(21);
            assertThat(noPort.mutate().port(2990).build().port()).isEqualTo(2990);
            assertThat(noPort.mutate().build().tls()).isSameAs(noPort.tls());
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
