package io.ftpflux.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
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
 * Downloads over loopback from an in-process {@link LoopbackFtpResponder} (RETR, RFC 959 §4.1.3, over an EPSV or
 * PASV data connection), side by side: the raw TCP baseline, ftpflux, and Apache Commons Net in its best and its
 * default setup.
 *
 * <p>Every row reads the same file from the same sendfile server side and throws the bytes away. One operation is
 * one whole file; the {@code megabytes} counter reports the rate in MB/s (10^6 bytes per second; JMH labels it
 * ops/s). Every download's byte count is checked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TransferBenchmark {

    /** The file's size in MiB: 256 by default, 1024 for the full profile. */
    @Param("256")
    public int mebibytes;

    private @Nullable DownloadFixture fixture;
    private final ByteBuffer rawBuffer = ByteBuffer.allocateDirect(DownloadFixture.READ_SIZE);
    private final byte[] streamBuffer = new byte[DownloadFixture.READ_SIZE];
    private final DownloadFixture.ByteCounter counter = new DownloadFixture.ByteCounter();
    private final CountingOutputStream discard = new CountingOutputStream();

    /** The transfer rate, as a counter JMH divides by the measured time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rate {
        /** Megabytes (10^6 bytes) moved; per second once JMH normalises it. */
        public double megabytes;

        /** Clears the counter before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            megabytes = 0;
        }

        long add(long bytes) {
            megabytes += bytes / 1e6;
            return bytes;
        }
    }

    /**
     * Writes the file, starts the responder and logs both clients in.
     *
     * @throws IOException if the file, the server or a client cannot be set up
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        fixture = DownloadFixture.start(mebibytes);
    }

    /**
     * Logs both clients out, stops the responder and deletes the file.
     *
     * @throws IOException if a client fails to log out or the file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
    }

    /**
     * Reads the file from a plain TCP connection, no FTP: 64 KiB reads into a direct buffer.
     *
     * @param rate the transfer rate counter
     * @return the bytes read
     * @throws IOException if the connection fails
     */
    @Benchmark
    public long rawLoopback(Rate rate) throws IOException {
        long read = 0;
        try (SocketChannel channel = SocketChannel.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), fixture().responder().rawPort()))) {
            int n;
            while ((n = channel.read(rawBuffer.clear())) >= 0) {
                read += n;
            }
        }
        return rate.add(fixture().verified("raw loopback", read));
    }

    /**
     * Downloads the file with ftpflux's {@code FtpSession.download(path)} into a subscriber that counts and drops
     * each buffer.
     *
     * @param rate the transfer rate counter
     * @return the bytes received
     */
    @Benchmark
    public long ftpfluxDownload(Rate rate) {
        return rate.add(fixture().ftpfluxDownload(counter));
    }

    /**
     * Downloads the file with Commons Net's {@code retrieveFileStream}, read in 64 KiB pieces, then
     * {@code completePendingCommand}: its best setup.
     *
     * @param rate the transfer rate counter
     * @return the bytes read
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long commonsNetStream64k(Rate rate) throws IOException {
        return rate.add(fixture().commonsNetStream(streamBuffer));
    }

    /**
     * Downloads the file with Commons Net's {@code retrieveFile} to a discarding stream, in its default setup.
     *
     * @param rate the transfer rate counter
     * @return the bytes written to the stream
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long commonsNetRetrieveFile(Rate rate) throws IOException {
        discard.reset();
        if (!fixture().commonsNet().retrieveFile(DownloadFixture.FILE_NAME, discard)) {
            throw new IOException("Commons Net retrieveFile failed: " + fixture().commonsNet().getReplyString());
        }
        return rate.add(fixture().verified("Commons Net retrieveFile", discard.count));
    }

    private DownloadFixture fixture() {
        if (fixture == null) {
            throw new IllegalStateException("the trial was not set up");
        }
        return fixture;
    }

    /** Counts what is written and keeps none of it. */
    private static final class CountingOutputStream extends OutputStream {
        private long count;

        void reset() {
            count = 0;
        }

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
