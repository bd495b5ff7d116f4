package io.ftpflux.benchmarks;

import org.jspecify.annotations.Nullable;

/** What every benchmark's state needs of its trial setup: the parts it made, or a clear error without them. */
final class Trial {

    private Trial() {
    }

    /**
     * Returns a part of the trial's state, which {@code @Setup(Level.Trial)} made.
     *
     * @param part the part, null if the setup did not run or failed
     * @param <T> its type
     * @return the part
     * @throws IllegalStateException if it is missing
     */
    static <T> T require(@Nullable T part) {
        if (part == null) {
            throw new IllegalStateException("the trial was not set up");
        }
        return part;
    }
}
