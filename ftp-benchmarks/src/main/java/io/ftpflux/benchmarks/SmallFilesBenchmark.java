package io.ftpflux.benchmarks;

import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.net.ftp.FTPClient;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Many small downloads (RETR, RFC 959 §4.1.3, each over its own EPSV or PASV data connection) from an in-process
 * {@link LoopbackFtpResponder}, which serves the files from memory: one session after the other, and spread over
 * parallel sessions, ftpflux against Apache Commons Net.
 *
 * <p>One operation downloads {@link #files} files of {@link #kibibytes} KiB and checks each one's size. The
 * sequential rows use one logged-in session; the parallel rows {@link #sessions} logged-in sessions, each taking an
 * equal share of the files in turn: for ftpflux, sessions of one {@code FtpClient} on its event loops, for Commons
 * Net, one {@code FTPClient} per thread of a fixed pool, as it must be used. Logins happen before the measurement.
 * The threads are not pinned (see {@link CpuPlacement}): these rows are bound by round trips, not by bandwidth.
 * Besides the time, {@code clientCpuMillis} over {@code files} is the client side's CPU time per download (every
 * thread but the responder's, as in {@link NetworkListingBenchmark}): it tells a client that computes more from one
 * that waits more, which the time alone cannot on a machine whose other work delays every wake-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class SmallFilesBenchmark {

    /** Files per operation. */
    @Param("10000")
    public int files;

    /** The size of each file in KiB. */
    @Param("1")
    public int kibibytes;

    /** Sessions in the parallel rows. */
    @Param("4")
    public int sessions;

    /** The client's CPU time per download, as two counters JMH sums per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class DownloadCpu {
        /** CPU milliseconds of the client side, summed over the iteration. */
        public double clientCpuMillis;
        /** Files downloaded, summed over the iteration. */
        public double files;

        /** Clears the counters before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            clientCpuMillis = 0;
            files = 0;
        }

        long add(long startNanos, int count, long bytes) {
            clientCpuMillis += (ClientThreads.cpuNanos() - startNanos) / 1e6;
            files += count;
            return bytes;
        }
    }

    private @Nullable TmpfsFile file;
    private @Nullable LoopbackFtpResponder responder;
    private final List<FtpSession> ftpflux = new ArrayList<>();
    private final List<FTPClient> commonsNet = new ArrayList<>();
    private @Nullable ExecutorService commonsNetThreads;

    /**
     * Starts the responder and logs in {@link #sessions} sessions of each library.
     *
     * @throws IOException if the server or a client cannot be set up
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        if (files < sessions || sessions < 1) {
            throw new IllegalArgumentException("need at least one session and a file per session");
        }
        file = TmpfsFile.create("small-files-bench.bin", 0);
        // Not pinned: small transfers are round trips, bound by wake-ups rather than by a core's bandwidth, and a
        // server confined to one CPU that other work shares stalled them for seconds at a time.
        responder = LoopbackFtpResponder.start(file.path(), new LoopbackFtpResponder.Content(0, kibibytes * 1024),
                Optional.empty());
        FtpClient client = LoopbackClients.ftpflux(responder.port(), "bench");
        for (int i = 0; i < sessions; i++) {
            ftpflux.add(LoopbackClients.session(client));
            commonsNet.add(LoopbackClients.commonsNet(responder.port(), "bench", LoopbackClients.DEFAULT_BUFFER));
        }
        commonsNetThreads = Executors.newFixedThreadPool(sessions);
    }

    /**
     * Waits until the ports left in TIME_WAIT by earlier transfers leave room for this iteration's (see
     * {@link TimeWait}).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Setup(Level.Iteration)
    public void awaitPorts() throws InterruptedException {
        TimeWait.awaitRoomFor(files);
    }

    /**
     * Logs every session out, stops the pool and the responder.
     *
     * @throws IOException if a client fails to log out
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        try {
            for (FtpSession session : ftpflux) {
                session.close().block(LoopbackClients.TIMEOUT);
            }
            for (FTPClient client : commonsNet) {
                LoopbackClients.close(client);
            }
        } finally {
            if (commonsNetThreads != null) {
                commonsNetThreads.shutdownNow();
            }
            if (responder != null) {
                responder.close();
            }
            if (file != null) {
                file.close();
            }
        }
    }

    /**
     * Downloads the files one after the other on one ftpflux session.
     *
     * @param cpu the client CPU counters
     * @return the bytes received
     */
    @Benchmark
    public long ftpfluxSequential(DownloadCpu cpu) {
        long start = ClientThreads.cpuNanos();
        return cpu.add(start, files,
                verified("ftpflux sequential", ftpfluxShare(ftpflux.get(0), 0, files).block(LoopbackClients.TIMEOUT)));
    }

    /**
     * Downloads the files over {@link #sessions} ftpflux sessions at once, each taking its share in turn.
     *
     * @param cpu the client CPU counters
     * @return the bytes received
     */
    @Benchmark
    public long ftpfluxParallel(DownloadCpu cpu) {
        long start = ClientThreads.cpuNanos();
        int share = files / sessions;
        Long total = Flux.range(0, sessions)
                .flatMap(i -> ftpfluxShare(ftpflux.get(i), i * share, i == sessions - 1 ? files - i * share : share))
                .reduce(0L, Long::sum)
                .block(LoopbackClients.TIMEOUT);
        return cpu.add(start, files, verified("ftpflux parallel", total));
    }

    /**
     * Downloads the files one after the other with one Commons Net client ({@code retrieveFile}, defaults).
     *
     * @param cpu the client CPU counters
     * @return the bytes received
     * @throws IOException if a download fails
     */
    @Benchmark
    public long commonsNetSequential(DownloadCpu cpu) throws IOException {
        long start = ClientThreads.cpuNanos();
        return cpu.add(start, files, verified("Commons Net sequential", commonsNetShare(commonsNet.get(0), 0, files)));
    }

    /**
     * Downloads the files over {@link #sessions} Commons Net clients at once, each on a thread of its own.
     *
     * @param cpu the client CPU counters
     * @return the bytes received
     * @throws IOException if a download fails
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    @Benchmark
    public long commonsNetParallel(DownloadCpu cpu) throws IOException, InterruptedException {
        long start = ClientThreads.cpuNanos();
        int share = files / sessions;
        List<Future<Long>> parts = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            FTPClient client = commonsNet.get(i);
            int first = i * share;
            int count = i == sessions - 1 ? files - first : share;
            parts.add(Trial.require(commonsNetThreads).submit(() -> commonsNetShare(client, first, count)));
        }
        long total = 0;
        for (Future<Long> part : parts) {
            try {
                total += part.get(LoopbackClients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IOException("a Commons Net session failed", e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("a Commons Net session hung", e);
            }
        }
        return cpu.add(start, files, verified("Commons Net parallel", total));
    }

    /** Downloads files {@code first} to {@code first + count - 1} in turn on one session. */
    private Mono<Long> ftpfluxShare(FtpSession session, int first, int count) {
        long size = kibibytes * 1024L;
        return Flux.range(first, count)
                .concatMap(i -> session.download(LoopbackFtpResponder.SMALL_FILE_PREFIX + i)
                        .reduce(0L, (sum, buffer) -> sum + buffer.readableBytes())
                        .map(bytes -> checkedSize("ftpflux", i, bytes, size)), 1)
                .reduce(0L, Long::sum);
    }

    private long commonsNetShare(FTPClient client, int first, int count) throws IOException {
        long size = kibibytes * 1024L;
        CountingOutputStream sink = new CountingOutputStream();
        long total = 0;
        for (int i = first; i < first + count; i++) {
            sink.reset();
            if (!client.retrieveFile(LoopbackFtpResponder.SMALL_FILE_PREFIX + i, sink)) {
                throw new IOException("Commons Net retrieveFile failed: " + client.getReplyString());
            }
            total += checkedSize("Commons Net", i, sink.count(), size);
        }
        return total;
    }

    private static long checkedSize(String who, int index, long bytes, long size) {
        if (bytes != size) {
            throw new IllegalStateException(who + " received " + bytes + " bytes of file " + index + ", not " + size);
        }
        return bytes;
    }

    private long verified(String who, @Nullable Long bytes) {
        long expected = (long) files * kibibytes * 1024;
        if (bytes == null || bytes != expected) {
            throw new IllegalStateException(who + " received " + bytes + " bytes in all, not " + expected);
        }
        return bytes;
    }
}
