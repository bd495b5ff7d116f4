package io.ftpflux.testkit.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OpenSocketsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration SHORT_GRACE = Duration.ofMillis(100);

    @BeforeEach
    void requireProcFs() {
        assumeTrue(OpenSockets.supported(), "/proc/self/fd is Linux only");
    }

    @Test
    void failsOnAServerSocketLeftOpen() throws IOException {
        OpenSockets baseline = OpenSockets.snapshot();
        ServerSocket forgotten = new ServerSocket(0, 1, LOOPBACK);
        try {
            assertThatThrownBy(() -> baseline.assertNoNewSockets(SHORT_GRACE))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("1 socket opened during the test still open 100 ms after it ended:")
                    .hasMessageContaining("tcp 127.0.0.1:" + forgotten.getLocalPort() + " -> ")
                    .hasMessageContaining(" LISTEN");
        } finally {
            forgotten.close();
        }
        assertThatCode(() -> baseline.assertNoNewSockets(SHORT_GRACE)).doesNotThrowAnyException();
    }

    @Test
    void describesBothEndsOfAConnection() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK)) {
            OpenSockets baseline = OpenSockets.snapshot();
            try (Socket client = new Socket(LOOPBACK, listener.getLocalPort());
                    Socket accepted = listener.accept()) {
                String server = "127.0.0.1:" + listener.getLocalPort();
                String clientEnd = "127.0.0.1:" + client.getLocalPort();
                assertThat(baseline.newSockets()).containsExactlyInAnyOrder(
                        "tcp " + clientEnd + " -> " + server + " ESTABLISHED",
                        "tcp " + server + " -> " + clientEnd + " ESTABLISHED");
                assertThat(accepted.isConnected()).isTrue();
            }
            assertThat(baseline.newSockets()).isEmpty();
        }
    }

    @Test
    void describesDatagramSockets() throws IOException {
        OpenSockets baseline = OpenSockets.snapshot();
        try (DatagramSocket datagram = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            assertThat(baseline.newSockets())
                    .singleElement()
                    .asString()
                    .startsWith("udp 127.0.0.1:" + datagram.getLocalPort() + " -> ")
                    .endsWith(" unconnected");
        }
    }

    @Test
    void waitsForAnAsynchronousClose() throws IOException {
        OpenSockets baseline = OpenSockets.snapshot();
        ServerSocket closedLater = new ServerSocket(0, 1, LOOPBACK);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                closedLater.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

        assertThatCode(() -> baseline.assertNoNewSockets(Duration.ofSeconds(2))).doesNotThrowAnyException();
        assertThat(closing).isDone();
    }

    @Test
    void ignoresSocketsOpenBeforeTheSnapshot() throws IOException {
        try (ServerSocket before = new ServerSocket(0, 1, LOOPBACK)) {
            OpenSockets baseline = OpenSockets.snapshot();
            assertThat(baseline.inodes()).isNotEmpty();
            assertThatCode(() -> baseline.assertNoNewSockets(Duration.ZERO)).doesNotThrowAnyException();
            assertThat(before.isBound()).isTrue();
        }
    }

    @Test
    void decodesKernelAddresses() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the kernel prints words in host order");
        assertThat(SocketTable.address("0100007F:1F90")).isEqualTo("127.0.0.1:8080");
        assertThat(SocketTable.address("00000000:0015")).isEqualTo("0.0.0.0:21");
        assertThat(SocketTable.address("00000000000000000000000001000000:0849")).isEqualTo("[0:0:0:0:0:0:0:1]:2121");
        assertThat(SocketTable.address("0000000000000000FFFF00000100007F:0050")).isEqualTo("127.0.0.1:80");
    }
}
