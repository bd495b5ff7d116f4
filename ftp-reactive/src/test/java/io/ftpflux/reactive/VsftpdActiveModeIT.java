package io.ftpflux.reactive;

import static io.ftpflux.reactive.FtpSessionIT.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.reactive.event.FtpEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Active mode against a real vsftpd on loopback port 2121, over IPv4 and IPv6, when one runs there (started by
 * {@code scripts/servers/servers.sh start vsftpd}); skipped otherwise. vsftpd checks that the EPRT address is the
 * control connection's peer (no {@code port_promiscuous}), connects before its 150 reply, and speaks EPRT over
 * IPv6.
 */
@Timeout(30)
class VsftpdActiveModeIT {

    private static final int PORT = 2121;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<FtpEvent> events = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void uploadsListsDownloadsAndDeletesInActiveMode(String host) {
        Assumptions.assumeTrue(listening(host), () -> "no FTP server on " + host + " port " + PORT);
        FtpClient client = FtpClient.builder()
                .host(host)
                .port(PORT)
                .credentials(FtpCredentials.of("ftpflux", "ftpflux-secret"))
                .timeouts(FtpTimeouts.of(WAIT))
                .dataConnectionMode(DataConnectionMode.ACTIVE)
                .eventListener(events::add)
                .build();
        String name = "ftpflux-active-" + UUID.randomUUID() + ".bin";
        byte[] content = randomBytes(300_000);

        byte[] received = client.withSession(session -> session.append(name, Flux.just(Unpooled.wrappedBuffer(content)))
                        .thenMany(session.names())
                        .filter(name::equals)
                        .single()
                        .then(session.download(name).reduce(new ByteArrayOutputStream(), VsftpdActiveModeIT::append))
                        .flatMap(bytes -> session.delete(name).thenReturn(bytes.toByteArray()))
                        .onErrorResume(error -> session.delete(name).onErrorResume(ignored -> Mono.empty())
                                .then(Mono.error(error))))
                .blockLast(WAIT);

        assertThat(received).isEqualTo(content);
        assertThat(events).filteredOn(event -> event.type() == FtpEvent.Type.DATA_CONNECTION
                        && event.stage() == FtpEvent.Stage.SUCCEEDED)
                .hasSize(3)
                .allSatisfy(event -> assertThat(event.subject()).startsWith("active "));
    }

    private static boolean listening(String host) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, PORT), 500);
            return true;
        } catch (IOException nothing) {
            return false;
        }
    }

    private static ByteArrayOutputStream append(ByteArrayOutputStream out, ByteBuf buf) {
        out.writeBytes(ByteBufUtil.getBytes(buf));
        return out;
    }
}
