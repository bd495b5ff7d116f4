package io.ftpflux.reactive;

import static io.ftpflux.reactive.FaultClients.closeQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTransientReplyException;
import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.tls.LocalhostCertificate;
import java.io.InputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FTPS against servers that misbehave (RFC 4217): a refused AUTH TLS, bytes injected after 234, a login before
 * TLS, certificates that must not be trusted, a refused PROT P, a data connection without TLS, and a close_notify
 * out of turn. ftpflux never goes on in the clear.
 */
@Timeout(30)
class FtpsFaultIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OTHER_HOST = "/io/ftpflux/reactive/other-host.p12";

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    private FtpClient explicitClient() {
        return FaultClients.client(ftp.server()).mutate()
                .tls(FtpTls.explicit().withTrustStore(LocalhostCertificate.trustStore()))
                .build();
    }

    private static FtpClient implicitClient(ScriptedFtpsServer server, KeyStore trusted) {
        return FtpClient.builder()
                .host("127.0.0.1")
                .port(server.port())
                .credentials(FtpCredentials.of("test", "test"))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)))
                .tls(FtpTls.implicit().withTrustStore(trusted))
                .build();
    }

    @Test
    void refusedAuthTlsIsASecurityErrorAndNothingIsSentInTheClear() {
        ftp.server().onCommand("AUTH", Fault.reply("534 TLS not available.\r\n"));

        assertThatThrownBy(() -> explicitClient().connect().block(WAIT))
                .isInstanceOf(FtpSecurityException.class)
                .hasMessageContaining("refused TLS")
                .hasMessageContaining("534");
        assertThat(ftp.server().commands()).extracting(command -> command.verb()).containsExactly("AUTH");
    }

    @Test
    void aPositiveReplyOtherThan234IsNotTls() {
        ftp.server().onCommand("AUTH", Fault.reply("200 Whatever you say.\r\n"));

        assertThatThrownBy(() -> explicitClient().connect().block(WAIT))
                .isInstanceOf(FtpSecurityException.class)
                .hasMessageContaining("expected 234");
        assertThat(ftp.server().commands()).extracting(command -> command.verb()).containsExactly("AUTH");
    }

    @Test
    void bytesAfter234BeforeTheHandshakeAreRefusedAsInjection() {
        ftp.server().onCommand("AUTH", Fault.reply("234 Go ahead.\r\n230 Injected: logged in.\r\n"));

        assertThatThrownBy(() -> explicitClient().connect().block(WAIT))
                .isInstanceOf(FtpSecurityException.class)
                .hasMessageContaining("response injection");
        assertThat(ftp.server().commands()).extracting(command -> command.verb()).containsExactly("AUTH");
    }

    @Test
    void aPartialLineAfter234IsRefusedToo() {
        ftp.server().onCommand("AUTH", Fault.reply("234 Go ahead.\r\n230 half a li"));

        assertThatThrownBy(() -> explicitClient().connect().block(WAIT))
                .isInstanceOf(FtpSecurityException.class)
                .hasMessageContaining("response injection");
    }

    @Test
    void aServerThatLogsInBeforeTlsIsRefused() {
        ftp.server().onConnect(Fault.reply("230 Already logged in.\r\n"));

        assertThatThrownBy(() -> explicitClient().connect().block(WAIT))
                .isInstanceOf(FtpSecurityException.class)
                .hasMessageContaining("logged in before TLS");
        assertThat(ftp.server().commands()).isEmpty();
    }

    @Test
    void aServerThatIsNotTlsFailsTheHandshakeAsASecurityError() {
        // The fault server answers 234 but speaks no TLS: its next reply is not a TLS record.
        ftp.server().onCommand("AUTH", Fault.reply("234 Go ahead.\r\n"));

        assertThatThrownBy(() -> explicitClient().connect().block(WAIT))
                .isInstanceOf(FtpSecurityException.class);
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        try (ScriptedFtpsServer server = new ScriptedFtpsServer(otherHostKeys(), Map.of())) {
            FtpClient client = implicitClient(server, otherHostTrustStore());

            assertThatThrownBy(() -> client.connect().block(WAIT))
                    .isInstanceOf(FtpSecurityException.class)
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void aCertificateForAnotherHostIsAcceptedOnlyWhenEverythingIsTrusted() throws Exception {
        try (ScriptedFtpsServer server = new ScriptedFtpsServer(otherHostKeys(), Map.of())) {
            FtpClient client = implicitClient(server, otherHostTrustStore()).mutate()
                    .tls(FtpTls.implicit().insecureTrustAllCertificates())
                    .build();

            assertThat(client.withSession(FtpSession::noop).then().block(WAIT)).isNull();
        }
    }

    @Test
    void refusedProtPIsASecurityError() throws Exception {
        try (ScriptedFtpsServer server = new ScriptedFtpsServer(LocalhostCertificate.keyManagerFactory(),
                Map.of("PROT", "534 Protection level not supported."))) {
            FtpClient client = implicitClient(server, LocalhostCertificate.trustStore());

            assertThatThrownBy(() -> client.connect().block(WAIT))
                    .isInstanceOf(FtpSecurityException.class)
                    .hasMessageContaining("PROT P")
                    .hasMessageContaining("534");
        }
    }

    @Test
    void aDataConnectionWithoutTlsIsASecurityErrorNamingTheDataConnection() throws Exception {
        try (ScriptedFtpsServer server = new ScriptedFtpsServer(LocalhostCertificate.keyManagerFactory(), Map.of())) {
            FtpClient client = implicitClient(server, LocalhostCertificate.trustStore());
            FtpSession session = client.connect().block(WAIT);
            try {
                assertThatThrownBy(() -> session.list().collectList().block(WAIT))
                        .isInstanceOf(FtpSecurityException.class)
                        .hasMessageContaining("data connection");
            } finally {
                closeQuietly(session);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aRefusalAfterADataHandshakeThatDidNotResumeSaysSo(String protocol) throws Exception {
        try (ScriptedFtpsServer server = new ScriptedFtpsServer(LocalhostCertificate.keyManagerFactory(),
                Map.of("EPSV", ScriptedFtpsServer.TLS_DATA_PORT,
                        "NLST", ScriptedFtpsServer.REFUSE_AFTER_DATA_HANDSHAKE))) {
            FtpClient client = implicitClient(server, LocalhostCertificate.trustStore()).mutate()
                    .tls(FtpTls.implicit().withTrustStore(LocalhostCertificate.trustStore()).withProtocols(protocol))
                    .build();
            FtpSession session = client.connect().block(WAIT);
            try {
                var refused = assertThatThrownBy(() -> session.names("/").collectList().block(WAIT))
                        .isInstanceOf(FtpSecurityException.class)
                        .hasMessageStartingWith("NLST / refused: 425")
                        .hasMessageContaining("did not resume the control connection's");
                refused.cause().isInstanceOf(FtpTransientReplyException.class);
                if (protocol.equals("TLSv1.3")) {
                    refused.hasMessageContaining("FtpTls.withProtocols(\"TLSv1.2\")");
                }
                // None of the session's later data connections could resume either, so it closes.
                assertThatThrownBy(() -> session.noop().block(WAIT)).isInstanceOf(FtpConnectionException.class);
            } finally {
                closeQuietly(session);
            }
        }
    }

    @Test
    void cccClearsTheControlConnectionAndTheSessionGoesOnInTheClear() throws Exception {
        try (ScriptedFtpsServer server = new ScriptedFtpsServer(LocalhostCertificate.keyManagerFactory(),
                Map.of("CCC", ScriptedFtpsServer.CLEAR_COMMAND_CHANNEL, "PWD", "257 \"/home\" is the directory."))) {
            FtpClient client = implicitClient(server, LocalhostCertificate.trustStore()).mutate()
                    .tls(FtpTls.implicit().withTrustStore(LocalhostCertificate.trustStore())
                            .withClearCommandChannel(true))
                    .build();
            FtpSession session = client.connect().block(WAIT);
            try {
                assertThat(session.workingDirectory().block(WAIT)).isEqualTo("/home");
                session.noop().block(WAIT);
            } finally {
                session.close().block(WAIT);
            }
            // The server read everything after CCC in the clear: the rest of the setup, the commands, QUIT.
            assertThat(server.clientCloseNotify.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(server.clearVerbs).containsSubsequence("FEAT", "TYPE", "PWD", "NOOP", "QUIT");
        }
    }

    @Test
    void closeNotifyFromTheServerEndsTheSession() throws Exception {
        try (ScriptedFtpsServer server = new ScriptedFtpsServer(LocalhostCertificate.keyManagerFactory(),
                Map.of("NOOP", ScriptedFtpsServer.CLOSE_NOTIFY))) {
            FtpSession session = implicitClient(server, LocalhostCertificate.trustStore()).connect().block(WAIT);
            try {
                assertThatThrownBy(() -> session.noop().block(WAIT))
                        .isInstanceOf(FtpConnectionException.class)
                        .hasMessageContaining("close_notify");
                assertThat(session.isOpen()).isFalse();
            } finally {
                closeQuietly(session);
            }
        }
    }

    @Test
    void closingTheSessionSendsCloseNotifyAfterQuit() throws Exception {
        try (ScriptedFtpsServer server = new ScriptedFtpsServer(LocalhostCertificate.keyManagerFactory(), Map.of())) {
            FtpSession session = implicitClient(server, LocalhostCertificate.trustStore()).connect().block(WAIT);
            session.close().block(WAIT);

            assertThat(server.clientCloseNotify.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static KeyManagerFactory otherHostKeys() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(otherHostKeyStore(), "other-host".toCharArray());
        return keys;
    }

    private static KeyStore otherHostTrustStore() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("other", otherHostKeyStore().getCertificate("other"));
        return trusted;
    }

    private static KeyStore otherHostKeyStore() throws Exception {
        try (InputStream in = FtpsFaultIT.class.getResourceAsStream(OTHER_HOST)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, "other-host".toCharArray());
            return keyStore;
        }
    }
}
