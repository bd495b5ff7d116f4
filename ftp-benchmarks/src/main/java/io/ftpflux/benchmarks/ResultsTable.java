package io.ftpflux.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns the JSON files JMH wrote for a {@link Report} run ({@code -rf json}, one file per fork) into the Markdown
 * results section of {@code docs/benchmarks.md}: one table per benchmark class, ratios between its rows, and the
 * product targets met or missed.
 *
 * <p>Every measured iteration of every round counts. A row shows the best, the median and the worst of them; ratios
 * are given best to best and median to median. Disturbances from other work on the machine only ever slow an
 * iteration down, so the best iterations are the closest to what the code can do, and the targets are judged on
 * them; the medians show how much the disturbances took. Allocation is the median of the GC profiler's
 * {@code gc.alloc.rate.norm}.
 */
public final class ResultsTable {

    /** The line before the generated section in the document. */
    public static final String BEGIN = "<!-- benchmark-results:begin -->";
    /** The line after the generated section in the document. */
    public static final String END = "<!-- benchmark-results:end -->";
    /** The environment file a run writes beside JMH's results. */
    public static final String ENVIRONMENT_FILE = "environment.json";

    private static final String PACKAGE = "io.ftpflux.benchmarks.";
    private static final double MIB = 1024.0 * 1024.0;
    /** What "allocation per MiB near zero" means here: under 1 KiB per MiB moved, a thousandth. */
    private static final double NEAR_ZERO_BYTES_PER_MIB = 1024;
    /** The secondary metric of TransferBenchmark that holds MB/s. */
    private static final String RATE = "megabytes";
    /** The GC profiler's bytes allocated per operation. */
    private static final String ALLOCATION = "gc.alloc.rate.norm";
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("TransferBenchmark.rawLoopback", "raw TCP, 64 KiB reads, no FTP (baseline)"),
            Map.entry("TransferBenchmark.ftpfluxDownload", "ftpflux `download(path)`"),
            Map.entry("TransferBenchmark.commonsNetStream64k", "Commons Net `retrieveFileStream`, 64 KiB reads"),
            Map.entry("TransferBenchmark.commonsNetRetrieveFile", "Commons Net `retrieveFile`, defaults"),
            Map.entry("LowHeapDownloadBenchmark.ftpfluxDownload", "ftpflux `download(path)`"),
            Map.entry("LowHeapDownloadBenchmark.commonsNetStream64k", "Commons Net `retrieveFileStream`, 64 KiB reads"),
            Map.entry("ListingParsingBenchmark.unixListFtpflux", "LIST: ftpflux, Unix parser"),
            Map.entry("ListingParsingBenchmark.unixListFtpfluxAutodetect", "LIST: ftpflux, autodetection"),
            Map.entry("ListingParsingBenchmark.unixListCommonsNet", "LIST: Commons Net `UnixFTPEntryParser`"),
            Map.entry("ListingParsingBenchmark.mlsdFtpflux", "MLSD: ftpflux"),
            Map.entry("ListingParsingBenchmark.mlsdCommonsNet", "MLSD: Commons Net `MLSxEntryParser`"),
            Map.entry("ReplyParsingBenchmark.ftpflux", "ftpflux `ReplyAssembler`"),
            Map.entry("ReplyParsingBenchmark.commonsNet", "Commons Net `FTP.getReply`"));

    private final Map<String, Row> rows;
    private final JsonNode environment;

    private ResultsTable(Map<String, Row> rows, JsonNode environment) {
        this.rows = rows;
        this.environment = environment;
    }

    /**
     * Reads every JMH result file and the environment file of a results directory.
     *
     * @param directory where a {@link Report} run wrote its files
     * @return the table
     * @throws IOException if a file cannot be read or is not JMH's JSON
     */
    public static ResultsTable read(Path directory) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Row> rows = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .filter(file -> !file.getFileName().toString().equals(ENVIRONMENT_FILE))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            JsonNode results = json.readTree(file.toFile());
            if (!results.isArray()) {
                throw new IOException(file + " is not a JMH JSON result (an array of runs)");
            }
            for (JsonNode run : results) {
                String benchmark = text(run, "benchmark", file);
                String name = benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) : benchmark;
                Map<String, String> params = params(run);
                Row row = rows.computeIfAbsent(name, key -> new Row(key, params,
                        text(run.path("primaryMetric"), "scoreUnit", file),
                        run.path("vmName").asText() + " " + run.path("vmVersion").asText()));
                if (!row.params.equals(params)) {
                    throw new IOException(file + ": " + name + " ran with " + params + " here and with " + row.params
                            + " elsewhere; one results directory holds one run");
                }
                row.scores.addAll(rawData(run.path("primaryMetric")));
                run.path("secondaryMetrics").fields().forEachRemaining(metric -> row.secondary
                        .computeIfAbsent(metric.getKey(), key -> new ArrayList<>())
                        .addAll(rawData(metric.getValue())));
            }
        }
        Path environmentFile = directory.resolve(ENVIRONMENT_FILE);
        JsonNode environment = Files.exists(environmentFile)
                ? json.readTree(environmentFile.toFile()) : json.createObjectNode();
        return new ResultsTable(rows, environment);
    }

    /**
     * Replaces the section between {@link #BEGIN} and {@link #END} in a document with {@link #markdown()}.
     *
     * @param document the Markdown file, which must hold both markers in that order
     * @throws IOException if the file cannot be read or written, or lacks the markers
     */
    public void writeInto(Path document) throws IOException {
        String text = Files.readString(document, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException(document + " has no " + BEGIN + " ... " + END + " section to replace");
        }
        String updated = text.substring(0, begin + BEGIN.length()) + "\n" + markdown() + text.substring(end);
        Files.writeString(document, updated, StandardCharsets.UTF_8);
    }

    /**
     * Renders the results: the run's environment, a table per benchmark class, the targets.
     *
     * @return Markdown, ending with a line break
     */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        environment(out);
        transfers(out);
        lowHeap(out);
        listings(out);
        replies(out);
        targets(out);
        return out.toString();
    }

    private void environment(StringBuilder out) {
        out.append("Command: `").append(environment.path("command").asText("(not recorded)")).append("`  \n")
                .append("Profile: ").append(environment.path("profile").asText("?"))
                .append(", from ").append(environment.path("startedAt").asText("?"))
                .append(" to ").append(environment.path("finishedAt").asText("?")).append(" (UTC)  \n");
        if (environment.has("loadAverageAtStart")) {
            out.append("Load average (1 min) at start and end: ")
                    .append(environment.path("loadAverageAtStart").asText()).append(", ")
                    .append(environment.path("loadAverageAtEnd").asText("?")).append("  \n");
        }
        out.append("JDK: ").append(rows.values().stream().map(row -> row.vm).findFirst().orElse("?")).append("  \n")
                .append("Machine: ").append(environment.path("cpuModel").asText("?")).append(", ")
                .append(environment.path("cpus").asText("?")).append(" CPUs, ")
                .append(environment.path("os").asText("?")).append("  \n")
                .append("CPU placement in the download benchmarks: ")
                .append(environment.path("placement").asText("?")).append("\n\n");
    }

    private void transfers(StringBuilder out) {
        List<Row> group = group("TransferBenchmark.");
        if (group.isEmpty()) {
            return;
        }
        Optional<Row> raw = row("TransferBenchmark.rawLoopback");
        Optional<Row> commonsNet = bestCommonsNetDownload();
        out.append("### Downloads over loopback, ").append(group.get(0).params.getOrDefault("mebibytes", "?"))
                .append(" MiB\n\n")
                .append("MB/s (10^6 bytes per second) of each measured iteration; ratios are best to best and median to "
                        + "median. Client CPU is the CPU time of every thread but the server's per GiB moved, median of "
                        + "the iterations. The server side is the sendfile responder for every row.\n\n")
                .append("| client | best MB/s | median | worst | iterations | vs raw: best, median | "
                        + "vs Commons Net's best setup: best, median | client CPU ms per GiB |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            Stats rate = Stats.of(row.secondary.getOrDefault(RATE, List.of()));
            out.append("| ").append(label(row))
                    .append(" | ").append(format(rate.max, 0))
                    .append(" | ").append(format(rate.median, 0))
                    .append(" | ").append(format(rate.min, 0))
                    .append(" | ").append(rate.count)
                    .append(" | ").append(raw.map(r -> ratios(rate.max, rate.median, rateOf(r))).orElse("–"))
                    .append(" | ").append(commonsNet.map(c -> ratios(rate.max, rate.median, rateOf(c))).orElse("–"))
                    .append(" | ").append(format(clientCpuPerGibibyte(row).median, 0))
                    .append(" |\n");
        }
        out.append('\n');
    }

    /** Per iteration: the client's CPU milliseconds over the GiB moved (both summed by JMH over the iteration). */
    private static Stats clientCpuPerGibibyte(Row row) {
        List<Double> millis = row.secondary.getOrDefault("clientCpuMillis", List.of());
        List<Double> gibibytes = row.secondary.getOrDefault("gibibytes", List.of());
        List<Double> perGibibyte = new ArrayList<>();
        for (int i = 0; i < Math.min(millis.size(), gibibytes.size()); i++) {
            if (gibibytes.get(i) > 0) {
                perGibibyte.add(millis.get(i) / gibibytes.get(i));
            }
        }
        return Stats.of(perGibibyte);
    }

    private void lowHeap(StringBuilder out) {
        List<Row> group = group("LowHeapDownloadBenchmark.");
        if (group.isEmpty()) {
            return;
        }
        int mebibytes = Integer.parseInt(group.get(0).params.getOrDefault("mebibytes", "0"));
        out.append("### Download of ").append(mebibytes).append(" MiB under -Xmx64m\n\n")
                .append("Single-shot downloads in a JVM with a 64 MiB heap; allocation from `-prof gc` "
                        + "(`gc.alloc.rate.norm`, median, all threads of the JVM: client and server).\n\n")
                .append("| client | best ms per download | median | MB/s at best | downloads | "
                        + "bytes allocated per download | per MiB |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            Stats millis = Stats.of(row.scores.stream().map(score -> toMillis(score, row.unit)).toList());
            double allocated = Stats.of(row.secondary.getOrDefault(ALLOCATION, List.of())).median;
            out.append("| ").append(label(row))
                    .append(" | ").append(format(millis.min, 0))
                    .append(" | ").append(format(millis.median, 0))
                    .append(" | ").append(format(mebibytes * MIB / 1e6 / (millis.min / 1e3), 0))
                    .append(" | ").append(millis.count)
                    .append(" | ").append(format(allocated, 0))
                    .append(" | ").append(format(allocated / mebibytes, 1))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void listings(StringBuilder out) {
        List<Row> group = group("ListingParsingBenchmark.");
        if (group.isEmpty()) {
            return;
        }
        out.append("### Listing parsing, ").append(group.get(0).params.getOrDefault("entries", "?"))
                .append(" lines, no network\n\n");
        timeTable(out, group, "listing");
    }

    private void replies(StringBuilder out) {
        List<Row> group = group("ReplyParsingBenchmark.");
        if (group.isEmpty()) {
            return;
        }
        out.append("### Reply assembly, ").append(group.get(0).params.getOrDefault("rounds", "?"))
                .append(" rounds of a busy control connection, no network\n\n");
        timeTable(out, group, "stream");
    }

    /** A table of times per operation, each ftpflux row against the Commons Net row of its family. */
    private void timeTable(StringBuilder out, List<Row> group, String what) {
        String unit = group.get(0).unit;
        out.append("Time per ").append(what).append(" (").append(unit).append(") of each measured iteration; the "
                + "speed-up is Commons Net's time divided by this row's, best to best and median to median.\n\n")
                .append("| parser | best | median | worst | iterations | speed-up over Commons Net: best, median |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            Stats time = Stats.of(row.scores);
            out.append("| ").append(label(row))
                    .append(" | ").append(format(time.min, 2))
                    .append(" | ").append(format(time.median, 2))
                    .append(" | ").append(format(time.max, 2))
                    .append(" | ").append(time.count)
                    .append(" | ").append(commonsNetCounterpart(row)
                            .map(c -> ratios(Stats.of(c.scores).min / time.min, Stats.of(c.scores).median / time.median))
                            .orElse("–"))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void targets(StringBuilder out) {
        out.append("### Targets\n\nJudged on the best iterations (the machine's other work only ever slows a run "
                + "down); the medians are beside them.\n\n| target | measured | verdict |\n|---|---|---|\n");
        Optional<Row> ftpflux = row("TransferBenchmark.ftpfluxDownload");
        Optional<Row> raw = row("TransferBenchmark.rawLoopback");
        Optional<Row> commonsNet = bestCommonsNetDownload();
        if (ftpflux.isPresent() && raw.isPresent()) {
            Stats ours = rateOf(ftpflux.get());
            Stats baseline = rateOf(raw.get());
            double share = ours.max / baseline.max;
            out.append("| 1 GiB download ≥ 0.95 of raw loopback | ").append(format(share, 2)).append(" of raw (median ")
                    .append(format(ours.median / baseline.median, 2)).append("), ")
                    .append(ftpflux.get().params.get("mebibytes")).append(" MiB | ")
                    .append(verdict(share >= 0.95)).append(" |\n");
        }
        if (ftpflux.isPresent() && commonsNet.isPresent()) {
            Stats ours = rateOf(ftpflux.get());
            Stats theirs = rateOf(commonsNet.get());
            double ratio = ours.max / theirs.max;
            out.append("| download faster than Commons Net's best setup | ").append(format(ratio, 2))
                    .append("× (median ").append(format(ours.median / theirs.median, 2)).append("×) ")
                    .append(label(commonsNet.get())).append(" | ").append(verdict(ratio > 1)).append(" |\n");
        }
        for (String family : List.of("unixList", "mlsd")) {
            Optional<Row> ours = row("ListingParsingBenchmark." + family + "Ftpflux");
            Optional<Row> theirs = row("ListingParsingBenchmark." + family + "CommonsNet");
            if (ours.isPresent() && theirs.isPresent()) {
                Stats time = Stats.of(ours.get().scores);
                Stats reference = Stats.of(theirs.get().scores);
                double speedUp = reference.min / time.min;
                out.append("| listing parsing ≥ 5× Commons Net (").append(family.equals("mlsd") ? "MLSD" : "LIST")
                        .append(") | ").append(format(speedUp, 1)).append("× (median ")
                        .append(format(reference.median / time.median, 1)).append("×) | ").append(verdict(speedUp >= 5))
                        .append(" |\n");
            }
        }
        Optional<Row> lowHeap = row("LowHeapDownloadBenchmark.ftpfluxDownload");
        if (lowHeap.isPresent()) {
            int mebibytes = Integer.parseInt(lowHeap.get().params.getOrDefault("mebibytes", "0"));
            double perMib = Stats.of(lowHeap.get().secondary.getOrDefault(ALLOCATION, List.of())).median / mebibytes;
            out.append("| 1 GiB download under -Xmx64m, allocation per MiB near zero (< 1 KiB) | ")
                    .append(lowHeap.get().scores.size()).append(" × ").append(mebibytes)
                    .append(" MiB completed; ").append(format(perMib, 1)).append(" bytes per MiB | ")
                    .append(verdict(mebibytes >= 1024 && perMib < NEAR_ZERO_BYTES_PER_MIB)).append(" |\n");
        }
    }

    /** The faster of the two Commons Net download setups, by best iteration. */
    private Optional<Row> bestCommonsNetDownload() {
        return Stream.of("TransferBenchmark.commonsNetStream64k", "TransferBenchmark.commonsNetRetrieveFile")
                .map(this::row)
                .flatMap(Optional::stream)
                .max(Comparator.comparingDouble(row -> rateOf(row).max));
    }

    private static Stats rateOf(Row row) {
        return Stats.of(row.secondary.getOrDefault(RATE, List.of()));
    }

    /** The Commons Net row an ftpflux row is compared with: the same method name, the library swapped. */
    private Optional<Row> commonsNetCounterpart(Row row) {
        String counterpart = row.name.replaceFirst("Ftpflux\\w*$", "CommonsNet").replaceFirst("\\.ftpflux\\w*$", ".commonsNet");
        return counterpart.equals(row.name) ? Optional.empty() : row(counterpart);
    }

    private List<Row> group(String classPrefix) {
        return rows.values().stream().filter(row -> row.name.startsWith(classPrefix)).toList();
    }

    private Optional<Row> row(String name) {
        return Optional.ofNullable(rows.get(name));
    }

    private static String label(Row row) {
        return LABELS.getOrDefault(row.name, "`" + row.name + "`");
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    /** Best to best and median to median, for rates (higher is better). */
    private static String ratios(double best, double median, Stats reference) {
        return ratios(best / reference.max, median / reference.median);
    }

    private static String ratios(double best, double median) {
        return format(best, 2) + ", " + format(median, 2);
    }

    private static String format(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value)
                ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /**
     * Returns the median.
     *
     * @param values the values, in any order
     * @return the middle value, or the mean of the two middle ones; NaN if there are none
     */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double toMillis(double value, String unit) {
        return switch (unit) {
            case "s/op" -> value * 1e3;
            case "ms/op" -> value;
            case "us/op" -> value / 1e3;
            case "ns/op" -> value / 1e6;
            default -> throw new IllegalArgumentException("not a time per operation: " + unit);
        };
    }

    private static String text(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(file + ": a JMH result without \"" + field + "\"");
        }
        return value.asText();
    }

    private static Map<String, String> params(JsonNode run) {
        Map<String, String> params = new LinkedHashMap<>();
        run.path("params").fields().forEachRemaining(param -> params.put(param.getKey(), param.getValue().asText()));
        return params;
    }

    /** Every iteration of every fork: {@code rawData} is one array of iteration scores per fork. */
    private static List<Double> rawData(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode iteration : fork) {
                values.add(iteration.asDouble());
            }
        }
        return values;
    }

    /** The smallest, middle and largest of a row's iteration scores, and how many there are. */
    private record Stats(double min, double median, double max, int count) {
        static Stats of(List<Double> values) {
            if (values.isEmpty()) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            DoubleSummaryStatistics summary = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
            return new Stats(summary.getMin(), ResultsTable.median(values), summary.getMax(), values.size());
        }
    }

    /** One benchmark method with one set of parameters, all its rounds together. */
    private static final class Row {
        final String name;
        final Map<String, String> params;
        final String unit;
        final String vm;
        final List<Double> scores = new ArrayList<>();
        final Map<String, List<Double>> secondary = new LinkedHashMap<>();

        Row(String name, Map<String, String> params, String unit, String vm) {
            this.name = name;
            this.params = params;
            this.unit = unit;
            this.vm = vm;
        }
    }
}
