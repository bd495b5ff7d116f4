package io.ftpflux.testkit.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Every command the server received, in order, with a bounded wait for the one a test expects. */
final class CommandLog {

    /** Far beyond any test; a runaway client fails loudly instead of exhausting the heap. */
    static final int CAPACITY = 1_000_000;

    private final List<ReceivedCommand> commands = new java.util.ArrayList<>();

    /** Records a line, or returns null when the log is full. */
    synchronized @Nullable ReceivedCommand record(int connectionId, String line) {
        if (commands.size() >= CAPACITY) {
            return null;
        }
        ReceivedCommand command = ReceivedCommand.parse(commands.size() + 1L, connectionId, line, Instant.now());
        commands.add(command);
        notifyAll();
        return command;
    }

    synchronized List<ReceivedCommand> snapshot() {
        return List.copyOf(commands);
    }

    /** The first recorded command that matches, waiting up to {@code timeout} for it to arrive. */
    synchronized ReceivedCommand await(Predicate<? super ReceivedCommand> condition, String description, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < commands.size(); checked++) {
                if (condition.test(commands.get(checked))) {
                    return commands.get(checked);
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError("no command " + description + " within " + timeout + "; received: " + commands);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a command " + description, interrupted);
            }
        }
    }

    /** Copies, so tests can hold the list after more commands arrive. */
    synchronized List<ReceivedCommand> after(ReceivedCommand command) {
        return List.copyOf(commands.subList((int) Math.min(command.sequence(), commands.size()), commands.size()));
    }
}
