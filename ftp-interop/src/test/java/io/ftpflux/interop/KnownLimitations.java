package io.ftpflux.interop;

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

    private static final Set<Cell> FTPS_CELLS = EnumSet.of(Cell.EXPLICIT_FTPS_PASSIVE, Cell.EXPLICIT_FTPS_ACTIVE);

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
        // Every check with a data connection after an upload; RESUME_UPLOAD is refused before it gets there.
        for (Check check : EnumSet.complementOf(EnumSet.of(Check.LOGIN, Check.RESUME_UPLOAD))) {
            limitations.add(Limitation.ofServer(Server.PROFTPD, FTPS_CELLS, check, FtpTransientReplyException.class,
                    "over TLS 1.3 ProFTPD sends no session ticket on an upload's data connection, yet requires "
                            + "every data connection to resume: the one after an upload has no ticket left and is "
                            + "refused (425, \"client did not reuse TLS session\"); curl -T a -T b fails the same "
                            + "way; over TLS 1.2 (resumed by session ID) the next data connection resumes"));
        }
        return List.copyOf(limitations);
    }
}
