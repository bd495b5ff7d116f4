package io.ftpflux.testkit.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.testkit.tls.LocalhostCertificate;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(10)
class ExplicitTlsFtpServerIT {

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.explicitTls();

    @Test
    void upgradesTheControlConnectionWithAuthTls() throws IOException {
        try (ControlConnection plain = ControlConnection.open(server)) {
            assertThat(plain.readReply()).startsWith("220");
            assertThat(plain.send("AUTH TLS")).startsWith("234");
            SSLSocket tls = ControlConnection.tls(plain.socket(), LocalhostCertificate.clientContext(), "localhost");
            assertThat(tls.getSession().getPeerCertificates()[0]).isEqualTo(LocalhostCertificate.certificate());
            try (ControlConnection secured = new ControlConnection(tls)) {
                assertThat(secured.send("USER " + server.user())).startsWith("331");
                assertThat(secured.send("PASS " + server.password())).startsWith("230");
            }
        }
    }

    @Test
    void protectsDataConnectionsAfterProtP() throws IOException {
        byte[] content = "sent over TLS".getBytes(StandardCharsets.UTF_8);
        Files.write(server.root().resolve("secret.txt"), content);
        SSLContext trusting = LocalhostCertificate.clientContext();
        try (ControlConnection plain = ControlConnection.open(server)) {
            plain.readReply();
            plain.send("AUTH TLS");
            try (ControlConnection secured = new ControlConnection(
                    ControlConnection.tls(plain.socket(), trusting, "localhost"))) {
                secured.login(server.user(), server.password());
                assertThat(secured.send("PBSZ 0")).startsWith("200");
                assertThat(secured.send("PROT P")).startsWith("200");
                assertThat(secured.retrieve("secret.txt", server, trusting)).isEqualTo(content);
            }
        }
    }

    @Test
    void isNotTrustedWithoutTheKitsCertificate() throws Exception {
        SSLContext jdkDefaults = SSLContext.getInstance("TLS");
        jdkDefaults.init(null, null, null);
        try (ControlConnection plain = ControlConnection.open(server)) {
            plain.readReply();
            plain.send("AUTH TLS");
            Socket socket = plain.socket();
            assertThatThrownBy(() -> ControlConnection.tls(socket, jdkDefaults, "localhost"))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }
}
