package io.ftpflux.interop;

import io.ftpflux.core.FtpTransientReplyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The table of what each server cannot do, with the reason: every check in every cell either passes, or fails exactly
 * as one of these says, or the suite fails.
 */
final class KnownLimitations {

    private static final Set<Cell> IPV6_CELLS = EnumSet.of(Cell.PLAIN_PASSIVE_IPV6, Cell.PLAIN_ACTIVE_IPV6);

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
        // A check that cannot run at all is not run, whatever else is stated about it.
        return ALL.stream().filter(limitation -> limitation.appliesTo(server, cell, check))
                .min(Comparator.comparing(limitation -> limitation.kind() != Limitation.Kind.NOT_RUNNABLE));
    }

    /** Every stated limitation, for the documentation. */
    static List<Limitation> all() {
        return ALL;
    }

    private static List<Limitation> build() {
        List<Limitation> limitations = new ArrayList<>();
        limitations.add(Limitation.observed(Server.VSFTPD, Server.VSFTPD.cells(), Check.MLSD, ServerLacks.class,
                "vsftpd 3.0.3 implements neither MLST nor MLSD (RFC 3659 §7): its FEAT announces neither, so "
                        + "listings are LIST only"));
        limitations.add(Limitation.observed(Server.PROFTPD, Server.PROFTPD.cells(), Check.RESUME_UPLOAD,
                FtpTransientReplyException.class,
                "ProFTPD refuses REST before STOR (451 Append/Restart not permitted) unless AllowStoreRestart is "
                        + "on, and it is off by default, although FEAT announces REST STREAM; servers.sh keeps the "
                        + "default"));
        limitations.add(Limitation.observed(Server.VSFTPD, Server.VSFTPD.cells(), Check.DASH_LISTING, ServerLacks.class,
                "vsftpd reads a LIST argument that starts with '-' as ls options: LIST -dir lists nothing, with a "
                        + "226; the client sends paths as given, so a caller must write ./-dir"));
        limitations.add(Limitation.observed(Server.MINA, Server.MINA.cells(), Check.DASH_LISTING, ServerLacks.class,
                "MINA FtpServer reads an MLSD or LIST argument that starts with '-' as options: MLSD -dir lists "
                        + "nothing, with a 226; the client sends paths as given, so a caller must write ./-dir"));
        for (Check check : Arrays.asList(Check.values())) {
            limitations.add(Limitation.notRunnable(Server.MINA, IPV6_CELLS, check,
                    "the embedded MINA server (EmbeddedFtpServer) binds 127.0.0.1 only"));
        }
        return List.copyOf(limitations);
    }
}
