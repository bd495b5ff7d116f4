package io.ftpflux.interop;

import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.ftpflux.testkit.tls.LocalhostCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against the embedded Apache MINA FtpServer of ftp-testkit: always runs, with no set-up. One server per
 * TLS mode (plain, explicit, implicit) on 127.0.0.1, and a plain and an explicit one on ::1, each started once for the
 * class.
 */
class EmbeddedServerContractIT extends InteropContractIT {

    private final EmbeddedFtpServer plain = EmbeddedFtpServer.plain();
    private final EmbeddedFtpServer plainIpv6 = EmbeddedFtpServer.builder().ipv6(true).build();
    private final EmbeddedFtpServer explicitTls = EmbeddedFtpServer.explicitTls();
    private final EmbeddedFtpServer explicitTlsIpv6 = EmbeddedFtpServer.builder()
            .tls(EmbeddedFtpServer.TlsMode.EXPLICIT).ipv6(true).build();
    private final EmbeddedFtpServer implicitTls = EmbeddedFtpServer.implicitTls();
    private Path certificate = Path.of("");

    @BeforeAll
    void startServers() throws IOException {
        // The JVM of the session-ID cells (-Dit.test may select this class there too) has none of MINA's cells.
        Assumptions.assumeFalse(Cell.ticketExtensionOffInThisJvm(),
                "MINA's cells run in the JVM with the JDK's default TLS session tickets");
        plain.start();
        plainIpv6.start();
        explicitTls.start();
        explicitTlsIpv6.start();
        implicitTls.start();
        Path directory = Files.createDirectories(InteropSettings.scratchDirectory());
        certificate = Files.writeString(directory.resolve("mina-localhost.crt"), LocalhostCertificate.certificatePem(),
                StandardCharsets.US_ASCII);
    }

    @AfterAll
    void stopServers() {
        plain.close();
        plainIpv6.close();
        explicitTls.close();
        explicitTlsIpv6.close();
        implicitTls.close();
    }

    @Override
    Stream<Target> targets() {
        return Server.MINA.cells().stream().filter(Cell::runsInThisJvm).map(cell -> {
            EmbeddedFtpServer server = switch (cell.security()) {
                case PLAIN -> cell.ipv6() ? plainIpv6 : plain;
                case EXPLICIT_TLS -> cell.ipv6() ? explicitTlsIpv6 : explicitTls;
                case IMPLICIT_TLS -> implicitTls;
            };
            return new Target(Server.MINA, InteropSettings.minaVersion(), cell, server.port(),
                    FtpCredentials.of(server.user(), server.password()), certificate);
        });
    }
}
