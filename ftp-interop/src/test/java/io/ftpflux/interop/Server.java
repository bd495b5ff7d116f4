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

    /** The cells that resume TLS 1.2 sessions by ID, in a JVM of their own with the ticket extension off. */
    private static final Set<Cell> SESSION_ID_CELLS = EnumSet.of(Cell.EXPLICIT_FTPS_TLS12_SESSION_IDS_PASSIVE_IPV4,
            Cell.EXPLICIT_FTPS_TLS12_SESSION_IDS_PASSIVE_IPV6, Cell.EXPLICIT_FTPS_TLS12_SESSION_IDS_ACTIVE_IPV4);

    /** The cells of the servers scripts/servers/servers.sh runs: explicit FTPS only, on 127.0.0.1 and ::1. */
    private static final Set<Cell> EXPLICIT_ONLY = EnumSet.complementOf(
            EnumSet.of(Cell.IMPLICIT_FTPS_TLS13_PASSIVE_IPV4, Cell.IMPLICIT_FTPS_TLS12_PASSIVE_IPV4));

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

    /**
     * The cells the server is tested in. Only vsftpd ({@code require_ssl_reuse=YES}) gets the session-ID cells: it is
     * the server whose TLS 1.2 data connections fail with the JDK's default session tickets.
     */
    Set<Cell> cells() {
        return switch (this) {
            case VSFTPD -> EXPLICIT_ONLY;
            case PROFTPD, PURE_FTPD -> difference(EXPLICIT_ONLY, SESSION_ID_CELLS);
            case MINA -> EnumSet.complementOf(EnumSet.copyOf(SESSION_ID_CELLS));
        };
    }

    private static Set<Cell> difference(Set<Cell> cells, Set<Cell> without) {
        Set<Cell> result = EnumSet.copyOf(cells);
        result.removeAll(without);
        return result;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
