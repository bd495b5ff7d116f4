package io.ftpflux.testkit.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ftpflux.testkit.IsolatedJupiterRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Proves that the auto-detected extension fails a test that leaves a socket open, and only such a test. */
@Timeout(10)
class OpenSocketExtensionTest {

    private static final List<ServerSocket> LEFT_OPEN = new ArrayList<>();

    @BeforeAll
    static void requireProcFs() {
        assumeTrue(OpenSockets.supported(), "/proc/self/fd is Linux only");
    }

    @Test
    void failsATestThatLeavesAServerSocketOpen() throws IOException {
        TestExecutionSummary summary = IsolatedJupiterRun.run(LeavesASocketOpenTest.class);
        try {
            assertThat(LEFT_OPEN).hasSize(1);
            assertThat(summary.getTestsFailedCount()).isEqualTo(1);
            assertThat(IsolatedJupiterRun.failureMessages(summary))
                    .singleElement()
                    .asString()
                    .startsWith("1 socket opened during the test still open 2000 ms after it ended:")
                    .contains("tcp 127.0.0.1:" + LEFT_OPEN.get(0).getLocalPort() + " -> ")
                    .contains(" LISTEN");
        } finally {
            // Closed here, not in @AfterAll: this test's own socket check runs right after it.
            for (ServerSocket socket : LEFT_OPEN) {
                socket.close();
            }
            LEFT_OPEN.clear();
        }
    }

    @Test
    void keepsSocketsOpenedBeforeEachTestOutOfTheCount() {
        TestExecutionSummary summary = IsolatedJupiterRun.run(SharedServerTest.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(summary.getTotalFailureCount()).isZero();
    }

    static class LeavesASocketOpenTest {
        @Test
        void forgetsToClose() throws IOException {
            assumeTrue(IsolatedJupiterRun.active());
            LEFT_OPEN.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        }
    }

    static class SharedServerTest {
        private static ServerSocket shared;

        @BeforeAll
        static void openShared() throws IOException {
            shared = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        }

        @AfterAll
        static void closeShared() throws IOException {
            shared.close();
        }

        @Test
        void usesTheSharedServer() {
            assumeTrue(IsolatedJupiterRun.active());
            assertThat(shared.isBound()).isTrue();
        }

        @Test
        void opensAndClosesItsOwn() throws IOException {
            assumeTrue(IsolatedJupiterRun.active());
            try (ServerSocket own = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                assertThat(own.isBound()).isTrue();
            }
        }
    }
}
