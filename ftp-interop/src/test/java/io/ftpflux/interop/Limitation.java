package io.ftpflux.interop;

import java.util.Objects;
import java.util.Set;

/**
 * A stated reason why a server cannot pass one check in some cells. Limitations are data ({@link KnownLimitations}),
 * so that the result table shows them and a stale one fails.
 *
 * @param server the server
 * @param cells the cells it holds in
 * @param check the check it excuses
 * @param kind whether the check still runs
 * @param manifestsAs for {@link Kind#OBSERVED}, the failure the check must end with; any other outcome fails
 * @param reason why, in a sentence a reader of the table understands
 */
record Limitation(Server server, Set<Cell> cells, Check check, Kind kind, Class<? extends Throwable> manifestsAs,
        String reason) {

    /** Whether a limitation is observed on every run or cannot be tried at all. */
    enum Kind {
        /** The check runs and must fail as stated: when it passes or fails otherwise, the table is out of date. */
        OBSERVED,
        /** The test set-up cannot run the check (the server does not listen there, for example); it is not run. */
        NOT_RUNNABLE
    }

    Limitation {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(manifestsAs, "manifestsAs");
        Objects.requireNonNull(reason, "reason");
        cells = Set.copyOf(cells);
    }

    static Limitation observed(Server server, Set<Cell> cells, Check check, Class<? extends Throwable> manifestsAs,
            String reason) {
        return new Limitation(server, cells, check, Kind.OBSERVED, manifestsAs, reason);
    }

    static Limitation notRunnable(Server server, Set<Cell> cells, Check check, String reason) {
        return new Limitation(server, cells, check, Kind.NOT_RUNNABLE, Throwable.class, reason);
    }

    boolean appliesTo(Server server, Cell cell, Check check) {
        return this.server == server && this.check == check && cells.contains(cell);
    }
}
