package io.ftpflux.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark once, in this JVM, on tiny inputs: proves they set up, run, check their own results and tear
 * down without error. Measures nothing; times are never asserted.
 */
class BenchmarksSmokeIT {

    private static final List<Class<?>> BENCHMARK_CLASSES = List.of(ReplyParsingBenchmark.class,
            ListingParsingBenchmark.class, TransferBenchmark.class, LowHeapDownloadBenchmark.class,
            UploadBenchmark.class, NetworkListingBenchmark.class, SmallFilesBenchmark.class,
            ConcurrentSessionsBenchmark.class);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyBenchmarkCompletesOnTinyInputs() throws RunnerException {
        // The smoke run proves the benchmarks work, not their numbers: no CPU pinning, which races with
        // threads that come and go and would pin the test JVM itself (forks 0).
        System.setProperty(CpuPlacement.PROPERTY, "false");
        // Nor does it need the machine to itself: a benchmark run elsewhere holds JMH's lock file, which would fail
        // this build for no fault of its own.
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
                .include("^io\\.ftpflux\\.benchmarks\\.")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .param("rounds", "20")
                .param("entries", "200")
                .param("mebibytes", "1")
                .param("files", "8")
                .param("sessions", "2")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).map(result -> result.getParams().getBenchmark())
                .containsExactlyInAnyOrderElementsOf(benchmarkMethods());
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getSampleCount()).isPositive());
    }

    private static List<String> benchmarkMethods() {
        return BENCHMARK_CLASSES.stream()
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods())
                        .filter(method -> method.isAnnotationPresent(Benchmark.class))
                        .map(Method::getName)
                        .map(name -> type.getName() + "." + name))
                .toList();
    }
}
