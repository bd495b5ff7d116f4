package io.ftpflux.benchmarks;

import io.ftpflux.reactive.FtpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
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
 * Many sessions at once against an in-process {@link LoopbackFtpResponder}: each connects, logs in, lists a small
 * directory (LIST), downloads a small file (RETR) and quits. ftpflux runs them all on one {@code FtpClient} (its
 * event loops); Apache Commons Net, which blocks, needs a thread per session.
 *
 * <p>One operation runs {@link #sessions} sessions, all started at once, and ends when the last one quit. Besides the
 * wall-clock time, a sampler (every millisecond) records the peak number of live client threads (the JVM's threads
 * less the responder's, which are a thread per connection), how many more that is than before the trial's first
 * session (the threads a client adds), and the peak heap in use (the whole JVM's, garbage not yet
 * collected included; the responder keeps about a kilobyte per session). Every listing's entry count and every
 * file's size is checked. Not pinned (see {@link CpuPlacement}): these rows are bound by round trips.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ConcurrentSessionsBenchmark {

    /** Sessions at once. */
    @Param("1000")
    public int sessions;

    private static final int LISTING_ENTRIES = 20;
    private static final int FILE_SIZE = 1024;

    private @Nullable TmpfsFile file;
    private @Nullable LoopbackFtpResponder responder;
    private @Nullable FtpClient ftpflux;
    /** The client threads alive before any session: JMH's and the JVM's own. */
    private int threadsAtSetup;

    /** Peaks seen during one operation, as counters JMH reports per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Peaks {
        /** The most client threads alive at once. */
        public double peakClientThreads;
        /** The most heap in use at once, in MiB. */
        public double peakHeapMebibytes;
        /** The most client threads alive at once less those alive before the first session of the trial. */
        public double addedClientThreads;

        /** Clears the peaks before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            peakClientThreads = 0;
            peakHeapMebibytes = 0;
            addedClientThreads = 0;
        }
    }

    /**
     * Starts the responder with a small listing and small files.
     *
     * @throws IOException if the server cannot be set up
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        file = TmpfsFile.create("sessions-bench.bin", 0);
        responder = LoopbackFtpResponder.start(file.path(), new LoopbackFtpResponder.Content(LISTING_ENTRIES,
                FILE_SIZE), Optional.empty());
        ftpflux = LoopbackClients.ftpflux(responder.port(), "bench");
        // Before the first session, so that the event loops and whatever else a client starts count as added.
        threadsAtSetup = ClientThreads.live();
    }

    /**
     * Waits until the ports left in TIME_WAIT by earlier transfers leave room for this iteration's (see
     * {@link TimeWait}).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Setup(Level.Iteration)
    public void awaitPorts() throws InterruptedException {
        TimeWait.awaitRoomFor(2 * sessions);
    }

    /**
     * Stops the responder and deletes its file.
     *
     * @throws IOException if the file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (responder != null) {
            responder.close();
        }
        if (file != null) {
            file.close();
        }
    }

    /**
     * Runs the sessions with ftpflux: one {@code FtpClient}, every session at once on its event loops.
     *
     * @param peaks the peak counters
     * @return the bytes downloaded
     * @throws InterruptedException if interrupted while the sampler stops
     */
    @Benchmark
    public long ftpflux(Peaks peaks) throws InterruptedException {
        FtpClient client = Trial.require(ftpflux);
        try (Sampler sampler = new Sampler(Trial.require(responder), peaks, threadsAtSetup)) {
            Long total = Flux.range(0, sessions)
                    .flatMap(i -> client.withSession(session -> session.list().count()
                            .map(count -> checked("ftpflux listing", count, LISTING_ENTRIES))
                            .then(session.download(LoopbackFtpResponder.SMALL_FILE_PREFIX + i)
                                    .reduce(0L, (sum, buffer) -> sum + buffer.readableBytes())))
                            .single(), sessions)
                    .reduce(0L, Long::sum)
                    .block(LoopbackClients.TIMEOUT);
            return verified("ftpflux", total);
        }
    }

    /**
     * Runs the sessions with Commons Net: a thread per session, each with its own {@code FTPClient} (binary,
     * passive), all released at once.
     *
     * @param peaks the peak counters
     * @return the bytes downloaded
     * @throws InterruptedException if interrupted while waiting for the threads
     * @throws IOException if a session failed
     */
    @Benchmark
    public long commonsNetThreadPerSession(Peaks peaks) throws InterruptedException, IOException {
        int port = Trial.require(responder).port();
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong total = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>(sessions);
        try (Sampler sampler = new Sampler(Trial.require(responder), peaks, threadsAtSetup)) {
            for (int i = 0; i < sessions; i++) {
                String name = LoopbackFtpResponder.SMALL_FILE_PREFIX + i;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        total.addAndGet(commonsNetSession(port, name));
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "commons-net-session-" + i);
                threads.add(thread);
                thread.start();
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join(LoopbackClients.TIMEOUT.toMillis());
                if (thread.isAlive()) {
                    throw new IOException(thread.getName() + " hung");
                }
            }
        }
        if (failure.get() != null) {
            throw new IOException("a Commons Net session failed", failure.get());
        }
        return verified("Commons Net", total.get());
    }

    private static long commonsNetSession(int port, String fileName) throws IOException {
        FTPClient client = LoopbackClients.commonsNet(port, "bench", LoopbackClients.DEFAULT_BUFFER);
        try {
            FTPFile[] listed = client.listFiles();
            checked("Commons Net listing", listed.length, LISTING_ENTRIES);
            long[] count = {0};
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    count[0]++;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    count[0] += length;
                }
            };
            if (!client.retrieveFile(fileName, sink)) {
                throw new IOException("Commons Net retrieveFile failed: " + client.getReplyString());
            }
            return count[0];
        } finally {
            LoopbackClients.close(client);
        }
    }

    private static long checked(String who, long count, long expected) {
        if (count != expected) {
            throw new IllegalStateException(who + " had " + count + " entries, not " + expected);
        }
        return count;
    }

    private long verified(String who, @Nullable Long bytes) {
        long expected = (long) sessions * FILE_SIZE;
        if (bytes == null || bytes != expected) {
            throw new IllegalStateException(who + " downloaded " + bytes + " bytes in all, not " + expected);
        }
        return bytes;
    }


    /**
     * Samples the live client threads and the heap in use every millisecond until closed, and keeps the peaks.
     *
     * <p>The JVM's live thread count less the responder's (which it counts itself) is cheap to read but not exact:
     * while a thousand server threads end at once, the two counts see some of them end at different moments, and
     * the difference overstated the client's threads by up to forty. So that difference only says when to look:
     * whenever it passes its own highest value, the client threads are counted by name ({@link ClientThreads}),
     * which is exact and too costly to do every millisecond.
     */
    private static final class Sampler implements AutoCloseable {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
        private final Thread thread;
        private final Peaks peaks;
        private final int threadsBefore;
        private volatile boolean running = true;
        private volatile int peakThreads;
        private int highestEstimate;
        private volatile long peakHeap;

        Sampler(LoopbackFtpResponder responder, Peaks peaks, int threadsBefore) {
            this.peaks = peaks;
            this.threadsBefore = threadsBefore;
            this.thread = new Thread(() -> {
                while (running) {
                    int estimate = clientThreads(responder);
                    if (estimate > highestEstimate) {
                        highestEstimate = estimate;
                        // The sampler itself is not a client thread.
                        peakThreads = Math.max(peakThreads, ClientThreads.live() - 1);
                    }
                    peakHeap = Math.max(peakHeap, MEMORY.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "peak-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        /** The JVM's live threads less the responder's. */
        static int clientThreads(LoopbackFtpResponder responder) {
            return THREADS.getThreadCount() - responder.liveThreads();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
            peaks.peakClientThreads = Math.max(peaks.peakClientThreads, peakThreads);
            peaks.addedClientThreads = Math.max(peaks.addedClientThreads, peakThreads - threadsBefore);
            peaks.peakHeapMebibytes = Math.max(peaks.peakHeapMebibytes, peakHeap / (1024.0 * 1024.0));
        }
    }
}
