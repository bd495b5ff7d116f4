package io.ftpflux.interop;

import io.ftpflux.interop.ResultTable.Outcome;
import io.ftpflux.interop.ResultTable.Status;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * What one run of a check amounts to, judged against the limitation stated for it: a pass, the stated limitation
 * (seen as stated), or a failure, which includes a limitation that no longer holds and one that shows otherwise.
 *
 * @param outcome what goes into the result table
 * @param error for a failure, what the test throws
 * @param seen for a limitation, the failure that showed it
 */
record Verdict(Outcome outcome, @Nullable Error error, @Nullable Throwable seen) {

    /**
     * Judges a run.
     *
     * @param stated the limitation stated for the check in its cell, if any
     * @param failure what the run threw, or {@code null} if it completed
     * @return the verdict
     */
    static Verdict judge(Optional<Limitation> stated, @Nullable Throwable failure) {
        if (stated.isEmpty()) {
            if (failure == null) {
                return new Verdict(new Outcome(Status.PASS, ""), null, null);
            }
            return new Verdict(new Outcome(Status.FAIL, summary(failure)),
                    failure instanceof Error error ? error : new AssertionError(failure), null);
        }
        Limitation limitation = stated.get();
        if (failure == null) {
            String message = "the stated limitation no longer holds, the check passed: remove it from "
                    + "KnownLimitations (" + limitation.reason() + ")";
            return new Verdict(new Outcome(Status.FAIL, message), new AssertionError(message), null);
        }
        if (!limitation.matches(failure)) {
            String message = "failed otherwise than the stated limitation (" + limitation.expectedFailure() + ": "
                    + limitation.reason() + "): " + summary(failure);
            return new Verdict(new Outcome(Status.FAIL, message), new AssertionError(message, failure), null);
        }
        Status status = limitation.kind() == Limitation.Kind.CLIENT_BUG ? Status.KNOWN_BUG : Status.LIMITATION;
        return new Verdict(new Outcome(status, limitation.reason()), null, failure);
    }

    /**
     * Ends the test as the verdict says: returns on a pass, aborts (JUnit's skip) with the reason on a limitation,
     * throws on a failure.
     */
    void conclude() {
        if (error != null) {
            throw error;
        }
        if (outcome.status() == Status.LIMITATION || outcome.status() == Status.KNOWN_BUG) {
            Assumptions.abort(outcome.status().label() + ": " + outcome.detail()
                    + (seen == null ? "" : " (seen: " + summary(seen) + ")"));
        }
    }

    /** The failure's type and message, on one line and at most about 300 characters. */
    static String summary(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).lines().map(String::strip)
                .filter(line -> !line.isEmpty()).reduce((first, second) -> first + " " + second).orElse("");
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return failure.getClass().getSimpleName() + ": " + message;
    }
}
