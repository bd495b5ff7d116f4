package io.ftpflux.testkit.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.testkit.tls.LocalhostCertificate;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(10)
class ImplicitTlsFtpServerIT {

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.implicitTls();

    @Test
    void greetsAfterTheHandshake() throws IOException {
        try (ControlConnection control =
                ControlConnection.openImplicitTls(server, LocalhostCertificate.clientContext(), "localhost")) {
            assertThat(control.readReply()).startsWith("220");
            control.login(server.user(), server.password());
        }
    }

    @Test
    void verifiesAgainstTheLoopbackAddressToo() throws IOException {
        try (ControlConnection control =
                ControlConnection.openImplicitTls(server, LocalhostCertificate.clientContext(), "127.0.0.1")) {
            assertThat(control.readReply()).startsWith("220");
        }
    }

    @Test
    void saysNothingToAPlainClient() throws IOException {
        try (Socket plain = new Socket(server.host(), server.port())) {
            plain.setSoTimeout(300);
            assertThatThrownBy(() -> plain.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void transfersOverProtectedDataConnections() throws IOException {
        byte[] content = "implicitly protected".getBytes(StandardCharsets.UTF_8);
        Files.write(server.root().resolve("implicit.txt"), content);
        SSLContext trusting = LocalhostCertificate.clientContext();
        try (ControlConnection control = ControlConnection.openImplicitTls(server, trusting, "localhost")) {
            control.readReply();
            control.login(server.user(), server.password());
            control.send("PBSZ 0");
            assertThat(control.send("PROT P")).startsWith("200");
            assertThat(control.retrieve("implicit.txt", server, trusting)).isEqualTo(content);
        }
    }
}
