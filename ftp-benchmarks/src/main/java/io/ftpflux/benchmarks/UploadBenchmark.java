package io.ftpflux.benchmarks;

import io.ftpflux.reactive.FtpSession;
import io.ftpflux.reactive.UploadResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTPClient;
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
import reactor.core.publisher.Flux;

/**
 * Uploads over loopback to an in-process {@link LoopbackFtpResponder} (STOR, RFC 959 §4.1.3, over an EPSV or PASV
 * data connection), side by side: the raw TCP baseline, ftpflux from a file and from a stream of buffers, and Apache
 * Commons Net's {@code storeFile} with its default buffers and with 64 KiB ones.
 *
 * <p>The responder reads every upload to its end in 64 KiB reads and discards it, and says in its 226 reply how many
 * bytes it received, which every FTP row checks; the raw baseline sends the same file with
 * {@link FileChannel#transferTo} ({@code sendfile(2)}) to a port that reads the same way and answers with the count.
 * Every row ends when the server has received the last byte. The counters are those of {@link TransferBenchmark}:
 * MB/s and the client's CPU time per GiB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class UploadBenchmark {

    /** The file's size in MiB: 256 by default, 1024 for the full profile. */
    @Param("256")
    public int mebibytes;

    private static final String REMOTE_NAME = "upload.bin";
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final Pattern RECEIVED = Pattern.compile("(\\d+) bytes received");

    private @Nullable Optional<CpuPlacement> placement;
    private @Nullable TmpfsFile file;
    private @Nullable LoopbackFtpResponder responder;
    private @Nullable FtpSession ftpflux;
    private @Nullable FTPClient commonsNetDefault;
    private @Nullable FTPClient commonsNet64k;
    /** The stream of buffers the ftpflux row uploads: views of one direct 64 KiB block, no copy. */
    private final ByteBuffer block = ByteBuffer.allocateDirect(BUFFER_SIZE);

    /**
     * Splits the CPUs, writes the file, starts the responder and logs the clients in.
     *
     * @throws IOException if the file, the server or a client cannot be set up
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        placement = CpuPlacement.split();
        file = TmpfsFile.create("upload-source.bin", (long) mebibytes << 20);
        responder = LoopbackFtpResponder.start(file.path(), LoopbackFtpResponder.Content.FILE_ONLY, placement);
        ftpflux = LoopbackClients.session(LoopbackClients.ftpflux(responder.port(), "bench"));
        commonsNetDefault = LoopbackClients.commonsNet(responder.port(), "bench", LoopbackClients.DEFAULT_BUFFER);
        commonsNet64k = LoopbackClients.commonsNet(responder.port(), "bench", BUFFER_SIZE);
        for (int i = 0; i < BUFFER_SIZE; i++) {
            block.put(i, (byte) (i % 251));
        }
    }

    /**
     * Logs the clients out, stops the responder, deletes the file and releases the CPU split.
     *
     * @throws IOException if a client fails to log out or the file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        try {
            if (ftpflux != null) {
                ftpflux.close().block(LoopbackClients.TIMEOUT);
            }
            if (commonsNetDefault != null) {
                LoopbackClients.close(commonsNetDefault);
            }
            if (commonsNet64k != null) {
                LoopbackClients.close(commonsNet64k);
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
     * Sends the file over a plain TCP connection with {@code FileChannel.transferTo}, no FTP, and waits for the
     * server's count of the bytes it received.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes the server received
     * @throws IOException if the connection fails
     */
    @Benchmark
    public long rawTransferTo(TransferBenchmark.Rate rate, TransferBenchmark.ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        long received;
        try (SocketChannel channel = SocketChannel.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), responder().rawSinkPort()));
                FileChannel source = FileChannel.open(file().path(), StandardOpenOption.READ)) {
            long size = source.size();
            for (long sent = 0; sent < size; ) {
                sent += source.transferTo(sent, size - sent, channel);
            }
            channel.shutdownOutput();
            ByteBuffer count = ByteBuffer.allocate(Long.BYTES);
            while (count.hasRemaining() && channel.read(count) >= 0) {
                // The server answers once it read the whole upload.
            }
            if (count.hasRemaining()) {
                throw new IOException("the raw sink closed without a count");
            }
            received = count.flip().getLong();
        }
        return rate.add(cpu.add(start, verified("raw transferTo", received)));
    }

    /**
     * Uploads the file with ftpflux's {@code upload(path, Path)}: zero-copy, the kernel sends the file.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes stored
     */
    @Benchmark
    public long ftpfluxUploadFile(TransferBenchmark.Rate rate, TransferBenchmark.ClientCpu cpu) {
        long start = cpu.clientNanos();
        UploadResult result = ftpflux().upload(REMOTE_NAME, file().path()).block(LoopbackClients.TIMEOUT);
        if (result == null) {
            throw new IllegalStateException("ftpflux upload completed without a result");
        }
        return rate.add(cpu.add(start, verified("ftpflux upload(path, Path)", result.bytes())));
    }

    /**
     * Uploads the file's size with ftpflux's {@code upload(path, Publisher<ByteBuf>)} from a stream of 64 KiB
     * buffers in memory, each a view of the same direct block (a source that costs next to nothing, so that the
     * row measures the upload path).
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes sent
     */
    @Benchmark
    public long ftpfluxUploadBuffers(TransferBenchmark.Rate rate, TransferBenchmark.ClientCpu cpu) {
        long start = cpu.clientNanos();
        long size = file().size();
        int whole = (int) (size / BUFFER_SIZE);
        int rest = (int) (size % BUFFER_SIZE);
        Flux<ByteBuf> buffers = Flux.range(0, whole + (rest > 0 ? 1 : 0))
                .map(i -> Unpooled.wrappedBuffer(block.duplicate().limit(i < whole ? BUFFER_SIZE : rest)));
        Long sent = ftpflux().upload(REMOTE_NAME, buffers).block(LoopbackClients.TIMEOUT);
        if (sent == null) {
            throw new IllegalStateException("ftpflux upload completed without a count");
        }
        return rate.add(cpu.add(start, verified("ftpflux upload(path, Publisher)", sent)));
    }

    /**
     * Uploads the file with Commons Net's {@code storeFile} from a {@code FileInputStream}, its defaults.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes the server received
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long commonsNetStoreFile(TransferBenchmark.Rate rate, TransferBenchmark.ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        return rate.add(cpu.add(start, storeFile("Commons Net storeFile", commonsNetDefault)));
    }

    /**
     * Uploads the file with Commons Net's {@code storeFile} after {@code setBufferSize(64 KiB)}.
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes the server received
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long commonsNetStoreFile64k(TransferBenchmark.Rate rate, TransferBenchmark.ClientCpu cpu)
            throws IOException {
        long start = cpu.clientNanos();
        return rate.add(cpu.add(start, storeFile("Commons Net storeFile, 64 KiB buffers", commonsNet64k)));
    }

    private long storeFile(String who, @Nullable FTPClient client) throws IOException {
        if (client == null) {
            throw new IllegalStateException("the trial was not set up");
        }
        try (InputStream in = Files.newInputStream(file().path())) {
            if (!client.storeFile(REMOTE_NAME, in)) {
                throw new IOException(who + " failed: " + client.getReplyString());
            }
        }
        Matcher received = RECEIVED.matcher(client.getReplyString());
        if (!received.find()) {
            throw new IOException(who + ": the server did not say what it received: " + client.getReplyString());
        }
        return verified(who, Long.parseLong(received.group(1)));
    }

    private long verified(String who, long bytes) {
        if (bytes != file().size()) {
            throw new IllegalStateException(who + " stored " + bytes + " bytes, the file has " + file().size());
        }
        return bytes;
    }

    private TmpfsFile file() {
        return require(file);
    }

    private LoopbackFtpResponder responder() {
        return require(responder);
    }

    private FtpSession ftpflux() {
        return require(ftpflux);
    }

    private static <T> T require(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("the trial was not set up");
        }
        return value;
    }
}
