package io.ftpflux.interop;

import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTransientReplyException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The table of what fails where, and why: every check in every cell either passes, or fails exactly as one of these
 * says, or the suite fails. The entries are limitations of a server; a bug of ftpflux that a real server exposes
 * would be an entry of kind {@link Limitation.Kind#CLIENT_BUG}, kept until its fix is merged (there is none today).
 */
final class KnownLimitations {

    /** The first JDK whose TLS 1.3 client keeps several session tickets per server (JDK-8328608). */
    private static final int JDK_KEEPING_EVERY_TICKET = 23;

    /** The FTPS cells on TLS 1.3. */
    static final Set<Cell> TLS13_CELLS = EnumSet.of(Cell.EXPLICIT_FTPS_TLS13_PASSIVE_IPV4,
            Cell.EXPLICIT_FTPS_TLS13_PASSIVE_IPV6, Cell.EXPLICIT_FTPS_TLS13_ACTIVE_IPV4);

    /** The FTPS cells on TLS 1.2 in a JVM with the JDK's default session tickets. */
    static final Set<Cell> TLS12_TICKET_CELLS = EnumSet.of(Cell.EXPLICIT_FTPS_TLS12_PASSIVE_IPV4,
            Cell.EXPLICIT_FTPS_TLS12_PASSIVE_IPV6, Cell.EXPLICIT_FTPS_TLS12_ACTIVE_IPV4);

    private static final List<Limitation> ALL = build();

    private KnownLimitations() {
    }

    /**
     * Returns the limitation stated for a check of a server in a cell.
     *
     * @param server the server
     * @param cell the cell
     * @param check the check
     * @return the limitation, or empty when the check must pass
     */
    static Optional<Limitation> find(Server server, Cell cell, Check check) {
        return ALL.stream().filter(limitation -> limitation.appliesTo(server, cell, check)).findFirst();
    }

    /** Every stated limitation, for the documentation. */
    static List<Limitation> all() {
        return ALL;
    }

    private static List<Limitation> build() {
        List<Limitation> limitations = new ArrayList<>();
        // First, so that it wins over the LIST-argument entry below: the data connection fails before the listing.
        // LOGIN is in: the check's clean-up lists its directory. MLSD is not: vsftpd's FEAT fails it before.
        for (Check check : EnumSet.complementOf(EnumSet.of(Check.MLSD))) {
            limitations.add(Limitation.ofServerReply(Server.VSFTPD, TLS12_TICKET_CELLS, check,
                    FtpSecurityException.class, 522,
                    "over TLS 1.2 the JDK offers session tickets by default; vsftpd issues one with a lifetime of "
                            + "2^31-1 seconds, which the JDK discards (it keeps at most 7 days), and no session ID, "
                            + "so no data connection resumes the control connection's session and vsftpd "
                            + "(require_ssl_reuse=YES) refuses it (522); with the JVM flag "
                            + "-D" + Cell.TICKET_EXTENSION_PROPERTY + "=false sessions resume by ID and every "
                            + "check passes (the session-ID rows)"));
        }
        limitations.add(Limitation.ofServer(Server.VSFTPD, Check.MLSD, ServerLacks.class,
                "vsftpd 3.0.3 implements neither MLST nor MLSD (RFC 3659 §7): its FEAT announces neither, so "
                        + "listings are LIST only"));
        limitations.add(Limitation.ofServer(Server.PROFTPD, Check.RESUME_UPLOAD, FtpTransientReplyException.class,
                "ProFTPD refuses REST before STOR (451 Append/Restart not permitted) unless AllowStoreRestart is "
                        + "on, and it is off by default, although FEAT announces REST STREAM; servers.sh keeps the "
                        + "default"));
        limitations.add(Limitation.ofServer(Server.VSFTPD, Check.DASH_LISTING, ServerLacks.class,
                "vsftpd reads a LIST argument that starts with '-' as ls options: LIST -dir lists nothing, with a "
                        + "226; the client sends paths as given, so a caller must write ./-dir"));
        limitations.add(Limitation.ofServer(Server.MINA, Check.DASH_LISTING, ServerLacks.class,
                "MINA FtpServer reads an MLSD or LIST argument that starts with '-' as options: MLSD -dir lists "
                        + "nothing, with a 226; the client sends paths as given, so a caller must write ./-dir"));
        // Every check with a data connection after its client ran out of tickets; RESUME_UPLOAD is refused before
        // it gets there. A JDK 17 client keeps one ticket per server, so one upload is enough; from JDK 23 it keeps
        // every ticket the control connection received (ProFTPD sends two), so the checks that upload at most twice
        // before their next data connection pass there.
        Set<Check> ticketStarved = EnumSet.complementOf(EnumSet.of(Check.LOGIN, Check.RESUME_UPLOAD));
        if (Runtime.version().feature() >= JDK_KEEPING_EVERY_TICKET) {
            ticketStarved.removeAll(EnumSet.of(Check.LARGE_FILE, Check.RESUME_DOWNLOAD, Check.FILE_OPERATIONS,
                    Check.DASH_LISTING));
        }
        for (Check check : ticketStarved) {
            limitations.add(Limitation.ofServerReply(Server.PROFTPD, TLS13_CELLS, check,
                    FtpSecurityException.class, 425,
                    "over TLS 1.3 ProFTPD sends no session ticket on an upload's data connection, yet requires "
                            + "every data connection to resume: the one after an upload has no ticket left and is "
                            + "refused (425, \"client did not reuse TLS session\"); curl -T a -T b fails the same "
                            + "way; over TLS 1.2 (resumed by session ID) the next data connection resumes"));
        }
        return List.copyOf(limitations);
    }
}
