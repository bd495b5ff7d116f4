package io.ftpflux.benchmarks;

import io.ftpflux.core.command.StandardVerb;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.ListingOptions;
import io.ftpflux.core.listing.ListingParser;
import io.ftpflux.core.listing.ListingParsers;
import io.ftpflux.core.listing.ListingReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPFileEntryParser;
import org.apache.commons.net.ftp.FTPListParseEngine;
import org.apache.commons.net.ftp.parser.MLSxEntryParser;
import org.apache.commons.net.ftp.parser.UnixFTPEntryParser;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Listing parsing (RFC 959 §4.1.3 LIST, RFC 3659 §7 MLSD) of large listings, no network: ftpflux's
 * {@link ListingReader} with its parsers against Apache Commons Net's {@link FTPListParseEngine} with
 * {@link UnixFTPEntryParser} and {@link MLSxEntryParser}, side by side.
 *
 * <p>One operation turns the bytes of a whole {@link SyntheticListings synthetic listing} into entries, decoding
 * UTF-8 on both sides. ftpflux is fed in 64 KiB pieces, as a data connection delivers a listing; Commons Net
 * reads an {@code InputStream}, as it does from its data socket.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ListingParsingBenchmark {

    /** The size of the pieces ftpflux is fed, as a data connection's reads deliver them. */
    private static final int READ_SIZE = 64 * 1024;
    private static final String ENCODING = StandardCharsets.UTF_8.name();

    /** Lines in each listing. */
    @Param("10000")
    public int entries;

    private byte[] unixList = new byte[0];
    private byte[] mlsd = new byte[0];
    private final ListingOptions options =
            ListingOptions.defaults().withClock(Clock.fixed(SyntheticListings.NOW, ZoneOffset.UTC));

    /**
     * The CPU time of the benchmark thread per listing, as two counters JMH sums per iteration. Waiting for a CPU
     * that other work holds stretches the wall-clock time of a listing, not its CPU time, so on a shared machine this
     * is the steadier comparison of the parsers. The JIT and the garbage collector run on other threads and are not
     * counted, which favours the parser that allocates more (Commons Net's).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ThreadCpu {
        /** CPU milliseconds of the benchmark thread, summed over the iteration. */
        public double threadCpuMillis;
        /** Listings parsed, summed over the iteration. */
        public double listings;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long start;

        /** Clears the counters before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            threadCpuMillis = 0;
            listings = 0;
        }

        /** Notes the CPU time before a listing. */
        @Setup(Level.Invocation)
        public void begin() {
            start = threads.getCurrentThreadCpuTime();
        }

        /** Adds the CPU time of the listing just parsed. */
        @TearDown(Level.Invocation)
        public void end() {
            threadCpuMillis += (threads.getCurrentThreadCpuTime() - start) / 1e6;
            listings++;
        }
    }

    /**
     * Generates the listings and checks that every parser reads every line of them as an entry.
     *
     * @throws IOException never: the listings are in memory
     */
    @Setup(Level.Trial)
    public void generateListings() throws IOException {
        unixList = SyntheticListings.unixList(entries);
        mlsd = SyntheticListings.mlsd(entries);
        requireEntries("ftpflux unix", readWithFtpflux(ListingParsers.unix(options), StandardVerb.LIST, unixList));
        requireEntries("ftpflux autodetect",
                readWithFtpflux(ListingParsers.autodetect(options), StandardVerb.LIST, unixList));
        requireEntries("ftpflux mlsd", readWithFtpflux(ListingParsers.mlsd(), StandardVerb.MLSD, mlsd));
        requireEntries("Commons Net unix", readWithCommonsNet(new UnixFTPEntryParser(), unixList).length, entries);
        // Commons Net 3.13 returns null for a type fact holding '=' (ProFTPD's type=OS.unix=symlink), and
        // getFiles() leaves those entries out: the symbolic links are missing from its result.
        requireEntries("Commons Net mlsd", readWithCommonsNet(new MLSxEntryParser(), mlsd).length,
                entries - occurrences(mlsd, ";type=OS.unix=symlink;"));
    }

    /**
     * Reads the LIST listing with ftpflux's Unix parser.
     *
     * @param sink consumes each entry
     * @param cpu the thread CPU counters
     * @return the number of entries
     */
    @Benchmark
    public int unixListFtpflux(Blackhole sink, ThreadCpu cpu) {
        return readWithFtpflux(ListingParsers.unix(options), StandardVerb.LIST, unixList, sink::consume);
    }

    /**
     * Reads the LIST listing with ftpflux's autodetection, which picks the format from the first line.
     *
     * @param sink consumes each entry
     * @param cpu the thread CPU counters
     * @return the number of entries
     */
    @Benchmark
    public int unixListFtpfluxAutodetect(Blackhole sink, ThreadCpu cpu) {
        return readWithFtpflux(ListingParsers.autodetect(options), StandardVerb.LIST, unixList, sink::consume);
    }

    /**
     * Reads the LIST listing with Commons Net's Unix parser.
     *
     * @param cpu the thread CPU counters
     * @return the entries
     * @throws IOException never: the listing is in memory
     */
    @Benchmark
    public FTPFile[] unixListCommonsNet(ThreadCpu cpu) throws IOException {
        return readWithCommonsNet(new UnixFTPEntryParser(), unixList);
    }

    /**
     * Reads the MLSD listing with ftpflux's MLSD parser.
     *
     * @param sink consumes each entry
     * @param cpu the thread CPU counters
     * @return the number of entries
     */
    @Benchmark
    public int mlsdFtpflux(Blackhole sink, ThreadCpu cpu) {
        return readWithFtpflux(ListingParsers.mlsd(), StandardVerb.MLSD, mlsd, sink::consume);
    }

    /**
     * Reads the MLSD listing with Commons Net's MLSx parser.
     *
     * @param cpu the thread CPU counters
     * @return the entries
     * @throws IOException never: the listing is in memory
     */
    @Benchmark
    public FTPFile[] mlsdCommonsNet(ThreadCpu cpu) throws IOException {
        return readWithCommonsNet(new MLSxEntryParser(), mlsd);
    }

    /** Counts the entries a parser understood: an unparsed line comes out as an {@link EntryType#UNPARSED} entry. */
    private static int readWithFtpflux(ListingParser parser, StandardVerb command, byte[] listing) {
        int[] understood = {0};
        readWithFtpflux(parser, command, listing, entry -> {
            if (entry.type() != EntryType.UNPARSED) {
                understood[0]++;
            }
        });
        return understood[0];
    }

    private static int readWithFtpflux(ListingParser parser, StandardVerb command, byte[] listing,
            Consumer<? super FtpEntry> sink) {
        int[] count = {0};
        Consumer<FtpEntry> counting = entry -> {
            sink.accept(entry);
            count[0]++;
        };
        ListingReader reader = new ListingReader(parser, command, StandardCharsets.UTF_8);
        for (int offset = 0; offset < listing.length; offset += READ_SIZE) {
            reader.feed(ByteBuffer.wrap(listing, offset, Math.min(READ_SIZE, listing.length - offset)), counting);
        }
        reader.finish(counting);
        return count[0];
    }

    private static FTPFile[] readWithCommonsNet(FTPFileEntryParser parser, byte[] listing) throws IOException {
        FTPListParseEngine engine = new FTPListParseEngine(parser);
        engine.readServerList(new ByteArrayInputStream(listing), ENCODING);
        return engine.getFiles();
    }

    private void requireEntries(String who, int read) {
        requireEntries(who, read, entries);
    }

    private void requireEntries(String who, int read, int expected) {
        if (read != expected) {
            throw new IllegalStateException(who + " understood " + read + " of the " + entries + " lines, expected "
                    + expected);
        }
    }

    private static int occurrences(byte[] text, String fragment) {
        String decoded = new String(text, StandardCharsets.UTF_8);
        int count = 0;
        for (int at = decoded.indexOf(fragment); at >= 0; at = decoded.indexOf(fragment, at + 1)) {
            count++;
        }
        return count;
    }
}
