package io.ftpflux.interop;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The servers the contract runs against: three real ones from Debian and the embedded MINA server. */
enum Server {
    VSFTPD("vsftpd", "vsftpd"),
    PROFTPD("ProFTPD", "proftpd"),
    PURE_FTPD("Pure-FTPd", "pure-ftpd"),
    MINA("Apache MINA FtpServer", null);

    /** The cells of the servers scripts/servers/servers.sh runs: explicit FTPS only, on 127.0.0.1 and ::1. */
    private static final Set<Cell> REAL_SERVER_CELLS = EnumSet.complementOf(EnumSet.of(Cell.IMPLICIT_FTPS_PASSIVE));

    private final String displayName;
    private final @Nullable String scriptName;

    Server(String displayName, @Nullable String scriptName) {
        this.displayName = displayName;
        this.scriptName = scriptName;
    }

    /** The name in the result table. */
    String displayName() {
        return displayName;
    }

    /**
     * Returns the name {@code scripts/servers/servers.sh} knows the server by.
     *
     * @return the name, or {@code null} for the embedded server
     */
    @Nullable String scriptName() {
        return scriptName;
    }

    /** The cells the server is tested in. */
    Set<Cell> cells() {
        return this == MINA ? EnumSet.allOf(Cell.class) : REAL_SERVER_CELLS;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
