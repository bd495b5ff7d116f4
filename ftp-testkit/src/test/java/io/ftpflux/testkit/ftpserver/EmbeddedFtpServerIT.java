package io.ftpflux.testkit.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(10)
class EmbeddedFtpServerIT {

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.builder().anonymousLogin(true).build();

    @Test
    void listensOnLoopbackOnAnEphemeralPort() {
        assertThat(server.isRunning()).isTrue();
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(server.root()).isDirectory();
    }

    @Test
    void greetsAndLogsTheUserIn() throws IOException {
        try (ControlConnection control = ControlConnection.open(server)) {
            assertThat(control.readReply()).startsWith("220");
            assertThat(control.send("USER " + server.user())).startsWith("331");
            assertThat(control.send("PASS " + server.password())).startsWith("230");
            assertThat(control.send("QUIT")).startsWith("221");
        }
    }

    @Test
    void refusesAWrongPassword() throws IOException {
        try (ControlConnection control = ControlConnection.open(server)) {
            control.readReply();
            control.send("USER " + server.user());
            assertThat(control.send("PASS not-" + server.password())).startsWith("530");
        }
    }

    @Test
    void refusesAuthTlsWithoutTls() throws IOException {
        try (ControlConnection control = ControlConnection.open(server)) {
            control.readReply();
            assertThat(control.send("AUTH TLS")).matches("[45]\\d\\d[ -](?s).*");
        }
    }

    @Test
    void servesFilesFromItsRootOverPassiveDataConnections() throws IOException {
        byte[] content = "a small file\r\nof two lines\n".getBytes(StandardCharsets.UTF_8);
        Files.write(server.root().resolve("served.txt"), content);
        try (ControlConnection control = ControlConnection.open(server)) {
            control.readReply();
            control.login(server.user(), server.password());
            control.send("TYPE I");
            assertThat(control.retrieve("served.txt", server)).isEqualTo(content);
        }
    }

    @Test
    void letsTheUserWriteIntoTheRoot() throws IOException {
        byte[] content = "uploaded".getBytes(StandardCharsets.UTF_8);
        try (ControlConnection control = ControlConnection.open(server)) {
            control.readReply();
            control.login(server.user(), server.password());
            control.send("TYPE I");
            int port = control.passive();
            try (Socket data = new Socket(server.host(), port)) {
                assertThat(control.send("STOR uploaded.bin")).startsWith("150");
                try (OutputStream out = data.getOutputStream()) {
                    out.write(content);
                }
            }
            assertThat(control.readReply()).startsWith("226");
            assertThat(control.send("MKD made-by-user")).startsWith("257");
        }
        assertThat(server.root().resolve("uploaded.bin")).hasBinaryContent(content);
        assertThat(server.root().resolve("made-by-user")).isDirectory();
    }

    @Test
    void letsAnonymousReadButNotWrite() throws IOException {
        Files.writeString(server.root().resolve("public.txt"), "public", StandardCharsets.UTF_8);
        try (ControlConnection control = ControlConnection.open(server)) {
            control.readReply();
            control.login(EmbeddedFtpServer.ANONYMOUS, "guest@example.org");
            assertThat(control.retrieve("public.txt", server)).asString(StandardCharsets.UTF_8).isEqualTo("public");
            assertThat(control.send("MKD made-by-anonymous")).startsWith("550");
        }
        assertThat(server.root().resolve("made-by-anonymous")).doesNotExist();
    }

    @Test
    void setsTcpNoDelayOnControlConnections() throws IOException {
        try (ControlConnection first = ControlConnection.open(server);
                ControlConnection second = ControlConnection.open(server)) {
            first.readReply();
            second.readReply();
            assertThat(server.controlConnectionsTcpNoDelay()).hasSizeGreaterThanOrEqualTo(2).containsOnly(true);
        }
    }

    @Test
    void refusesASecondStart() {
        assertThatThrownBy(server::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already running");
    }
}
