package io.ftpflux.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import reactor.netty.resources.LoopResources;

/**
 * Runs a {@link Profile} of the benchmarks and writes the results table of {@code docs/benchmarks.md}, in one
 * command.
 *
 * <pre>
 * java -cp ftp-benchmarks/target/benchmarks.jar io.ftpflux.benchmarks.Report [--profile short|full]
 *      [--results DIR] [--doc FILE] [--render-only] [--only BENCHMARK]
 * </pre>
 *
 * <p>Every benchmark method runs in a fork of its own per round, rounds interleaved across all methods (see
 * {@link Profile}); JMH writes each fork's results as JSON ({@code -rf json}) into the results directory (by default
 * {@code ftp-benchmarks/target/benchmark-results}), beside an {@code environment.json} that records the command,
 * the machine and the CPU placement. Then {@link ResultsTable} turns the directory into Markdown, prints it and, if
 * the document exists (by default {@code docs/benchmarks.md}), replaces its results section. {@code --render-only}
 * skips the run and renders an existing directory again. {@code --only} measures one benchmark class of the profile
 * again (such as {@code ListingParsingBenchmark}), replacing its results in the directory and keeping the others;
 * {@code environment.json} records when, and the results say so: the rows of one table still come from one run.
 */
public final class Report {

    private Report() {
    }

    /**
     * Runs the profile and writes the table.
     *
     * @param args the options above
     * @throws IOException if results cannot be written or read
     * @throws RunnerException if a benchmark fails
     */
    public static void main(String[] args) throws IOException, RunnerException {
        Profile profile = Profile.SHORT;
        Path results = Path.of("ftp-benchmarks", "target", "benchmark-results");
        Path document = Path.of("docs", "benchmarks.md");
        boolean run = true;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--profile" -> profile = Profile.valueOf(value(args, ++i).toUpperCase(Locale.ROOT));
                case "--results" -> results = Path.of(value(args, ++i));
                case "--doc" -> document = Path.of(value(args, ++i));
                case "--render-only" -> run = false;
                case "--only" -> only = value(args, ++i);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --profile short|full, --results DIR, --doc FILE, --render-only, --only BENCHMARK");
            }
        }
        if (run && only != null) {
            runAgain(profile, only, results);
        } else if (run) {
            run(profile, results);
        }
        ResultsTable table = ResultsTable.read(results);
        System.out.println(table.markdown());
        if (Files.exists(document)) {
            table.writeInto(document);
            System.out.println("Results written into " + document);
        }
    }

    /**
     * Runs every group of a profile, round by round, one fork per method and round.
     *
     * @param profile what to run
     * @param results the directory for JMH's JSON files; earlier JSON files in it are deleted
     * @throws IOException if the directory cannot be prepared
     * @throws RunnerException if a benchmark fails
     */
    static void run(Profile profile, Path results) throws IOException, RunnerException {
        Files.createDirectories(results);
        try (Stream<Path> old = Files.list(results)) {
            for (Path file : old.filter(file -> file.getFileName().toString().endsWith(".json")).toList()) {
                Files.delete(file);
            }
        }
        ObjectNode environment = environment(profile);
        int rounds = profile.groups().stream().mapToInt(Profile.Group::rounds).max().orElse(0);
        for (int round = 1; round <= rounds; round++) {
            for (Profile.Group group : profile.groups()) {
                if (round > group.rounds()) {
                    continue;
                }
                for (String method : benchmarkMethods(group.benchmark())) {
                    String name = group.benchmark().getName() + "." + method;
                    Path file = results.resolve(group.benchmark().getSimpleName() + "." + method + ".round" + round + ".json");
                    new Runner(options(group, name, file).build()).run();
                }
            }
        }
        environment.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        environment.put("loadAverageAtEnd", loadAverage());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(results.resolve(ResultsTable.ENVIRONMENT_FILE).toFile(), environment);
    }

    /**
     * Measures one group of a profile again, round by round, replacing its JSON files in the directory, and notes in
     * the environment file when it did.
     *
     * @param profile the profile whose settings the group takes
     * @param benchmark the simple name of the benchmark class
     * @param results the directory of an earlier run of the profile
     * @throws IOException if the directory cannot be read or written
     * @throws RunnerException if a benchmark fails
     */
    static void runAgain(Profile profile, String benchmark, Path results) throws IOException, RunnerException {
        Profile.Group group = profile.groups().stream()
                .filter(candidate -> candidate.benchmark().getSimpleName().equals(benchmark))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(benchmark + " is not in the " + profile + " profile"));
        Path environmentFile = results.resolve(ResultsTable.ENVIRONMENT_FILE);
        if (!Files.exists(environmentFile)) {
            throw new IOException(results + " holds no earlier run to measure " + benchmark + " again in");
        }
        try (Stream<Path> old = Files.list(results)) {
            for (Path file : old.filter(file -> file.getFileName().toString().startsWith(benchmark + ".")).toList()) {
                Files.delete(file);
            }
        }
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (int round = 1; round <= group.rounds(); round++) {
            for (String method : benchmarkMethods(group.benchmark())) {
                Path file = results.resolve(benchmark + "." + method + ".round" + round + ".json");
                new Runner(options(group, group.benchmark().getName() + "." + method, file).build()).run();
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode environment = (ObjectNode) json.readTree(environmentFile.toFile());
        // An earlier measurement of the same group again was replaced with its files.
        ArrayNode remeasured = environment.withArray("remeasured");
        for (int i = remeasured.size() - 1; i >= 0; i--) {
            if (remeasured.get(i).path("benchmark").asText().equals(benchmark)) {
                remeasured.remove(i);
            }
        }
        remeasured.addObject()
                .put("benchmark", benchmark)
                .put("startedAt", startedAt)
                .put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("loadAverageAtEnd", loadAverage());
        json.writeValue(environmentFile.toFile(), environment);
    }

    private static ChainedOptionsBuilder options(Profile.Group group, String benchmark, Path file) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark) + "$")
                .forks(1)
                .warmupIterations(group.warmupIterations())
                .measurementIterations(group.measurementIterations())
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(file.toString());
        if (group.warmupTime() != null) {
            options.warmupTime(TimeValue.milliseconds(group.warmupTime().toMillis()));
        }
        if (group.measurementTime() != null) {
            options.measurementTime(TimeValue.milliseconds(group.measurementTime().toMillis()));
        }
        group.params().forEach(options::param);
        if (group.gcProfiler()) {
            options.addProfiler(GCProfiler.class);
        }
        return options;
    }

    private static List<String> benchmarkMethods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(method -> method.isAnnotationPresent(Benchmark.class))
                .map(Method::getName)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    private static ObjectNode environment(Profile profile) throws IOException {
        ObjectNode environment = new ObjectMapper().createObjectNode();
        environment.put("profile", profile.name().toLowerCase(Locale.ROOT));
        environment.put("command", ProcessHandle.current().info().commandLine().orElse("(unknown)"));
        environment.put("startedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        environment.put("loadAverageAtStart", loadAverage());
        environment.put("cpuModel", cpuModel());
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        // Reactor Netty's default event loop count, which an FtpClient without its own LoopResources uses.
        environment.put("eventLoops", LoopResources.DEFAULT_IO_WORKER_COUNT);
        environment.put("servers", "the in-process LoopbackFtpResponder for every row (no external server)");
        environment.put("placement", CpuPlacement.plan().map(CpuPlacement::toString)
                .orElse("not pinned (" + CpuPlacement.PROPERTY + "=false, one CPU, or no taskset)"));
        return environment;
    }

    /** The system's load average over the last minute: how busy the machine was with other work. */
    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        return Files.readAllLines(cpuinfo, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst()
                .orElse(System.getProperty("os.arch"));
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
