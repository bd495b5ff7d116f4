package io.ftpflux.reactive;

import static io.ftpflux.reactive.FtpSessionIT.chunks;
import static io.ftpflux.reactive.FtpSessionIT.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.event.FtpEvent;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Active mode (RFC 959 §3.2 PORT, RFC 2428 §2 EPRT) and IPv6 end to end against the embedded Apache MINA
 * FtpServer, on 127.0.0.1 and on ::1: the server connects to the client's one-shot listener for each transfer.
 * Passive mode over ::1 (EPSV) is here too.
 */
@Timeout(30)
class ActiveModeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedFtpServer ipv4 = EmbeddedFtpServer.plain();

    @RegisterExtension
    static final EmbeddedFtpServer ipv6 = EmbeddedFtpServer.builder().ipv6(true).build();

    @TempDir
    Path local;

    private final List<FtpEvent> events = new CopyOnWriteArrayList<>();

    static Stream<EmbeddedFtpServer> servers() {
        return Stream.of(ipv4, ipv6);
    }

    private FtpClient client(EmbeddedFtpServer server, DataConnectionMode mode) {
        return EmbeddedClients.client(server).mutate()
                .dataConnectionMode(mode)
                .eventListener(events::add)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void uploadsDownloadsAndListsInActiveMode(EmbeddedFtpServer server) throws IOException {
        byte[] content = randomBytes(1024 * 1024 + 3);
        FtpClient client = client(server, DataConnectionMode.ACTIVE);

        Long sent = client.withSession(session -> session.append("active.bin", chunks(content, 64 * 1024)))
                .blockLast(WAIT);
        byte[] received = client.withSession(session -> session.download("active.bin")
                        .reduce(new ByteArrayOutputStream(), ActiveModeIT::append))
                .blockLast(WAIT)
                .toByteArray();
        List<FtpEntry> entries = client.withSession(session -> session.list()).collectList().block(WAIT);
        List<String> names = client.withSession(session -> session.names()).collectList().block(WAIT);

        assertThat(sent).isEqualTo(content.length);
        assertThat(Files.readAllBytes(server.root().resolve("active.bin"))).isEqualTo(content);
        assertThat(received).isEqualTo(content);
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.name()).isEqualTo("active.bin");
            assertThat(entry.size()).isEqualTo(content.length);
        });
        assertThat(names).contains("active.bin");
        assertDataConnections("active", server, 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void transfersFilesInActiveMode(EmbeddedFtpServer server) throws IOException {
        byte[] content = randomBytes(2 * 1024 * 1024 + 11);
        Path source = Files.write(local.resolve("source.bin"), content);
        Path target = local.resolve("target.bin");
        FtpClient client = client(server, DataConnectionMode.ACTIVE);

        UploadResult uploaded = client.withSession(session -> session.upload("file.bin", source)).blockLast(WAIT);
        DownloadResult downloaded = client.withSession(session -> session.download("file.bin", target))
                .blockLast(WAIT);

        assertThat(uploaded.bytes()).isEqualTo(content.length);
        assertThat(uploaded.sizeVerified()).isTrue();
        assertThat(downloaded.sizeVerified()).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertDataConnections("active", server, 2);
    }

    /** One port for every transfer: each listener closes before the next binds, so the port is free again. */
    @Test
    void successiveTransfersReuseAOnePortRange() throws IOException {
        int port = freePort();
        byte[] content = randomBytes(10_000);
        Files.write(ipv4.root().resolve("small.bin"), content);
        FtpClient client = client(ipv4, DataConnectionMode.ACTIVE).mutate().activePortRange(port, port).build();

        List<Integer> sizes = client.withSession(session -> session.download("small.bin")
                        .map(ByteBuf::readableBytes).reduce(0, Integer::sum)
                        .repeat(4))
                .collectList()
                .block(WAIT);

        assertThat(sizes).containsExactly(content.length, content.length, content.length, content.length,
                content.length);
        assertThat(dataConnectionSubjects()).hasSize(5).allSatisfy(subject ->
                assertThat(subject).isEqualTo("active 127.0.0.1:" + port));
    }

    @Test
    void passiveModeWorksOverIpv6WithEpsv() throws IOException {
        byte[] content = randomBytes(500_000);
        FtpClient client = client(ipv6, DataConnectionMode.PASSIVE);

        client.withSession(session -> session.append("passive6.bin", chunks(content, 32 * 1024))).blockLast(WAIT);
        byte[] received = client.withSession(session -> session.download("passive6.bin")
                        .reduce(new ByteArrayOutputStream(), ActiveModeIT::append))
                .blockLast(WAIT)
                .toByteArray();
        List<String> names = client.withSession(session -> session.names()).collectList().block(WAIT);

        assertThat(received).isEqualTo(content);
        assertThat(names).contains("passive6.bin");
        assertDataConnections("passive", ipv6, 3);
    }

    private void assertDataConnections(String mode, EmbeddedFtpServer server, int count) {
        String host = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
        assertThat(dataConnectionSubjects()).hasSize(count)
                .allSatisfy(subject -> assertThat(subject).startsWith(mode + " " + host + ":"));
    }

    private List<String> dataConnectionSubjects() {
        return events.stream()
                .filter(event -> event.type() == FtpEvent.Type.DATA_CONNECTION && event.stage() == FtpEvent.Stage.SUCCEEDED)
                .map(FtpEvent::subject)
                .toList();
    }

    private static ByteArrayOutputStream append(ByteArrayOutputStream out, ByteBuf buf) {
        out.writeBytes(ByteBufUtil.getBytes(buf));
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
