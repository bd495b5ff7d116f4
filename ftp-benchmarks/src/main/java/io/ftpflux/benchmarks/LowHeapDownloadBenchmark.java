package io.ftpflux.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * Downloads 1 GiB (RETR, RFC 959 §4.1.3) in a JVM limited to a 64 MiB heap, to show that a download streams
 * rather than buffers, and how much it allocates: run it with {@code -prof gc} and divide
 * {@code gc.alloc.rate.norm} (bytes per operation) by {@link #mebibytes} for the allocation per MiB.
 *
 * <p>Same server side as {@link TransferBenchmark}; Commons Net's 64 KiB stream loop runs beside ftpflux as the
 * reference for what a copy loop over one reused array allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "-Xms64m"})
public class LowHeapDownloadBenchmark {

    /** The file's size in MiB. */
    @Param("1024")
    public int mebibytes;

    private @Nullable DownloadFixture fixture;
    private final DownloadFixture.ByteCounter counter = new DownloadFixture.ByteCounter();
    private final byte[] streamBuffer = new byte[DownloadFixture.READ_SIZE];

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
     * Downloads the file with ftpflux into a subscriber that counts and drops each buffer.
     *
     * @return the bytes received
     */
    @Benchmark
    public long ftpfluxDownload() {
        return fixture().ftpfluxDownload(counter);
    }

    /**
     * Downloads the file with Commons Net's {@code retrieveFileStream} and a 64 KiB read loop.
     *
     * @return the bytes read
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long commonsNetStream64k() throws IOException {
        return fixture().commonsNetStream(streamBuffer);
    }

    private DownloadFixture fixture() {
        if (fixture == null) {
            throw new IllegalStateException("the trial was not set up");
        }
        return fixture;
    }
}
