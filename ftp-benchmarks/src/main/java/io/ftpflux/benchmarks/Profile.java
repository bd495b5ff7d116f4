package io.ftpflux.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How much measuring a {@link Report} run does: which benchmarks, on what inputs, how many rounds and iterations.
 *
 * <p>Each benchmark method runs in a JVM fork of its own, once per round, and the rounds go through every method
 * in turn: on a shared, noisy machine a disturbance then hits all rows of a table alike instead of one row
 * entirely, so the ratios between rows hold even when the absolute numbers move. Iterations are short and many,
 * so that each row has undisturbed ones.
 */
public enum Profile {

    /**
     * About twenty-five minutes on two cores: 256 MiB transfers in three rounds of short iterations, listings of
     * 10,000 and 100,000 entries in two, small files 1,000 at a time after six warm-up iterations (ftpflux's reactive
     * path was still being compiled after four thousand downloads; the ephemeral ports left in TIME_WAIT allow no
     * more in a few minutes, see {@link TimeWait}) and 1,000 concurrent sessions in one.
     */
    SHORT(List.of(
            Group.timed(ReplyParsingBenchmark.class, 3, 2, Duration.ofMillis(500), 5, Duration.ofMillis(500), Map.of()),
            Group.timed(ListingParsingBenchmark.class, 3, 2, Duration.ofMillis(500), 5, Duration.ofMillis(500), Map.of()),
            Group.timed(TransferBenchmark.class, 3, 1, Duration.ofSeconds(2), 4, Duration.ofSeconds(1),
                    Map.of("mebibytes", "256")),
            Group.timed(UploadBenchmark.class, 3, 1, Duration.ofSeconds(2), 4, Duration.ofSeconds(1),
                    Map.of("mebibytes", "256")),
            Group.timed(NetworkListingBenchmark.class, 2, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Map.of()),
            Group.singleShot(SmallFilesBenchmark.class, 1, 6, 4, Map.of("files", "1000", "sessions", "4"), false),
            Group.singleShot(ConcurrentSessionsBenchmark.class, 1, 1, 3, Map.of("sessions", "1000"), false),
            Group.singleShot(LowHeapDownloadBenchmark.class, 1, 1, 4, Map.of("mebibytes", "1024"), true))),

    /** About an hour and a quarter: 1 GiB transfers in five rounds, 10,000 small files in two. */
    FULL(List.of(
            Group.timed(ReplyParsingBenchmark.class, 5, 3, Duration.ofSeconds(1), 10, Duration.ofMillis(500), Map.of()),
            Group.timed(ListingParsingBenchmark.class, 5, 3, Duration.ofSeconds(1), 10, Duration.ofMillis(500), Map.of()),
            Group.timed(TransferBenchmark.class, 5, 2, Duration.ofSeconds(2), 5, Duration.ofSeconds(2),
                    Map.of("mebibytes", "1024")),
            Group.timed(UploadBenchmark.class, 5, 2, Duration.ofSeconds(2), 5, Duration.ofSeconds(2),
                    Map.of("mebibytes", "1024")),
            Group.timed(NetworkListingBenchmark.class, 3, 2, Duration.ofSeconds(2), 5, Duration.ofSeconds(2), Map.of()),
            Group.singleShot(SmallFilesBenchmark.class, 2, 1, 3, Map.of("files", "10000", "sessions", "4"), false),
            Group.singleShot(ConcurrentSessionsBenchmark.class, 2, 1, 3, Map.of("sessions", "1000"), false),
            Group.singleShot(LowHeapDownloadBenchmark.class, 3, 2, 5, Map.of("mebibytes", "1024"), true)));

    private final List<Group> groups;

    Profile(List<Group> groups) {
        this.groups = groups;
    }

    /**
     * Returns the benchmark classes this profile runs, with their settings, in running order.
     *
     * @return the groups
     */
    public List<Group> groups() {
        return groups;
    }

    /**
     * The settings of one benchmark class in a profile.
     *
     * @param benchmark the JMH benchmark class
     * @param rounds how many times each of its methods runs, each time in a fresh fork
     * @param warmupIterations warm-up iterations per fork
     * @param warmupTime the length of a warm-up iteration, or {@code null} for single-shot benchmarks
     * @param measurementIterations measured iterations per fork
     * @param measurementTime the length of a measured iteration, or {@code null} for single-shot benchmarks
     * @param params JMH parameters to override
     * @param gcProfiler whether JMH's GC profiler runs, for allocation per operation
     */
    public record Group(Class<?> benchmark, int rounds, int warmupIterations, @Nullable Duration warmupTime,
            int measurementIterations, @Nullable Duration measurementTime, Map<String, String> params,
            boolean gcProfiler) {

        /**
         * Checks the counts and copies the parameters.
         *
         * @param benchmark the JMH benchmark class
         * @param rounds at least one
         * @param warmupIterations zero or more
         * @param warmupTime the length of a warm-up iteration, or {@code null}
         * @param measurementIterations at least one
         * @param measurementTime the length of a measured iteration, or {@code null}
         * @param params JMH parameters to override
         * @param gcProfiler whether JMH's GC profiler runs
         */
        public Group {
            if (rounds < 1 || warmupIterations < 0 || measurementIterations < 1) {
                throw new IllegalArgumentException("rounds and measurement iterations must be positive, warm-up "
                        + "iterations not negative");
            }
            params = Map.copyOf(params);
        }

        static Group timed(Class<?> benchmark, int rounds, int warmupIterations, Duration warmupTime,
                int measurementIterations, Duration measurementTime, Map<String, String> params) {
            return new Group(benchmark, rounds, warmupIterations, warmupTime, measurementIterations, measurementTime,
                    params, false);
        }

        static Group singleShot(Class<?> benchmark, int rounds, int warmupIterations, int measurementIterations,
                Map<String, String> params, boolean gcProfiler) {
            return new Group(benchmark, rounds, warmupIterations, null, measurementIterations, null, params,
                    gcProfiler);
        }
    }
}
