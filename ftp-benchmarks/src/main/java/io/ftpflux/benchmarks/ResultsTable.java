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
import org.openjdk.jmh.util.ListStatistics;

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
            Map.entry("TransferBenchmark.rawLoopbackToFile",
                    "raw TCP, 64 KiB reads, each written with `FileChannel.write`, no FTP (baseline)"),
            Map.entry("TransferBenchmark.ftpfluxDownloadToFile", "ftpflux `download(path, Path)`"),
            Map.entry("TransferBenchmark.commonsNetStream64kToFile",
                    "Commons Net `retrieveFileStream`, 64 KiB reads into a `FileOutputStream`"),
            Map.entry("TransferBenchmark.commonsNetRetrieveFileToFile",
                    "Commons Net `retrieveFile` into a `FileOutputStream`, defaults"),
            Map.entry("TransferBenchmark.blockingInputStream64k", "ftpflux blocking `openInputStream`, 64 KiB reads"),
            Map.entry("TransferBenchmark.rawTlsLoopback", "raw TLS, JDK `SSLSocket`, 64 KiB reads, no FTP (baseline)"),
            Map.entry("TransferBenchmark.ftpfluxTlsDownload", "ftpflux `download(path)`"),
            Map.entry("TransferBenchmark.commonsNetTlsStream64k",
                    "Commons Net `FTPSClient` `retrieveFileStream`, 64 KiB reads"),
            Map.entry("LowHeapDownloadBenchmark.ftpfluxDownload", "ftpflux `download(path)`"),
            Map.entry("LowHeapDownloadBenchmark.commonsNetStream64k", "Commons Net `retrieveFileStream`, 64 KiB reads"),
            Map.entry("ListingParsingBenchmark.unixListFtpflux", "LIST: ftpflux, Unix parser"),
            Map.entry("ListingParsingBenchmark.unixListFtpfluxAutodetect", "LIST: ftpflux, autodetection"),
            Map.entry("ListingParsingBenchmark.unixListCommonsNet", "LIST: Commons Net `UnixFTPEntryParser`"),
            Map.entry("ListingParsingBenchmark.mlsdFtpflux", "MLSD: ftpflux"),
            Map.entry("ListingParsingBenchmark.mlsdCommonsNet", "MLSD: Commons Net `MLSxEntryParser`"),
            Map.entry("ReplyParsingBenchmark.ftpflux", "ftpflux `ReplyAssembler`"),
            Map.entry("ReplyParsingBenchmark.commonsNet", "Commons Net `FTP.getReply`"),
            Map.entry("UploadBenchmark.rawTransferTo", "raw TCP, `FileChannel.transferTo`, no FTP (baseline)"),
            Map.entry("UploadBenchmark.ftpfluxUploadFile", "ftpflux `upload(path, Path)` (zero-copy)"),
            Map.entry("UploadBenchmark.ftpfluxUploadBuffers", "ftpflux `upload(path, Publisher<ByteBuf>)`, 64 KiB buffers"),
            Map.entry("UploadBenchmark.commonsNetStoreFile", "Commons Net `storeFile`, defaults"),
            Map.entry("UploadBenchmark.commonsNetStoreFile64k", "Commons Net `storeFile`, `setBufferSize(64 KiB)`"),
            Map.entry("UploadBenchmark.blockingOutputStream64k", "ftpflux blocking `openOutputStream`, 64 KiB writes"),
            Map.entry("UploadBenchmark.rawTlsWrite", "raw TLS, JDK `SSLSocket`, 64 KiB writes, no FTP (baseline)"),
            Map.entry("UploadBenchmark.ftpfluxTlsUploadFile", "ftpflux `upload(path, Path)`"),
            Map.entry("UploadBenchmark.ftpfluxTlsUploadBuffers",
                    "ftpflux `upload(path, Publisher<ByteBuf>)`, 64 KiB buffers"),
            Map.entry("UploadBenchmark.commonsNetTlsStoreFile64k",
                    "Commons Net `FTPSClient` `storeFile`, `setBufferSize(64 KiB)`, TLS 1.2"),
            Map.entry("NetworkListingBenchmark.ftpfluxMlsd", "MLSD: ftpflux `list()`"),
            Map.entry("NetworkListingBenchmark.commonsNetMlistDir", "MLSD: Commons Net `mlistDir()`"),
            Map.entry("NetworkListingBenchmark.ftpfluxList", "LIST: ftpflux `list()`"),
            Map.entry("NetworkListingBenchmark.commonsNetListFiles", "LIST: Commons Net `listFiles()`"),
            Map.entry("SmallFilesBenchmark.ftpfluxSequential", "ftpflux, one session"),
            Map.entry("SmallFilesBenchmark.commonsNetSequential", "Commons Net `retrieveFile`, one client"),
            Map.entry("SmallFilesBenchmark.ftpfluxParallel", "ftpflux, parallel sessions of one `FtpClient`"),
            Map.entry("SmallFilesBenchmark.commonsNetParallel", "Commons Net, a client per thread"),
            Map.entry("ConcurrentSessionsBenchmark.ftpflux", "ftpflux, one `FtpClient`"),
            Map.entry("ConcurrentSessionsBenchmark.commonsNetThreadPerSession", "Commons Net, a thread per session"));
    /** Which Commons Net row each network row is compared with. */
    private static final Map<String, String> COUNTERPARTS = Map.of(
            "NetworkListingBenchmark.ftpfluxMlsd", "NetworkListingBenchmark.commonsNetMlistDir",
            "NetworkListingBenchmark.ftpfluxList", "NetworkListingBenchmark.commonsNetListFiles",
            "SmallFilesBenchmark.ftpfluxSequential", "SmallFilesBenchmark.commonsNetSequential",
            "SmallFilesBenchmark.ftpfluxParallel", "SmallFilesBenchmark.commonsNetParallel",
            "ConcurrentSessionsBenchmark.ftpflux", "ConcurrentSessionsBenchmark.commonsNetThreadPerSession");
    /** How the names of the download rows that write a file end: they have a table of their own. */
    private static final String TO_FILE = "ToFile";
    /** What the FTPS rows' method names hold, and no other's: their rows have tables of their own. */
    private static final String TLS = "Tls";
    /** The FTPS tables: benchmark class, title, the raw TLS baseline, the Commons Net FTPSClient row. */
    private static final List<List<String>> FTPS_TABLES = List.of(
            List.of("TransferBenchmark", "FTPS downloads", "TransferBenchmark.rawTlsLoopback",
                    "TransferBenchmark.commonsNetTlsStream64k"),
            List.of("UploadBenchmark", "FTPS uploads", "UploadBenchmark.rawTlsWrite",
                    "UploadBenchmark.commonsNetTlsStoreFile64k"));
    /** The listing speed-up the product aims at. */
    private static final double LISTING_TARGET = 5;
    /** How many threads beyond the event loops count as "a handful" for the concurrent sessions target. */
    private static final int HANDFUL = 5;

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
                Row row = rows.computeIfAbsent(name + variant(name, params), key -> new Row(name, params,
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
     * Tells apart the rows of one method that a run measures with several values of a parameter, such as the
     * listing sizes of {@link NetworkListingBenchmark}; every other benchmark runs one value per results directory.
     */
    private static String variant(String name, Map<String, String> params) {
        return name.startsWith("NetworkListingBenchmark.") ? "@" + params.getOrDefault("entries", "?") : "";
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
        uploads(out);
        for (List<String> table : FTPS_TABLES) {
            ftps(out, table.get(0), table.get(1), table.get(2), table.get(3));
        }
        networkListings(out);
        smallFiles(out);
        concurrentSessions(out);
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
        for (JsonNode again : environment.path("remeasured")) {
            out.append("Measured again: `").append(again.path("benchmark").asText("?")).append("`, from ")
                    .append(again.path("startedAt").asText("?")).append(" to ").append(again.path("finishedAt").asText("?"))
                    .append(" (`--only`; load average at the end ").append(again.path("loadAverageAtEnd").asText("?"))
                    .append(")  \n");
        }
        out.append("Servers: ").append(environment.path("servers").asText("the in-process LoopbackFtpResponder"))
                .append("  \n");
        out.append("JDK: ").append(rows.values().stream().map(row -> row.vm).findFirst().orElse("?")).append("  \n")
                .append("Machine: ").append(environment.path("cpuModel").asText("?")).append(", ")
                .append(environment.path("cpus").asText("?")).append(" CPUs, ")
                .append(environment.path("os").asText("?")).append("  \n")
                .append("CPU placement in the transfer and network listing benchmarks: ")
                .append(environment.path("placement").asText("?")).append("\n\n");
    }

    private void transfers(StringBuilder out) {
        List<Row> group = plain(group("TransferBenchmark."));
        downloads(out, group.stream().filter(row -> !row.name.endsWith(TO_FILE)).toList(), "",
                "The server side is the sendfile responder for every row, and every row throws the bytes away.",
                row("TransferBenchmark.rawLoopback"), bestCommonsNetDownload(false));
        downloads(out, group.stream().filter(row -> row.name.endsWith(TO_FILE)).toList(), " to a file",
                "The server side is the sendfile responder for every row, and every row writes the bytes to a file "
                        + "in tmpfs (`/dev/shm`), replacing it: ftpflux through its `.part` file, renamed once the "
                        + "226 came.",
                row("TransferBenchmark.rawLoopbackToFile"), bestCommonsNetDownload(true));
    }

    private void downloads(StringBuilder out, List<Row> group, String where, String server, Optional<Row> raw,
            Optional<Row> commonsNet) {
        if (group.isEmpty()) {
            return;
        }
        out.append("### Downloads").append(where).append(" over loopback, ")
                .append(group.get(0).params.getOrDefault("mebibytes", "?")).append(" MiB\n\n")
                .append("MB/s (10^6 bytes per second) of each measured iteration; ratios are best to best and median to "
                        + "median. Client CPU is the CPU time of every thread but the server's per GiB moved, median of "
                        + "the iterations. ").append(server).append("\n\n")
                .append("| client | best MB/s | median ± error | worst | iterations | vs raw: best, median | "
                        + "vs Commons Net's best setup: best, median | client CPU ms per GiB |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            rateColumns(out, row, raw, commonsNet).append(" |\n");
        }
        out.append('\n');
    }

    private void uploads(StringBuilder out) {
        List<Row> group = plain(group("UploadBenchmark."));
        if (group.isEmpty()) {
            return;
        }
        Optional<Row> raw = row("UploadBenchmark.rawTransferTo");
        Optional<Row> commonsNet = row("UploadBenchmark.commonsNetStoreFile");
        out.append("### Uploads over loopback, ").append(group.get(0).params.getOrDefault("mebibytes", "?"))
                .append(" MiB\n\n")
                .append("MB/s of each measured iteration, as for downloads; the error is JMH's 99.9 % confidence "
                        + "half-width over every iteration. Every row ends when the server has read the last byte. The "
                        + "server side is the responder's discarding sink (64 KiB reads) for every row; its CPU time per "
                        + "GiB shows how busy it was (1,000 ms per GiB at 1,074 MB/s is one whole core).\n\n")
                .append("| client | best MB/s | median ± error | worst | iterations | vs raw: best, median | "
                        + "vs Commons Net `storeFile` defaults: best, median | client CPU ms per GiB | "
                        + "server CPU ms per GiB |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            rateColumns(out, row, raw, commonsNet)
                    .append(" | ").append(format(perGibibyte(row, "serverCpuMillis").median, 0))
                    .append(" |\n");
        }
        out.append('\n');
    }

    /**
     * The FTPS rows of a transfer benchmark: rates against the raw TLS baseline and Commons Net's {@code FTPSClient},
     * the CPU time of both sides, and how many data connections resumed the control connection's TLS session.
     */
    private void ftps(StringBuilder out, String benchmark, String title, String rawName, String commonsNetName) {
        List<Row> group = group(benchmark + ".").stream().filter(row -> row.name.contains(TLS)).toList();
        if (group.isEmpty()) {
            return;
        }
        Optional<Row> raw = row(rawName);
        Optional<Row> commonsNet = row(commonsNetName);
        out.append("### ").append(title).append(" over loopback, ")
                .append(group.get(0).params.getOrDefault("mebibytes", "?")).append(" MiB\n\n")
                .append("Explicit FTPS (`AUTH TLS`, `PBSZ 0`, `PROT P`) with the JDK's TLS on both sides; every client "
                        + "trusts only the responder's self-signed certificate and checks the host name against it. "
                        + "MB/s of each measured iteration, as in the clear; ratios are best to best and median to "
                        + "median. The server side cannot use sendfile through TLS: it moves the data through a 64 KiB "
                        + "heap buffer and the JDK's `SSLSocket`, so its CPU time per GiB says how close it came to "
                        + "holding a row back (1,000 ms per GiB at 1,074 MB/s is one whole core). Resumed: the data "
                        + "connections, over every iteration, whose TLS session resumed the control connection's, as "
                        + "the server saw them.\n\n")
                .append("| client | best MB/s | median ± error | worst | iterations | vs raw TLS: best, median | "
                        + "vs Commons Net `FTPSClient`: best, median | client CPU ms per GiB | server CPU ms per GiB | "
                        + "data connections resumed |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            rateColumns(out, row, raw, commonsNet)
                    .append(" | ").append(format(perGibibyte(row, "serverCpuMillis").median, 0))
                    .append(" | ").append(resumed(row))
                    .append(" |\n");
        }
        out.append('\n');
    }

    /**
     * Appends the columns every transfer table starts with: the row, its best, median and worst rate, the
     * iterations, the ratios to the baseline and to Commons Net, and the client's CPU time per GiB.
     */
    private static StringBuilder rateColumns(StringBuilder out, Row row, Optional<Row> raw, Optional<Row> commonsNet) {
        Stats rate = rateOf(row);
        return out.append("| ").append(label(row))
                .append(" | ").append(format(rate.max, 0))
                .append(" | ").append(format(rate.median, 0)).append(" ± ").append(format(rate.error, 0))
                .append(" | ").append(format(rate.min, 0))
                .append(" | ").append(rate.count)
                .append(" | ").append(raw.map(r -> ratios(rate.max, rate.median, rateOf(r))).orElse("–"))
                .append(" | ").append(commonsNet.map(c -> ratios(rate.max, rate.median, rateOf(c))).orElse("–"))
                .append(" | ").append(format(perGibibyte(row, "clientCpuMillis").median, 0));
    }

    /** "r of n" data connections over every iteration, or "–" for a row without a control connection. */
    private static String resumed(Row row) {
        List<Double> connections = row.secondary.get("tlsDataConnections");
        List<Double> resumed = row.secondary.get("resumedTlsDataConnections");
        if (connections == null || resumed == null) {
            return "–";
        }
        return format(resumed.stream().mapToDouble(Double::doubleValue).sum(), 0) + " of "
                + format(connections.stream().mapToDouble(Double::doubleValue).sum(), 0);
    }

    /** The rows in the clear, without the FTPS rows, which have tables of their own. */
    private static List<Row> plain(List<Row> rows) {
        return rows.stream().filter(row -> !row.name.contains(TLS)).toList();
    }

    private void networkListings(StringBuilder out) {
        List<Row> group = group("NetworkListingBenchmark.");
        if (group.isEmpty()) {
            return;
        }
        out.append("### Listings over loopback\n\n")
                .append("Wall-clock time per listing (ms) of each measured iteration, and the client's CPU time per "
                        + "listing (every thread but the server's, from `ThreadMXBean`, summed over an iteration and "
                        + "divided by its listings; median of the iterations). Speed-ups are Commons Net's over "
                        + "ftpflux's for the same command: wall time best to best and median to median, CPU median to "
                        + "median. The server is the responder, sending the listing from memory.\n\n")
                .append("| entries | client | best ms | median ± error | worst | iterations | client CPU ms | "
                        + "speed-up, wall: best, median | speed-up, client CPU |\n")
                .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            Stats time = Stats.of(row.scores);
            Stats cpu = cpuPerListing(row);
            Optional<Row> theirs = counterpart(row);
            out.append("| ").append(format(Double.parseDouble(row.params.getOrDefault("entries", "NaN")), 0))
                    .append(" | ").append(label(row))
                    .append(" | ").append(format(time.min, 1))
                    .append(" | ").append(format(time.median, 1)).append(" ± ").append(format(time.error, 1))
                    .append(" | ").append(format(time.max, 1))
                    .append(" | ").append(time.count)
                    .append(" | ").append(format(cpu.median, 1))
                    .append(" | ").append(theirs.map(c -> ratios(Stats.of(c.scores).min / time.min,
                            Stats.of(c.scores).median / time.median)).orElse("–"))
                    .append(" | ").append(theirs.map(c -> format(cpuPerListing(c).median / cpu.median, 2))
                            .orElse("–"))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void smallFiles(StringBuilder out) {
        List<Row> group = group("SmallFilesBenchmark.");
        if (group.isEmpty()) {
            return;
        }
        Map<String, String> params = group.get(0).params;
        int files = Integer.parseInt(params.getOrDefault("files", "0"));
        out.append("### ").append(format(files, 0)).append(" files of ").append(params.getOrDefault("kibibytes", "?"))
                .append(" KiB\n\n")
                .append("Single-shot time per ").append(format(files, 0)).append(" downloads (ms), sequential on one "
                        + "logged-in session, and parallel over ").append(params.getOrDefault("sessions", "?"))
                .append(" sessions. The speed-up is Commons Net's time over ftpflux's in the same arrangement. The "
                        + "server is the responder, serving the files from memory; not CPU-pinned. Client CPU is the CPU "
                        + "time of every thread but the server's per download, median of the iterations.\n\n")
                .append("| client | best ms | median ± error | worst | iterations | files per second at the median | "
                        + "speed-up over Commons Net: best, median | client CPU µs per file |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            Stats time = Stats.of(row.scores.stream().map(score -> toMillis(score, row.unit)).toList());
            out.append("| ").append(label(row))
                    .append(" | ").append(format(time.min, 0))
                    .append(" | ").append(format(time.median, 0)).append(" ± ").append(format(time.error, 0))
                    .append(" | ").append(format(time.max, 0))
                    .append(" | ").append(time.count)
                    .append(" | ").append(format(files / (time.median / 1e3), 0))
                    .append(" | ").append(counterpart(row).map(c -> speedUps(c, time)).orElse("–"))
                    .append(" | ").append(format(ratioPerIteration(row, "clientCpuMillis", "files").median * 1e3, 0))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void concurrentSessions(StringBuilder out) {
        List<Row> group = group("ConcurrentSessionsBenchmark.");
        if (group.isEmpty()) {
            return;
        }
        out.append("### ").append(group.get(0).params.getOrDefault("sessions", "?"))
                .append(" concurrent sessions, each listing 20 entries and fetching a 1 KiB file\n\n")
                .append("Single-shot wall time from the first connect to the last QUIT. Peak client threads: the threads "
                        + "that are not the server's, counted by name whenever the JVM's live threads less the server's "
                        + "(sampled every millisecond) reached a new high (the JMH and JVM threads included); "
                        + "threads the client added: the peak less the threads alive before the trial's first session "
                        + "(ftpflux's event loops: ").append(environment.path("eventLoops").asText("?"))
                .append("). Peak heap: the whole JVM's heap in use, sampled every millisecond (garbage not yet collected "
                        + "included; the server keeps about 1 KB per session). The server is the responder, a thread "
                        + "per connection; not CPU-pinned.\n\n")
                .append("| client | best ms | median ± error | worst | iterations | peak client threads | "
                        + "threads the client added | peak heap MiB, median | speed-up over Commons Net: best, median |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            Stats time = Stats.of(row.scores.stream().map(score -> toMillis(score, row.unit)).toList());
            out.append("| ").append(label(row))
                    .append(" | ").append(format(time.min, 0))
                    .append(" | ").append(format(time.median, 0)).append(" ± ").append(format(time.error, 0))
                    .append(" | ").append(format(time.max, 0))
                    .append(" | ").append(time.count)
                    .append(" | ").append(format(Stats.of(row.secondary.getOrDefault("peakClientThreads", List.of())).max, 0))
                    .append(" | ").append(format(Stats.of(row.secondary.getOrDefault("addedClientThreads", List.of())).max, 0))
                    .append(" | ").append(format(Stats.of(row.secondary.getOrDefault("peakHeapMebibytes", List.of())).median, 0))
                    .append(" | ").append(counterpart(row).map(c -> speedUps(c, time)).orElse("–"))
                    .append(" |\n");
        }
        out.append('\n');
    }

    /** Commons Net's single-shot times over this row's: best to best, median to median. */
    private static String speedUps(Row commonsNet, Stats time) {
        Stats theirs = Stats.of(commonsNet.scores.stream().map(score -> toMillis(score, commonsNet.unit)).toList());
        return ratios(theirs.min / time.min, theirs.median / time.median);
    }

    /** Per iteration: the client's CPU milliseconds over the listings read (both summed by JMH over the iteration). */
    private static Stats cpuPerListing(Row row) {
        return ratioPerIteration(row, "clientCpuMillis", "listings");
    }

    private static Stats perGibibyte(Row row, String millis) {
        return ratioPerIteration(row, millis, "gibibytes");
    }

    private static Stats ratioPerIteration(Row row, String numerator, String denominator) {
        List<Double> top = row.secondary.getOrDefault(numerator, List.of());
        List<Double> bottom = row.secondary.getOrDefault(denominator, List.of());
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(top.size(), bottom.size()); i++) {
            if (bottom.get(i) > 0) {
                ratios.add(top.get(i) / bottom.get(i));
            }
        }
        return Stats.of(ratios);
    }

    /** The Commons Net row of the same command and size that a network row is compared with. */
    private Optional<Row> counterpart(Row row) {
        String name = COUNTERPARTS.get(row.name);
        return name == null ? Optional.empty() : row(name + variant(name, row.params));
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
                .append("| client | best ms per download | median ± error | MB/s at best | downloads | "
                        + "bytes allocated per download | per MiB |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            Stats millis = Stats.of(row.scores.stream().map(score -> toMillis(score, row.unit)).toList());
            double allocated = Stats.of(row.secondary.getOrDefault(ALLOCATION, List.of())).median;
            out.append("| ").append(label(row))
                    .append(" | ").append(format(millis.min, 0))
                    .append(" | ").append(format(millis.median, 0)).append(" ± ").append(format(millis.error, 0))
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
        if (group.stream().noneMatch(row -> row.secondary.containsKey("threadCpuMillis"))) {
            return;
        }
        out.append("CPU time of the parsing thread per listing (ms, `ThreadMXBean.getCurrentThreadCpuTime` around "
                + "each listing; the JIT and the garbage collector, on other threads, are not counted, which favours "
                + "the parser that allocates more), and the speed-up of CPU time over Commons Net's, median to median."
                + "\n\n")
                .append("| parser | best | median ± error | iterations | speed-up over Commons Net, median |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (Row row : group) {
            Stats cpu = threadCpuPerListing(row);
            out.append("| ").append(label(row))
                    .append(" | ").append(format(cpu.min, 2))
                    .append(" | ").append(format(cpu.median, 2)).append(" ± ").append(format(cpu.error, 2))
                    .append(" | ").append(cpu.count)
                    .append(" | ").append(commonsNetCounterpart(row)
                            .map(c -> format(threadCpuPerListing(c).median / cpu.median, 2)).orElse("–"))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static Stats threadCpuPerListing(Row row) {
        return ratioPerIteration(row, "threadCpuMillis", "listings");
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
                .append("| parser | best | median ± error | worst | iterations | speed-up over Commons Net: best, median |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Row row : group) {
            Stats time = Stats.of(row.scores);
            out.append("| ").append(label(row))
                    .append(" | ").append(format(time.min, 2))
                    .append(" | ").append(format(time.median, 2)).append(" ± ").append(format(time.error, 2))
                    .append(" | ").append(format(time.max, 2))
                    .append(" | ").append(time.count)
                    .append(" | ").append(commonsNetCounterpart(row)
                            .map(c -> ratios(Stats.of(c.scores).min / time.min, Stats.of(c.scores).median / time.median))
                            .orElse("–"))
                    .append(" |\n");
        }
        out.append('\n');
    }

    /** The download targets, for the rows that throw the bytes away or for those that write a file. */
    private void downloadTargets(StringBuilder out, boolean toFile) {
        String suffix = toFile ? TO_FILE : "";
        String where = toFile ? " to a file" : "";
        Optional<Row> ftpflux = row("TransferBenchmark.ftpfluxDownload" + suffix);
        Optional<Row> raw = row("TransferBenchmark.rawLoopback" + suffix);
        Optional<Row> commonsNet = bestCommonsNetDownload(toFile);
        if (ftpflux.isPresent() && raw.isPresent()) {
            Stats ours = rateOf(ftpflux.get());
            Stats baseline = rateOf(raw.get());
            double share = ours.max / baseline.max;
            out.append("| 1 GiB download").append(where).append(" ≥ 0.95 of raw loopback | ").append(format(share, 2))
                    .append(" of raw").append(where).append(" (median ")
                    .append(format(ours.median / baseline.median, 2)).append("), ")
                    .append(ftpflux.get().params.get("mebibytes")).append(" MiB | ")
                    .append(verdict(share >= 0.95)).append(" |\n");
        }
        if (ftpflux.isPresent() && commonsNet.isPresent()) {
            Stats ours = rateOf(ftpflux.get());
            Stats theirs = rateOf(commonsNet.get());
            double ratio = ours.max / theirs.max;
            out.append("| download").append(where).append(" faster than Commons Net's best setup | ")
                    .append(format(ratio, 2)).append("× (median ").append(format(ours.median / theirs.median, 2))
                    .append("×) ").append(label(commonsNet.get())).append(" | ").append(verdict(ratio > 1))
                    .append(" |\n");
        }
    }

    private void targets(StringBuilder out) {
        out.append("### Targets\n\nJudged on the best iterations (the machine's other work only ever slows a run "
                + "down), the medians beside them; where a line gives CPU time, on the median CPU time (parsing), or on "
                + "it and the best wall time together (listings over the network): other work stretches wall time far "
                + "more than CPU time.\n\n| target | measured | verdict |\n|---|---|---|\n");
        for (boolean toFile : List.of(false, true)) {
            downloadTargets(out, toFile);
        }
        for (String family : List.of("unixList", "mlsd")) {
            Optional<Row> ours = row("ListingParsingBenchmark." + family + "Ftpflux");
            Optional<Row> theirs = row("ListingParsingBenchmark." + family + "CommonsNet");
            if (ours.isPresent() && theirs.isPresent()) {
                Stats time = Stats.of(ours.get().scores);
                Stats reference = Stats.of(theirs.get().scores);
                double speedUp = reference.min / time.min;
                double cpuSpeedUp = threadCpuPerListing(theirs.get()).median / threadCpuPerListing(ours.get()).median;
                // With the parsing thread's CPU time measured, it decides: on a shared machine, waiting for a CPU
                // stretches the wall-clock time of every row by chance, not the CPU time.
                boolean met = Double.isNaN(cpuSpeedUp) ? speedUp >= LISTING_TARGET : cpuSpeedUp >= LISTING_TARGET;
                out.append("| listing parsing ≥ 5× Commons Net (").append(family.equals("mlsd") ? "MLSD" : "LIST")
                        .append(") | ").append(format(speedUp, 1)).append("× (median ")
                        .append(format(reference.median / time.median, 1)).append("×)")
                        .append(Double.isNaN(cpuSpeedUp) ? "" : "; CPU time " + format(cpuSpeedUp, 1) + "× (median)")
                        .append(" | ").append(verdict(met)).append(" |\n");
            }
        }
        Optional<Row> uploadRaw = row("UploadBenchmark.rawTransferTo");
        Optional<Row> storeFile = row("UploadBenchmark.commonsNetStoreFile");
        for (String method : List.of("ftpfluxUploadFile", "ftpfluxUploadBuffers")) {
            Optional<Row> upload = row("UploadBenchmark." + method);
            if (upload.isEmpty()) {
                continue;
            }
            Stats ours = rateOf(upload.get());
            String size = upload.get().params.get("mebibytes") + " MiB";
            if (uploadRaw.isPresent()) {
                Stats baseline = rateOf(uploadRaw.get());
                double share = ours.max / baseline.max;
                out.append("| upload ≥ 0.90 of raw loopback: ").append(label(upload.get())).append(" | ")
                        .append(format(share, 2)).append(" of raw (median ")
                        .append(format(ours.median / baseline.median, 2)).append("), ").append(size).append(" | ")
                        .append(verdict(share >= 0.90)).append(" |\n");
            }
            if (storeFile.isPresent()) {
                Stats theirs = rateOf(storeFile.get());
                double ratio = ours.max / theirs.max;
                out.append("| upload ≥ 2× Commons Net `storeFile` defaults: ").append(label(upload.get())).append(" | ")
                        .append(format(ratio, 2)).append("× (median ").append(format(ours.median / theirs.median, 2))
                        .append("×) | ").append(verdict(ratio >= 2)).append(" |\n");
            }
        }
        for (List<String> table : FTPS_TABLES) {
            ftpsTargets(out, table.get(0), table.get(1), table.get(2), table.get(3));
        }
        for (Row row : group("NetworkListingBenchmark.ftpflux")) {
            Optional<Row> theirs = counterpart(row);
            if (theirs.isPresent()) {
                double cpu = cpuPerListing(theirs.get()).median / cpuPerListing(row).median;
                double wall = Stats.of(theirs.get().scores).min / Stats.of(row.scores).min;
                out.append("| listing over the network ≥ 5× Commons Net: ").append(label(row)).append(", ")
                        .append(row.params.get("entries")).append(" entries | client CPU ").append(format(cpu, 1))
                        .append("× (median), wall ").append(format(wall, 1)).append("× (best) | ")
                        .append(verdict(cpu >= LISTING_TARGET && wall >= LISTING_TARGET)).append(" |\n");
            }
        }
        Optional<Row> concurrent = row("ConcurrentSessionsBenchmark.ftpflux");
        if (concurrent.isPresent() && environment.has("eventLoops")) {
            int eventLoops = environment.path("eventLoops").asInt();
            double added = Stats.of(concurrent.get().secondary.getOrDefault("addedClientThreads", List.of())).max;
            double peak = Stats.of(concurrent.get().secondary.getOrDefault("peakClientThreads", List.of())).max;
            out.append("| ").append(concurrent.get().params.get("sessions"))
                    .append(" concurrent sessions on no more threads than the event loops (")
                    .append(eventLoops).append(") plus a handful (").append(HANDFUL).append(") | ")
                    .append(format(added, 0)).append(" threads added (peak ").append(format(peak, 0))
                    .append(" with JMH's and the JVM's) | ")
                    .append(verdict(added <= eventLoops + HANDFUL)).append(" |\n");
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

    /**
     * The issue names FTPS downloads and uploads among what to measure, with no number to reach: each ftpflux FTPS
     * row is shown against the raw TLS baseline and Commons Net's {@code FTPSClient}, rate and client CPU, unjudged.
     */
    private void ftpsTargets(StringBuilder out, String benchmark, String title, String rawName,
            String commonsNetName) {
        Optional<Row> raw = row(rawName);
        Optional<Row> commonsNet = row(commonsNetName);
        for (Row row : group(benchmark + ".ftpflux")) {
            if (!row.name.contains(TLS)) {
                continue;
            }
            Stats ours = rateOf(row);
            List<String> measured = new ArrayList<>();
            raw.ifPresent(r -> measured.add(format(ours.max / rateOf(r).max, 2) + " of raw TLS (median "
                    + format(ours.median / rateOf(r).median, 2) + ")"));
            commonsNet.ifPresent(c -> measured.add(format(ours.max / rateOf(c).max, 2) + "× (median "
                    + format(ours.median / rateOf(c).median, 2) + "×) Commons Net `FTPSClient`; client CPU "
                    + format(perGibibyte(row, "clientCpuMillis").median, 0) + " ms per GiB against its "
                    + format(perGibibyte(c, "clientCpuMillis").median, 0) + " (medians)"));
            out.append("| ").append(title).append(" (JDK TLS), measured without a numeric target: ").append(label(row))
                    .append(" | ").append(measured.isEmpty() ? "–" : String.join("; ", measured)).append(", ")
                    .append(row.params.get("mebibytes")).append(" MiB | no target |\n");
        }
    }

    /** The faster of the two Commons Net download setups, by best iteration. */
    /** Commons Net's faster download row, by best iteration: to a discarding sink, or to a file. */
    private Optional<Row> bestCommonsNetDownload(boolean toFile) {
        String suffix = toFile ? TO_FILE : "";
        return Stream.of("TransferBenchmark.commonsNetStream64k", "TransferBenchmark.commonsNetRetrieveFile")
                .map(name -> row(name + suffix))
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

    /**
     * The smallest, middle and largest of a row's iteration scores, how many there are, and the error: the half-width
     * of the 99.9 % confidence interval of their mean, as JMH computes it (NaN for fewer than three).
     */
    private record Stats(double min, double median, double max, int count, double error) {
        static Stats of(List<Double> values) {
            if (values.isEmpty()) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
            }
            DoubleSummaryStatistics summary = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
            ListStatistics statistics = new ListStatistics(values.stream().mapToDouble(Double::doubleValue).toArray());
            return new Stats(summary.getMin(), ResultsTable.median(values), summary.getMax(), values.size(),
                    statistics.getMeanErrorAt(0.999));
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
