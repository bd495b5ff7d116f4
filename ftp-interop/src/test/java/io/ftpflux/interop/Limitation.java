package io.ftpflux.interop;

import io.ftpflux.core.FtpReplyException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stated reason why a check fails for one server in some cells: a limitation of the server, or a known bug of the
 * client. Both are data ({@link KnownLimitations}), so that the result table shows them, and both must be seen as
 * stated on every run: one that no longer holds fails the suite, so the table cannot go stale.
 *
 * @param server the server
 * @param cells the cells it holds in
 * @param check the check it excuses
 * @param kind whose fault it is
 * @param manifestsAs the failure the check must end with; any other outcome fails
 * @param replyCode the reply code the failure must carry, itself or through its causes (a refusal the engine
 *     explains as a security error keeps the server's reply as its cause); {@code null} when the type says enough
 * @param reason why, in a sentence a reader of the table understands
 */
record Limitation(Server server, Set<Cell> cells, Check check, Kind kind, Class<? extends Throwable> manifestsAs,
        @Nullable Integer replyCode, String reason) {

    /** Whose fault a limitation is. */
    enum Kind {
        /** The server cannot do it, or not in its default configuration. */
        SERVER,
        /** The client has a bug, reported and not fixed yet; the entry goes when the fix is merged. */
        CLIENT_BUG
    }

    Limitation {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(manifestsAs, "manifestsAs");
        Objects.requireNonNull(reason, "reason");
        cells = Set.copyOf(cells);
    }

    /** A limitation of the server in every cell it is tested in. */
    static Limitation ofServer(Server server, Check check, Class<? extends Throwable> manifestsAs, String reason) {
        return ofServer(server, server.cells(), check, manifestsAs, reason);
    }

    /** A limitation of the server in some cells. */
    static Limitation ofServer(Server server, Set<Cell> cells, Check check, Class<? extends Throwable> manifestsAs,
            String reason) {
        return new Limitation(server, cells, check, Kind.SERVER, manifestsAs, null, reason);
    }

    /** A limitation of the server in some cells that shows as a failure carrying one reply code. */
    static Limitation ofServerReply(Server server, Set<Cell> cells, Check check,
            Class<? extends Throwable> manifestsAs, int replyCode, String reason) {
        return new Limitation(server, cells, check, Kind.SERVER, manifestsAs, replyCode, reason);
    }

    /** Whether a failure is the one the limitation states: its type, and its reply code where one is stated. */
    boolean matches(Throwable failure) {
        if (!manifestsAs.isInstance(failure)) {
            return false;
        }
        if (replyCode == null) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FtpReplyException reply) {
                return reply.reply().code().value() == replyCode;
            }
        }
        return false;
    }

    /** The stated failure, for messages: the type, and the reply code where one is stated. */
    String expectedFailure() {
        return manifestsAs.getSimpleName() + (replyCode == null ? "" : " " + replyCode);
    }

    /** A known bug of the client, seen against one server in some cells. */
    static Limitation clientBug(Server server, Set<Cell> cells, Check check, Class<? extends Throwable> manifestsAs,
            String reason) {
        return new Limitation(server, cells, check, Kind.CLIENT_BUG, manifestsAs, null, reason);
    }

    boolean appliesTo(Server server, Cell cell, Check check) {
        return this.server == server && this.check == check && cells.contains(cell);
    }
}
