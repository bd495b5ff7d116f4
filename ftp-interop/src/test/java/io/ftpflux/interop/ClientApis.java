package io.ftpflux.interop;

import io.ftpflux.reactive.FtpClient;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The switch for the cells whose client API comes from other branches: FTPS ({@code FtpClient.Builder.tls},
 * branch {@code tls}) and active data connections ({@code DataConnectionMode.ACTIVE}, branch {@code active}).
 * A cell whose API is off is reported as not run, naming the switch, never as a pass.
 */
final class ClientApis {

    /** Whether this branch has {@code FtpClient.Builder.tls(FtpTls)}; turns on the FTPS cells. */
    static final boolean TLS = false;

    /** Whether this branch has {@code DataConnectionMode.ACTIVE}; turns on the active-mode cells. */
    static final boolean ACTIVE = false;

    private ClientApis() {
    }

    /**
     * Configures a client for a cell's security and data connection mode.
     *
     * @param builder the client, with host, port and credentials set
     * @param cell the cell
     * @param trustedCertificate the PEM certificate the server presents, for the FTPS cells
     * @return the builder
     * @throws IllegalStateException if the cell's API is switched off (see {@link Cell#unavailable()})
     */
    static FtpClient.Builder configure(FtpClient.Builder builder, Cell cell, @Nullable Path trustedCertificate) {
        cell.unavailable().ifPresent(reason -> {
            throw new IllegalStateException(cell + " cannot run: " + reason);
        });
        return builder;
    }
}
