package io.ftpflux.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.StandardOpenOption;
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
 * PASV data connection), side by side: the raw TCP baseline, ftpflux, its blocking facade, and Apache Commons Net in
 * its best and its default setup; and over explicit FTPS with {@code PROT P} (RFC 4217, the JDK's TLS on both sides):
 * the raw TLS baseline, ftpflux and Commons Net's {@code FTPSClient}, whose method names hold {@code Tls}.
 *
 * <p>Every row reads the same file from the same server side and throws the bytes away: {@code sendfile} in the
 * clear, a 64 KiB heap buffer through the JDK's {@code SSLSocket} over TLS. One operation is one whole file; the
 * {@code megabytes} counter reports the rate in MB/s (10^6 bytes per second; JMH labels it ops/s),
 * {@code clientCpuMillis} over {@code gibibytes} the client's CPU time per GiB, {@code serverCpuMillis} the
 * responder's. Every download's byte count is checked.
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
    /** Where the to-a-file rows write: a file in tmpfs, replaced by every download. */
    private @Nullable TmpfsFile target;
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
     * The CPU time the client side spent, as two counters JMH sums per iteration: every thread of the JVM but the
     * responder's (the benchmark thread, the event loops, JIT and GC), per GiB moved. Other work on the machine
     * stretches the wall-clock time of a download, but hardly the CPU time it costs, so this is the steadier
     * measure of a client's efficiency on a shared machine.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ClientCpu {
        /** CPU milliseconds of the client side, summed over the iteration. */
        public double clientCpuMillis;
        /** GiB moved, summed over the iteration. */
        public double gibibytes;
        /**
         * CPU milliseconds of the responder's threads, summed over the iteration: how busy the server side was, to
         * tell whether it held a row back.
         */
        public double serverCpuMillis;
        private long serverStartNanos;

        /** Clears the counters before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            clientCpuMillis = 0;
            gibibytes = 0;
            serverCpuMillis = 0;
        }

        /** The CPU time so far of every live thread that is not the responder's; also notes the responder's. */
        long clientNanos() {
            serverStartNanos = ClientThreads.serverCpuNanos();
            return ClientThreads.cpuNanos();
        }

        long add(long startNanos, long bytes) {
            clientCpuMillis += (ClientThreads.cpuNanos() - startNanos) / 1e6;
            serverCpuMillis += (ClientThreads.serverCpuNanos() - serverStartNanos) / 1e6;
            gibibytes += bytes / (double) (1L << 30);
            return bytes;
        }
    }

    /**
     * How many FTPS data connections the responder saw, and how many resumed the control connection's TLS session
     * (RFC 4217 §10.2), as two counters JMH sums per iteration; only the FTPS rows take it.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class DataTls {
        /** TLS data connections, summed over the iteration. */
        public double tlsDataConnections;
        /** Those of them that resumed the control connection's TLS session. */
        public double resumedTlsDataConnections;
        private LoopbackFtpResponder.@Nullable TlsDataConnections before;

        /** Clears the counters before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            tlsDataConnections = 0;
            resumedTlsDataConnections = 0;
        }

        /** Notes the responder's counts before an operation. */
        void start(LoopbackFtpResponder responder) {
            before = responder.tlsDataConnections();
        }

        /** Adds what the responder counted since {@link #start}; returns the bytes as they were. */
        long add(LoopbackFtpResponder responder, long bytes) {
            LoopbackFtpResponder.TlsDataConnections now = responder.tlsDataConnections();
            LoopbackFtpResponder.TlsDataConnections then = before;
            if (then == null) {
                throw new IllegalStateException("add without start");
            }
            tlsDataConnections += now.connections() - then.connections();
            resumedTlsDataConnections += now.resumed() - then.resumed();
            return bytes;
        }
    }

    /**
     * Writes the file, starts the responder and logs the clients in.
     *
     * @throws IOException if the file, the server or a client cannot be set up
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        fixture = DownloadFixture.startWithTls(mebibytes);
        target = TmpfsFile.create("download-target.bin", 0);
    }

    /**
     * Logs the clients out, stops the responder and deletes the file.
     *
     * @throws IOException if a client fails to log out or the file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    /**
     * Reads the file from a plain TCP connection, no FTP: 64 KiB reads into a direct buffer.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes read
     * @throws IOException if the connection fails
     */
    @Benchmark
    public long rawLoopback(Rate rate, ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        long read = 0;
        try (SocketChannel channel = SocketChannel.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), fixture().responder().rawPort()))) {
            int n;
            while ((n = channel.read(rawBuffer.clear())) >= 0) {
                read += n;
            }
        }
        return rate.add(cpu.add(start, fixture().verified("raw loopback", read)));
    }

    /**
     * Reads the file from a plain TCP connection, no FTP, and writes it to a file in tmpfs: 64 KiB reads into a
     * direct buffer, each written with {@code FileChannel.write}; the baseline of the to-a-file rows.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes written
     * @throws IOException if the connection or the file fails
     */
    @Benchmark
    public long rawLoopbackToFile(Rate rate, ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        long written = 0;
        try (SocketChannel channel = SocketChannel.open(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), fixture().responder().rawPort()));
                FileChannel file = FileChannel.open(target().path(), StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            while (channel.read(rawBuffer.clear()) >= 0) {
                rawBuffer.flip();
                while (rawBuffer.hasRemaining()) {
                    written += file.write(rawBuffer);
                }
            }
        }
        return rate.add(cpu.add(start, fixture().verified("raw loopback to a file", written)));
    }

    /**
     * Downloads the file with ftpflux's {@code FtpSession.download(path, Path)} to a file in tmpfs (through its
     * {@code .part} file, renamed once the transfer is confirmed).
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes on disk
     * @throws IOException if the written file cannot be read back
     */
    @Benchmark
    public long ftpfluxDownloadToFile(Rate rate, ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        return rate.add(cpu.add(start, fixture().ftpfluxDownloadToFile(target().path())));
    }

    /**
     * Downloads the file with Commons Net's {@code retrieveFile} into a {@code FileOutputStream} in tmpfs, its
     * documented way of saving a file, in its default setup.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes on disk
     * @throws IOException if the transfer or the file fails
     */
    @Benchmark
    public long commonsNetRetrieveFileToFile(Rate rate, ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        return rate.add(cpu.add(start, fixture().commonsNetRetrieveFileToFile(target().path())));
    }

    /**
     * Downloads the file with Commons Net's {@code retrieveFileStream}, copied in 64 KiB pieces into a
     * {@code FileOutputStream} in tmpfs: its best setup for a file.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes on disk
     * @throws IOException if the transfer or the file fails
     */
    @Benchmark
    public long commonsNetStream64kToFile(Rate rate, ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        return rate.add(cpu.add(start, fixture().commonsNetStreamToFile(streamBuffer, target().path())));
    }

    /**
     * Downloads the file with ftpflux's {@code FtpSession.download(path)} into a subscriber that counts and drops
     * each buffer.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes received
     */
    @Benchmark
    public long ftpfluxDownload(Rate rate, ClientCpu cpu) {
        long start = cpu.clientNanos();
        return rate.add(cpu.add(start, fixture().ftpfluxDownload(counter)));
    }

    /**
     * Downloads the file with Commons Net's {@code retrieveFileStream}, read in 64 KiB pieces, then
     * {@code completePendingCommand}: its best setup.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes read
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long commonsNetStream64k(Rate rate, ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        return rate.add(cpu.add(start, fixture().commonsNetStream(streamBuffer)));
    }

    /**
     * Downloads the file with Commons Net's {@code retrieveFile} to a discarding stream, in its default setup.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes written to the stream
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long commonsNetRetrieveFile(Rate rate, ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        discard.reset();
        if (!fixture().commonsNet().retrieveFile(DownloadFixture.FILE_NAME, discard)) {
            throw new IOException("Commons Net retrieveFile failed: " + fixture().commonsNet().getReplyString());
        }
        return rate.add(cpu.add(start, fixture().verified("Commons Net retrieveFile", discard.count())));
    }

    /**
     * Downloads the file with the blocking facade's {@code BlockingFtpSession.openInputStream}, read in 64 KiB
     * pieces, then closed (which waits for the 226).
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes read
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long blockingInputStream64k(Rate rate, ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        return rate.add(cpu.add(start, fixture().blockingStream(streamBuffer)));
    }

    /**
     * Reads the file from a TLS connection, no FTP: the JDK's {@code SSLSocket} with the FTPS rows' trust and host
     * name verification, a new handshake per download, 64 KiB reads.
     *
     * @param rate the transfer rate counter
     * @param cpu the client and server CPU counters
     * @return the bytes read
     * @throws IOException if the connection or the handshake fails
     */
    @Benchmark
    public long rawTlsLoopback(Rate rate, ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        return rate.add(cpu.add(start, fixture().rawTls(streamBuffer)));
    }

    /**
     * Downloads the file with ftpflux over explicit FTPS, {@code PROT P}: {@code download(path)} into a subscriber
     * that counts and drops each buffer.
     *
     * @param rate the transfer rate counter
     * @param cpu the client and server CPU counters
     * @param tls the data connections' resumption counters
     * @return the bytes received
     */
    @Benchmark
    public long ftpfluxTlsDownload(Rate rate, ClientCpu cpu, DataTls tls) {
        long start = cpu.clientNanos();
        tls.start(fixture().responder());
        long bytes = fixture().ftpfluxTlsDownload(counter);
        return rate.add(cpu.add(start, tls.add(fixture().responder(), bytes)));
    }

    /**
     * Downloads the file with Commons Net's {@code FTPSClient} (explicit, {@code PROT P}): {@code retrieveFileStream}
     * read in 64 KiB pieces, then {@code completePendingCommand}.
     *
     * @param rate the transfer rate counter
     * @param cpu the client and server CPU counters
     * @param tls the data connections' resumption counters
     * @return the bytes read
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long commonsNetTlsStream64k(Rate rate, ClientCpu cpu, DataTls tls) throws IOException {
        long start = cpu.clientNanos();
        tls.start(fixture().responder());
        long bytes = fixture().commonsNetTlsStream(streamBuffer);
        return rate.add(cpu.add(start, tls.add(fixture().responder(), bytes)));
    }

    private DownloadFixture fixture() {
        return Trial.require(fixture);
    }

    private TmpfsFile target() {
        return Trial.require(target);
    }
}
