package io.ftpflux.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {

    @TempDir
    Path results;

    @Test
    void downloadRatiosAreBestToBestAndMedianToMedianOverEveryRound() throws IOException {
        // Two rounds of the same rows, as Report writes them: one file per fork.
        write("round1.json", transfer("rawLoopback", 1000, 2000), transfer("ftpfluxDownload", 950, 1900),
                transfer("commonsNetStream64k", 900, 100), transfer("commonsNetRetrieveFile", 500, 1950));
        write("round2.json", transfer("rawLoopback", 1000, 1000), transfer("ftpfluxDownload", 950, 950),
                transfer("commonsNetStream64k", 900, 900), transfer("commonsNetRetrieveFile", 500, 500));

        String markdown = ResultsTable.read(results).markdown();

        // Best, median: raw 2000, 1000; the error is JMH's 99.9 % half-width of the mean (t of 3 degrees of freedom,
        // 12.92, times the standard deviation over the square root of 4); ftpflux 1900, 950; stream 900, 900; retrieveFile 1950, 500. Commons Net's
        // best setup is the one with the best iteration: retrieveFile.
        assertThat(markdown)
                .contains("| ftpflux `download(path)` | 1,900 | 950 ± 3,069 | 950 | 4 | 0.95, 0.95 | 0.97, 1.90 | 300 |")
                .contains("| raw TCP, 64 KiB reads, no FTP (baseline) | 2,000 | 1,000 ± 3,231 | 1,000 | 4 | 1.00, 1.00 | 1.03, 2.00 | 300 |")
                .contains("| Commons Net `retrieveFileStream`, 64 KiB reads | 900 | 900 ± 2,585 | 100 | 4 | 0.45, 0.90 | 0.46, 1.80 | 300 |")
                .contains("| 1 GiB download ≥ 0.95 of raw loopback | 0.95 of raw (median 0.95), 256 MiB | met |")
                .contains("| download faster than Commons Net's best setup | 0.97× (median 1.90×) Commons Net "
                        + "`retrieveFile`, defaults | **missed** |");
    }

    @Test
    void parsingRowsAreComparedWithTheCommonsNetRowOfTheirFormat() throws IOException {
        write("parsing.json", timed("ListingParsingBenchmark.unixListFtpflux", "ms/op", "entries", 10.0, 20.0, 30.0),
                timed("ListingParsingBenchmark.unixListFtpfluxAutodetect", "ms/op", "entries", 12.5),
                timed("ListingParsingBenchmark.unixListCommonsNet", "ms/op", "entries", 50.0, 60.0, 400.0),
                timed("ListingParsingBenchmark.mlsdFtpflux", "ms/op", "entries", 20.0),
                timed("ListingParsingBenchmark.mlsdCommonsNet", "ms/op", "entries", 60.0),
                timed("ReplyParsingBenchmark.ftpflux", "us/op", "rounds", 800.0),
                timed("ReplyParsingBenchmark.commonsNet", "us/op", "rounds", 2400.0));

        String markdown = ResultsTable.read(results).markdown();

        assertThat(markdown).contains("| LIST: ftpflux, Unix parser | 10.00 | 20.00 ± 182.44 | 30.00 | 3 | 5.00, 3.00 |")
                .contains("| LIST: ftpflux, autodetection | 12.50 | 12.50 ± – | 12.50 | 1 | 4.00, 4.80 |")
                .contains("| MLSD: ftpflux | 20.00 | 20.00 ± – | 20.00 | 1 | 3.00, 3.00 |")
                .contains("| LIST: Commons Net `UnixFTPEntryParser` | 50.00 | 60.00 ± 3,635.04 | 400.00 | 3 | – |")
                .contains("| ftpflux `ReplyAssembler` | 800.00 | 800.00 ± – | 800.00 | 1 | 3.00, 3.00 |")
                .contains("| listing parsing ≥ 5× Commons Net (LIST) | 5.0× (median 3.0×) | met |")
                .contains("| listing parsing ≥ 5× Commons Net (MLSD) | 3.0× (median 3.0×) | **missed** |");
    }

    @Test
    void uploadsAreComparedWithRawAndWithCommonsNetDefaults() throws IOException {
        write("upload.json", upload("rawTransferTo", 1000, 1000), upload("ftpfluxUploadFile", 950, 900),
                upload("ftpfluxUploadBuffers", 800, 800), upload("commonsNetStoreFile", 450, 400),
                upload("commonsNetStoreFile64k", 600, 600));

        String markdown = ResultsTable.read(results).markdown();

        // Client CPU 150 ms over half a GiB and 600 over 2 GiB: 300 per GiB; the server's 100 and 400: 200 per GiB.
        assertThat(markdown)
                .contains("| ftpflux `upload(path, Path)` (zero-copy) | 950 | 925 ± – | 900 | 2 | 0.95, 0.93 | "
                        + "2.11, 2.18 | 300 | 200 |")
                .contains("| upload ≥ 0.90 of raw loopback: ftpflux `upload(path, Path)` (zero-copy) | 0.95 of raw "
                        + "(median 0.93), 256 MiB | met |")
                .contains("| upload ≥ 0.90 of raw loopback: ftpflux `upload(path, Publisher<ByteBuf>)`, 64 KiB buffers "
                        + "| 0.80 of raw (median 0.80), 256 MiB | **missed** |")
                .contains("| upload ≥ 2× Commons Net `storeFile` defaults: ftpflux `upload(path, Publisher<ByteBuf>)`, "
                        + "64 KiB buffers | 1.78× (median 1.88×) | **missed** |");
    }

    @Test
    void ftpsRowsHaveTablesOfTheirOwnAgainstRawTlsAndCommonsNetsFtpsClient() throws IOException {
        write("transfer.json", transfer("rawLoopback", 2000, 2000), transfer("ftpfluxDownload", 1900, 1900),
                transfer("commonsNetStream64k", 1800, 1800), transfer("blockingInputStream64k", 1500, 1700),
                withServerCpu("TransferBenchmark.rawTlsLoopback", 1000, 1000), tls("TransferBenchmark.ftpfluxTlsDownload", 900, 800, 4, 4),
                tls("TransferBenchmark.commonsNetTlsStream64k", 600, 400, 3, 0));
        write("upload.json", upload("rawTransferTo", 1000, 1000), upload("commonsNetStoreFile", 500, 500),
                withServerCpu("UploadBenchmark.rawTlsWrite", 800, 800), tls("UploadBenchmark.ftpfluxTlsUploadFile", 200, 200, 2, 2),
                tls("UploadBenchmark.commonsNetTlsStoreFile64k", 400, 400, 2, 0));

        String markdown = ResultsTable.read(results).markdown();

        // The plain download table keeps the blocking row and none of the FTPS rows.
        String downloads = section(markdown, "### Downloads over loopback");
        assertThat(downloads)
                .contains("| ftpflux blocking `openInputStream`, 64 KiB reads | 1,700 | 1,600 ± – | 1,500 | 2 | "
                        + "0.85, 0.80 | 0.94, 0.89 | 300 |")
                .doesNotContain("TLS").doesNotContain("FTPSClient");
        // FTPS: ratios to the raw TLS row and to Commons Net's FTPSClient; the server's CPU; resumptions summed over
        // the iterations (each iteration of these rows counts one connection per operation, two operations each).
        assertThat(section(markdown, "### FTPS downloads over loopback, 256 MiB"))
                .contains("| ftpflux `download(path)` | 900 | 850 ± – | 800 | 2 | 0.90, 0.85 | 1.50, 1.70 | 300 | 200 | "
                        + "4 of 4 |")
                .contains("| Commons Net `FTPSClient` `retrieveFileStream`, 64 KiB reads | 600 | 500 ± – | 400 | 2 | "
                        + "0.60, 0.50 | 1.00, 1.00 | 300 | 200 | 0 of 3 |")
                .contains("| raw TLS, JDK `SSLSocket`, 64 KiB reads, no FTP (baseline) | 1,000 | 1,000 ± – | 1,000 | 2 | "
                        + "1.00, 1.00 | 1.67, 2.00 | 300 | 200 | – |");
        assertThat(section(markdown, "### FTPS uploads over loopback, 256 MiB"))
                .contains("| ftpflux `upload(path, Path)` | 200 | 200 ± – | 200 | 2 | 0.25, 0.25 | 0.50, 0.50 | 300 | 200 | "
                        + "2 of 2 |");
        assertThat(section(markdown, "### Uploads over loopback")).doesNotContain("TLS");
        assertThat(markdown)
                .contains("| FTPS downloads (JDK TLS), measured without a numeric target: ftpflux `download(path)` | "
                        + "0.90 of raw TLS (median 0.85); 1.50× (median 1.70×) Commons Net `FTPSClient`; client CPU 300 ms "
                        + "per GiB against its 300 (medians), 256 MiB | no target |")
                .contains("| FTPS uploads (JDK TLS), measured without a numeric target: ftpflux `upload(path, Path)` | "
                        + "0.25 of raw TLS (median 0.25); 0.50× (median 0.50×) Commons Net `FTPSClient`; client CPU 300 ms "
                        + "per GiB against its 300 (medians), 256 MiB | no target |");
    }

    @Test
    void networkListingsAreComparedPerSizeAndCommandOnWallAndCpuTime() throws IOException {
        write("listing.json", listing("ftpfluxMlsd", "10000", 10.0, 20.0), listing("commonsNetMlistDir", "10000", 60.0, 200.0),
                listing("ftpfluxMlsd", "100000", 100.0, 100.0), listing("commonsNetMlistDir", "100000", 400.0, 400.0),
                listing("ftpfluxList", "10000", 10.0, 10.0), listing("commonsNetListFiles", "10000", 20.0, 20.0));

        String markdown = ResultsTable.read(results).markdown();

        // CPU per listing is the counter over the listings (2 a iteration): half the score here, 5, 10, 50, 200...
        assertThat(markdown)
                .contains("| 10,000 | MLSD: ftpflux `list()` | 10.0 | 15.0 ± – | 20.0 | 2 | 7.5 | 6.00, 8.67 | 8.67 |")
                .contains("| 100,000 | MLSD: ftpflux `list()` | 100.0 | 100.0 ± – | 100.0 | 2 | 50.0 | 4.00, 4.00 | 4.00 |")
                .contains("| listing over the network ≥ 5× Commons Net: MLSD: ftpflux `list()`, 10000 entries | client "
                        + "CPU 8.7× (median), wall 6.0× (best) | met |")
                .contains("| listing over the network ≥ 5× Commons Net: MLSD: ftpflux `list()`, 100000 entries | client "
                        + "CPU 4.0× (median), wall 4.0× (best) | **missed** |")
                .contains("| listing over the network ≥ 5× Commons Net: LIST: ftpflux `list()`, 10000 entries | client "
                        + "CPU 2.0× (median), wall 2.0× (best) | **missed** |");
    }

    @Test
    void concurrentSessionsAreJudgedOnTheirPeakThreads() throws IOException {
        write("sessions.json", sessions("ftpflux", 14, 6, 2000.0),
                sessions("commonsNetThreadPerSession", 1007, 1000, 2500.0));
        Files.writeString(results.resolve(ResultsTable.ENVIRONMENT_FILE), "{\"eventLoops\": 4}", StandardCharsets.UTF_8);

        String markdown = ResultsTable.read(results).markdown();

        assertThat(markdown)
                .contains("| ftpflux, one `FtpClient` | 2,000 | 2,000 ± – | 2,000 | 1 | 14 | 6 | 300 | 1.25, 1.25 |")
                .contains("| Commons Net, a thread per session | 2,500 | 2,500 ± – | 2,500 | 1 | 1,007 | 1,000 | 300 | – |")
                .contains("| 1000 concurrent sessions on no more threads than the event loops (4) plus a handful (5) | "
                        + "6 threads added (peak 14 with JMH's and the JVM's) | met |");
    }

    @Test
    void parsingIsJudgedOnTheParsingThreadsCpuTimeWhenMeasured() throws IOException {
        // Two iterations of two listings each: 8 and 12 ms of CPU a listing for ftpflux, 50 and 50 for Commons Net.
        write("parsing.json", parsing("unixListFtpflux", 30.0, 16.0, 24.0), parsing("unixListCommonsNet", 60.0, 100.0, 100.0));

        String markdown = ResultsTable.read(results).markdown();

        assertThat(markdown).contains("| LIST: ftpflux, Unix parser | 8.00 | 10.00 ± – | 2 | 5.00 |")
                .contains("| listing parsing ≥ 5× Commons Net (LIST) | 2.0× (median 2.0×); CPU time 5.0× (median) | met |");
    }

    @Test
    void lowHeapAllocationIsReportedPerMebibyte() throws IOException {
        write("lowheap.json", lowHeap("ftpfluxDownload", 2048.0 * 1024), lowHeap("commonsNetStream64k", 12800.0));

        String markdown = ResultsTable.read(results).markdown();

        // 1024 MiB in 500 ms: 2,147 MB/s; 2 MiB allocated per download: 2,048 bytes per MiB, not near zero.
        assertThat(markdown).contains("| ftpflux `download(path)` | 500 | 500 ± – | 2,147 | 1 | 2,097,152 | 2,048.0 |")
                .contains("1 × 1024 MiB completed; 2,048.0 bytes per MiB | **missed** |");
    }

    @Test
    void theResultsSectionOfTheDocumentIsReplacedAndTheRestKept() throws IOException {
        write("parsing.json", timed("ReplyParsingBenchmark.ftpflux", "us/op", "rounds", 800.0));
        Path document = results.resolveSibling(results.getFileName() + "-benchmarks.md");
        Files.writeString(document, "# Benchmarks\nbefore\n" + ResultsTable.BEGIN + "\nold table\n" + ResultsTable.END
                + "\nafter\n", StandardCharsets.UTF_8);
        try {
            ResultsTable.read(results).writeInto(document);

            assertThat(Files.readString(document, StandardCharsets.UTF_8))
                    .startsWith("# Benchmarks\nbefore\n" + ResultsTable.BEGIN + "\n")
                    .contains("| ftpflux `ReplyAssembler` | 800.00 | 800.00 ± – | 800.00 | 1 | – |")
                    .doesNotContain("old table")
                    .endsWith(ResultsTable.END + "\nafter\n");
        } finally {
            Files.deleteIfExists(document);
        }
    }

    @Test
    void aDocumentWithoutMarkersIsRefused() throws IOException {
        write("parsing.json", timed("ReplyParsingBenchmark.ftpflux", "us/op", "rounds", 800.0));
        Path document = Files.writeString(results.resolve("plain.md"), "# no markers\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ResultsTable.read(results).writeInto(document))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("benchmark-results:begin");
    }

    @Test
    void resultsOfDifferentParametersAreNotMixed() throws IOException {
        write("a.json", timed("ReplyParsingBenchmark.ftpflux", "us/op", "rounds", 800.0));
        write("b.json", timed("ReplyParsingBenchmark.ftpflux", "us/op", "rounds", 800.0)
                .replace("\"rounds\": \"1000\"", "\"rounds\": \"20\""));

        assertThatThrownBy(() -> ResultsTable.read(results))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("one results directory holds one run");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(ResultsTable.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(ResultsTable.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
        assertThat(ResultsTable.median(List.of())).isNaN();
    }

    private void write(String name, String... runs) throws IOException {
        Files.writeString(results.resolve(name), "[" + String.join(",", runs) + "]", StandardCharsets.UTF_8);
    }

    /**
     * A TransferBenchmark fork with two measured iterations of the megabytes counter, and client CPU counters of
     * 300 ms per GiB in each (150 ms over half a GiB, 600 ms over 2 GiB).
     */
    private static String transfer(String method, double first, double second) {
        return run("TransferBenchmark." + method, "thrpt", "ops/s", Map.of("mebibytes", "256"), List.of(1.0, 1.0),
                Map.of("megabytes", List.of(first, second), "clientCpuMillis", List.of(150.0, 600.0),
                        "gibibytes", List.of(0.5, 2.0)));
    }

    /** An UploadBenchmark fork of two iterations; CPU counters as in {@link #transfer}, the server's two thirds. */
    private static String upload(String method, double first, double second) {
        return withServerCpu("UploadBenchmark." + method, first, second);
    }

    /** A transfer fork of two iterations with the server's CPU counter, as {@link #upload}. */
    private static String withServerCpu(String benchmark, double first, double second) {
        return run(benchmark, "thrpt", "ops/s", Map.of("mebibytes", "256"), List.of(1.0, 1.0),
                Map.of("megabytes", List.of(first, second), "clientCpuMillis", List.of(150.0, 600.0),
                        "serverCpuMillis", List.of(100.0, 400.0), "gibibytes", List.of(0.5, 2.0)));
    }

    /**
     * An FTPS fork of two iterations: CPU counters as in {@link #upload}, and the data connections the server saw in
     * each iteration, of which some resumed the control connection's TLS session.
     */
    private static String tls(String benchmark, double first, double second, double connections, double resumed) {
        return run(benchmark, "thrpt", "ops/s", Map.of("mebibytes", "256"), List.of(1.0, 1.0),
                Map.of("megabytes", List.of(first, second), "clientCpuMillis", List.of(150.0, 600.0),
                        "serverCpuMillis", List.of(100.0, 400.0), "gibibytes", List.of(0.5, 2.0),
                        "tlsDataConnections", List.of(connections / 2, connections / 2),
                        "resumedTlsDataConnections", List.of(resumed / 2, resumed / 2)));
    }

    /** The part of the Markdown from a heading to the next. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf(heading);
        assertThat(start).as("heading %s", heading).isNotNegative();
        int end = markdown.indexOf("\n### ", start + heading.length());
        return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
    }

    /** A NetworkListingBenchmark fork of two iterations, each of two listings costing half the score in CPU. */
    private static String listing(String method, String entries, double first, double second) {
        return run("NetworkListingBenchmark." + method, "avgt", "ms/op", Map.of("entries", entries), List.of(first, second),
                Map.of("clientCpuMillis", List.of(first, second), "listings", List.of(2.0, 2.0)));
    }

    private static String sessions(String method, double threads, double added, double millis) {
        return run("ConcurrentSessionsBenchmark." + method, "ss", "ms/op", Map.of("sessions", "1000"), List.of(millis),
                Map.of("peakClientThreads", List.of(threads), "addedClientThreads", List.of(added),
                        "peakHeapMebibytes", List.of(300.0)));
    }

    private static String parsing(String method, double score, double firstCpu, double secondCpu) {
        return run("ListingParsingBenchmark." + method, "avgt", "ms/op", Map.of("entries", "10000"), List.of(score, score),
                Map.of("threadCpuMillis", List.of(firstCpu, secondCpu), "listings", List.of(2.0, 2.0)));
    }

    private static String timed(String benchmark, String unit, String param, Double... scores) {
        return run(benchmark, "avgt", unit, Map.of(param, param.equals("rounds") ? "1000" : "10000"), List.of(scores),
                Map.of());
    }

    private static String lowHeap(String method, double allocated) {
        return run("LowHeapDownloadBenchmark." + method, "ss", "ms/op", Map.of("mebibytes", "1024"), List.of(500.0),
                Map.of("gc.alloc.rate.norm", List.of(allocated)));
    }

    /** The fields of JMH's JSON result format that ResultsTable reads. */
    private static String run(String benchmark, String mode, String unit, Map<String, String> params,
            List<Double> scores, Map<String, List<Double>> secondary) {
        return """
                {"benchmark": "io.ftpflux.benchmarks.%s", "mode": "%s", "vmName": "OpenJDK 64-Bit Server VM",
                 "vmVersion": "17.0.15", "params": {%s},
                 "primaryMetric": {"score": 0, "scoreError": "NaN", "scoreUnit": "%s", "rawData": [%s]},
                 "secondaryMetrics": {%s}}
                """.formatted(benchmark, mode, entries(params), unit, numbers(scores),
                secondary.entrySet().stream()
                        .map(metric -> "\"" + metric.getKey() + "\": {\"scoreUnit\": \"ops/s\", \"rawData\": ["
                                + numbers(metric.getValue()) + "]}")
                        .collect(Collectors.joining(",")));
    }

    private static String entries(Map<String, String> params) {
        return params.entrySet().stream()
                .map(param -> "\"" + param.getKey() + "\": \"" + param.getValue() + "\"")
                .collect(Collectors.joining(","));
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(value -> String.format(Locale.ROOT, "%s", value))
                .collect(Collectors.joining(",", "[", "]"));
    }
}
