package io.ftpflux.benchmarks;

import io.ftpflux.core.command.StandardVerb;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.ListingOptions;
import io.ftpflux.core.listing.ListingParsers;
import io.ftpflux.core.listing.ListingReader;
import io.ftpflux.reactive.FtpSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPFileEntryParser;
import org.apache.commons.net.ftp.FTPListParseEngine;
import org.apache.commons.net.ftp.parser.MLSxEntryParser;
import org.apache.commons.net.ftp.parser.UnixFTPEntryParser;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Listings over loopback from an in-process {@link LoopbackFtpResponder}, data connection and all: ftpflux's
 * {@code list()} with MLSD (RFC 3659 §7) and with LIST (RFC 959 §4.1.3) against Apache Commons Net's
 * {@code mlistDir()} and {@code listFiles()}.
 *
 * <p>The responder sends a {@link SyntheticListings synthetic listing} from memory. One operation is one whole
 * listing, every entry kept in a list (ftpflux) or an array (Commons Net), as a caller that wants the directory
 * gets it. Besides the wall-clock time, {@code clientCpuMillis} over {@code listings} is the CPU time of the client
 * side (every thread but the responder's: the benchmark thread, ftpflux's event loops, JIT and GC) per listing.
 * Every listing's entry count is checked against what each library's parser makes of the same bytes without a
 * network.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class NetworkListingBenchmark {

    /** Lines in the listing. */
    @Param({"10000", "100000"})
    public int entries;

    private @Nullable Optional<CpuPlacement> placement;
    private @Nullable TmpfsFile file;
    private @Nullable LoopbackFtpResponder responder;
    private @Nullable FtpSession ftpfluxList;
    private @Nullable FtpSession ftpfluxMlsd;
    private @Nullable FTPClient commonsNet;
    private int expectedFtpfluxList;
    private int expectedFtpfluxMlsd;
    private int expectedCommonsNetList;
    private int expectedCommonsNetMlsd;

    /** The client's CPU time per listing, as two counters JMH sums per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ListingCpu {
        /** CPU milliseconds of the client side, summed over the iteration. */
        public double clientCpuMillis;
        /** Listings read, summed over the iteration. */
        public double listings;

        /** Clears the counters before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            clientCpuMillis = 0;
            listings = 0;
        }

        int add(long startNanos, int count) {
            clientCpuMillis += (ClientThreads.cpuNanos() - startNanos) / 1e6;
            listings++;
            return count;
        }
    }

    /**
     * Starts the responder with the listings, logs the clients in and works out how many entries each must read.
     *
     * @throws IOException if the server or a client cannot be set up
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        placement = CpuPlacement.split();
        file = TmpfsFile.create("listing-bench.bin", 0);
        responder = LoopbackFtpResponder.start(file.path(), new LoopbackFtpResponder.Content(entries, 1024), placement);
        ftpfluxList = LoopbackClients.session(LoopbackClients.ftpflux(responder.port(), "bench"));
        ftpfluxMlsd = LoopbackClients.session(LoopbackClients.ftpflux(responder.port(), LoopbackFtpResponder.MLSD_USER));
        commonsNet = LoopbackClients.commonsNet(responder.port(), "bench", LoopbackClients.DEFAULT_BUFFER);
        expectedFtpfluxList = countWithFtpflux(responder.unixListing(), StandardVerb.LIST);
        expectedFtpfluxMlsd = countWithFtpflux(responder.mlsdListing(), StandardVerb.MLSD);
        expectedCommonsNetList = countWithCommonsNet(new UnixFTPEntryParser(), responder.unixListing());
        expectedCommonsNetMlsd = countWithCommonsNet(new MLSxEntryParser(), responder.mlsdListing());
    }

    /**
     * Logs the clients out, stops the responder and releases the CPU split.
     *
     * @throws IOException if a client fails to log out
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        try {
            for (FtpSession session : new FtpSession[] {ftpfluxList, ftpfluxMlsd}) {
                if (session != null) {
                    session.close().block(LoopbackClients.TIMEOUT);
                }
            }
            if (commonsNet != null) {
                LoopbackClients.close(commonsNet);
            }
        } finally {
            if (responder != null) {
                responder.close();
            }
            if (file != null) {
                file.close();
            }
            if (placement != null && placement.isPresent()) {
                placement.get().release();
            }
        }
    }

    /**
     * Lists with ftpflux against a server without MLST: LIST, read by ftpflux's autodetecting parser.
     *
     * @param cpu the client CPU counters
     * @return the number of entries
     */
    @Benchmark
    public int ftpfluxList(ListingCpu cpu) {
        long start = ClientThreads.cpuNanos();
        return cpu.add(start, listWithFtpflux("ftpflux LIST", Trial.require(ftpfluxList), expectedFtpfluxList));
    }

    /**
     * Lists with ftpflux against a server that announced MLST: MLSD.
     *
     * @param cpu the client CPU counters
     * @return the number of entries
     */
    @Benchmark
    public int ftpfluxMlsd(ListingCpu cpu) {
        long start = ClientThreads.cpuNanos();
        return cpu.add(start, listWithFtpflux("ftpflux MLSD", Trial.require(ftpfluxMlsd), expectedFtpfluxMlsd));
    }

    /**
     * Lists with Commons Net's {@code listFiles()}: LIST, parser chosen by SYST.
     *
     * @param cpu the client CPU counters
     * @return the number of entries
     * @throws IOException if the listing fails
     */
    @Benchmark
    public int commonsNetListFiles(ListingCpu cpu) throws IOException {
        long start = ClientThreads.cpuNanos();
        FTPFile[] files = Trial.require(commonsNet).listFiles();
        return cpu.add(start, verified("Commons Net listFiles", files.length, expectedCommonsNetList));
    }

    /**
     * Lists with Commons Net's {@code mlistDir()}: MLSD.
     *
     * @param cpu the client CPU counters
     * @return the number of entries
     * @throws IOException if the listing fails
     */
    @Benchmark
    public int commonsNetMlistDir(ListingCpu cpu) throws IOException {
        long start = ClientThreads.cpuNanos();
        FTPFile[] files = Trial.require(commonsNet).mlistDir();
        return cpu.add(start, verified("Commons Net mlistDir", files.length, expectedCommonsNetMlsd));
    }

    private static int listWithFtpflux(String who, FtpSession session, int expected) {
        List<FtpEntry> listed = session.list().collectList().block(LoopbackClients.TIMEOUT);
        return verified(who, listed == null ? 0 : listed.size(), expected);
    }

    /** The entries {@code list()} gives for these bytes: every line's entry but the directory and its parent. */
    private static int countWithFtpflux(byte[] listing, StandardVerb command) {
        List<FtpEntry> read = new ArrayList<>();
        ListingReader reader = new ListingReader(command == StandardVerb.MLSD
                ? ListingParsers.mlsd() : ListingParsers.autodetect(ListingOptions.defaults()), command,
                StandardCharsets.UTF_8);
        reader.feed(listing, read::add);
        reader.finish(read::add);
        return (int) read.stream().filter(entry -> !entry.isSelfOrParent()).count();
    }

    /** The entries Commons Net gives for these bytes (its MLSD parser drops the symbolic links' lines). */
    private static int countWithCommonsNet(FTPFileEntryParser parser, byte[] listing) throws IOException {
        FTPListParseEngine engine = new FTPListParseEngine(parser);
        engine.readServerList(new ByteArrayInputStream(listing), StandardCharsets.UTF_8.name());
        return engine.getFiles().length;
    }

    private static int verified(String who, int read, int expected) {
        if (read != expected) {
            throw new IllegalStateException(who + " read " + read + " entries, expected " + expected);
        }
        return read;
    }

}
