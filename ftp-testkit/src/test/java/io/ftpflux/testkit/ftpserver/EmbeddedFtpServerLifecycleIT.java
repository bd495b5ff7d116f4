package io.ftpflux.testkit.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(10)
class EmbeddedFtpServerLifecycleIT {

    private static final List<Path> ROOTS_SEEN = new ArrayList<>();

    @RegisterExtension
    final EmbeddedFtpServer perTest = EmbeddedFtpServer.plain();

    @AfterAll
    static void everyPerTestServerWasStoppedAndItsRootDeleted() {
        assertThat(ROOTS_SEEN).hasSize(2).doesNotHaveDuplicates().allSatisfy(root -> assertThat(root).doesNotExist());
    }

    @Test
    void runsForEachTestInAnInstanceField() throws IOException {
        assertThat(perTest.isRunning()).isTrue();
        Files.writeString(perTest.root().resolve("left-behind.txt"), "deleted with the root");
        ROOTS_SEEN.add(perTest.root());
    }

    @Test
    void getsAFreshRootForEachTest() {
        assertThat(perTest.root()).isEmptyDirectory();
        ROOTS_SEEN.add(perTest.root());
    }

    @Test
    void bindsTheIpv6LoopbackWhenAsked() throws IOException {
        try (EmbeddedFtpServer ipv6 = EmbeddedFtpServer.builder().ipv6(true).build()) {
            ipv6.start();
            assertThat(ipv6.host()).isEqualTo(EmbeddedFtpServer.IPV6_HOST);
            try (ControlConnection control = ControlConnection.open(ipv6)) {
                assertThat(control.readReply()).startsWith("220");
                control.login(ipv6.user(), ipv6.password());
                // RFC 2428 §3: the reply names only the port, which the server listens on at ::1.
                assertThat(control.send("EPSV")).startsWith("229");
            }
        }
    }

    @Test
    void startsAndClosesByHand() throws IOException {
        EmbeddedFtpServer manual = EmbeddedFtpServer.builder().user("alice", "wonderland").build();
        assertThatThrownBy(manual::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
        Path root;
        try (manual) {
            manual.start();
            root = manual.root();
            Files.createDirectories(root.resolve("a/b"));
            Files.writeString(root.resolve("a/b/c.txt"), "nested");
            try (ControlConnection control = ControlConnection.open(manual)) {
                assertThat(control.readReply()).startsWith("220");
                control.login("alice", "wonderland");
            }
        }
        assertThat(manual.isRunning()).isFalse();
        assertThat(root).doesNotExist();
        manual.close();
    }

    @Test
    void rejectsAnonymousAsTheNamedUser() {
        assertThatThrownBy(() -> EmbeddedFtpServer.builder().user("Anonymous", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anonymousLogin(true)");
    }
}
