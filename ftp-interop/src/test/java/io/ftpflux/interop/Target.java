package io.ftpflux.interop;

import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpTimeouts;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One row of the matrix: a server, its version, and a cell, with what a client needs to reach it there.
 *
 * @param server the server
 * @param version the server's version, as the result table shows it
 * @param cell the cell
 * @param port the control port for the cell (the embedded server has one per TLS mode)
 * @param credentials the test user
 * @param trustedCertificate the PEM certificate the server presents, for the FTPS cells
 */
record Target(Server server, String version, Cell cell, int port, FtpCredentials credentials,
        @Nullable Path trustedCertificate) {

    /** Each phase's timeout: far above what loopback needs, far below the tests' own. */
    static final Duration PHASE_TIMEOUT = Duration.ofSeconds(20);

    /** A client configured for the cell. */
    FtpClient client() {
        FtpClient.Builder builder = FtpClient.builder()
                .host(cell.host())
                .port(port)
                .credentials(credentials)
                .timeouts(FtpTimeouts.of(PHASE_TIMEOUT));
        return cell.configure(builder, trustedCertificate).build();
    }

    @Override
    public String toString() {
        return server + " " + version + " / " + cell;
    }
}
