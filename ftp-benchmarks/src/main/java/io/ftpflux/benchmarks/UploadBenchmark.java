package io.ftpflux.benchmarks;

import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.reactive.FtpSession;
import io.ftpflux.reactive.UploadResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;
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
 * data connection), side by side: the raw TCP baseline, ftpflux from a file and from a stream of buffers, its
 * blocking facade's output stream, and Apache Commons Net's {@code storeFile} with its default buffers and with
 * 64 KiB ones; and over explicit FTPS with {@code PROT P} (RFC 4217, the JDK's TLS on both sides): the raw TLS
 * baseline, ftpflux from a file and from buffers, and Commons Net's {@code FTPSClient} with 64 KiB buffers (TLS
 * 1.2), whose method names hold {@code Tls}.
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
    private @Nullable BlockingFtpSession blocking;
    private @Nullable FtpSession ftpfluxTls;
    private @Nullable FTPSClient commonsNetTls64k;
    private @Nullable SSLContext rawTlsContext;
    /** What the stream rows read the file into: the blocking facade's output stream and the raw TLS baseline. */
    private final byte[] sourceBuffer = new byte[BUFFER_SIZE];
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
        responder = LoopbackFtpResponder.startWithTls(file.path(), placement, LoopbackCertificate.serverContext());
        ftpflux = LoopbackClients.session(LoopbackClients.ftpflux(responder.port(), "bench"));
        commonsNetDefault = LoopbackClients.commonsNet(responder.port(), "bench", LoopbackClients.DEFAULT_BUFFER);
        commonsNet64k = LoopbackClients.commonsNet(responder.port(), "bench", BUFFER_SIZE);
        blocking = LoopbackClients.blocking(responder.port(), "bench");
        ftpfluxTls = LoopbackClients.session(LoopbackClients.ftpfluxTls(responder.port(), "bench"));
        // TLS 1.2: under TLS 1.3 the server sends session tickets after the handshake, which FTPSClient never reads on
        // an upload's data connection; closing it with them unread makes the kernel reset the connection, and the
        // reset can discard the upload's last bytes before the server has read them (426 every few 1 MiB uploads).
        commonsNetTls64k = LoopbackClients.commonsNetTls(responder.port(), "bench", BUFFER_SIZE, "TLSv1.2");
        rawTlsContext = LoopbackCertificate.clientContext();
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
            if (blocking != null) {
                blocking.close();
            }
            if (ftpfluxTls != null) {
                ftpfluxTls.close().block(LoopbackClients.TIMEOUT);
            }
            if (commonsNetTls64k != null) {
                LoopbackClients.close(commonsNetTls64k);
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
        return rate.add(cpu.add(start, uploadBuffers("ftpflux upload(path, Publisher)", ftpflux())));
    }

    /** Uploads the file's size from views of the one 64 KiB block; returns the count sent, which the 226 confirmed. */
    private long uploadBuffers(String who, FtpSession session) {
        long size = file().size();
        int whole = (int) (size / BUFFER_SIZE);
        int rest = (int) (size % BUFFER_SIZE);
        Flux<ByteBuf> buffers = Flux.range(0, whole + (rest > 0 ? 1 : 0))
                .map(i -> Unpooled.wrappedBuffer(block.duplicate().limit(i < whole ? BUFFER_SIZE : rest)));
        Long sent = session.upload(REMOTE_NAME, buffers).block(LoopbackClients.TIMEOUT);
        if (sent == null) {
            throw new IllegalStateException(who + " completed without a count");
        }
        return verified(who, sent);
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

    /**
     * Uploads the file with the blocking facade's {@code BlockingFtpSession.openOutputStream}, written in 64 KiB
     * pieces read from a {@code FileInputStream}, then closed (which waits for the 226).
     *
     * @param rate the transfer rate counter
     * @param cpu the client CPU counters
     * @return the bytes the server received
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long blockingOutputStream64k(TransferBenchmark.Rate rate, TransferBenchmark.ClientCpu cpu)
            throws IOException {
        long start = cpu.clientNanos();
        try (InputStream in = Files.newInputStream(file().path());
                OutputStream out = Trial.require(blocking).openOutputStream(REMOTE_NAME)) {
            int read;
            while ((read = in.read(sourceBuffer)) >= 0) {
                out.write(sourceBuffer, 0, read);
            }
        }
        return rate.add(cpu.add(start, verified("ftpflux blocking openOutputStream", responder().lastStoredBytes())));
    }

    /**
     * Sends the file over a TLS connection, no FTP: the JDK's {@code SSLSocket} with the FTPS rows' trust and host
     * name verification, a new handshake per upload, the file read into a 64 KiB buffer and written; then ends its
     * output (TLS 1.3 {@code close_notify}, RFC 8446 §6.1) and waits for the server's count.
     *
     * @param rate the transfer rate counter
     * @param cpu the client and server CPU counters
     * @return the bytes the server received
     * @throws IOException if the connection or the handshake fails
     */
    @Benchmark
    public long rawTlsWrite(TransferBenchmark.Rate rate, TransferBenchmark.ClientCpu cpu) throws IOException {
        long start = cpu.clientNanos();
        long received;
        try (SSLSocket socket = (SSLSocket) Trial.require(rawTlsContext).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress().getHostAddress(), responder().rawTlsSinkPort());
                FileChannel source = FileChannel.open(file().path(), StandardOpenOption.READ)) {
            LoopbackCertificate.verifyHostName(socket);
            OutputStream out = socket.getOutputStream();
            ByteBuffer chunk = ByteBuffer.wrap(sourceBuffer);
            int read;
            while ((read = source.read(chunk.clear())) >= 0) {
                out.write(sourceBuffer, 0, read);
            }
            socket.shutdownOutput();
            byte[] count = socket.getInputStream().readNBytes(Long.BYTES);
            if (count.length < Long.BYTES) {
                throw new IOException("the raw TLS sink closed without a count");
            }
            received = ByteBuffer.wrap(count).getLong();
        }
        return rate.add(cpu.add(start, verified("raw TLS", received)));
    }

    /**
     * Uploads the file with ftpflux's {@code upload(path, Path)} over explicit FTPS, {@code PROT P}: TLS leaves no
     * zero-copy path, so Reactor Netty's {@code sendFile} reads the file in chunks that the TLS handler encrypts.
     *
     * @param rate the transfer rate counter
     * @param cpu the client and server CPU counters
     * @param tls the data connections' resumption counters
     * @return the bytes stored
     */
    @Benchmark
    public long ftpfluxTlsUploadFile(TransferBenchmark.Rate rate, TransferBenchmark.ClientCpu cpu,
            TransferBenchmark.DataTls tls) {
        long start = cpu.clientNanos();
        tls.start(responder());
        UploadResult result = Trial.require(ftpfluxTls).upload(REMOTE_NAME, file().path()).block(LoopbackClients.TIMEOUT);
        if (result == null) {
            throw new IllegalStateException("ftpflux FTPS upload completed without a result");
        }
        return rate.add(cpu.add(start, tls.add(responder(), verified("ftpflux FTPS upload(path, Path)",
                result.bytes()))));
    }

    /**
     * Uploads the file's size with ftpflux's {@code upload(path, Publisher<ByteBuf>)} over explicit FTPS,
     * {@code PROT P}, from the 64 KiB buffers of {@link #ftpfluxUploadBuffers}: the engine's TLS path without a file.
     *
     * @param rate the transfer rate counter
     * @param cpu the client and server CPU counters
     * @param tls the data connections' resumption counters
     * @return the bytes sent
     */
    @Benchmark
    public long ftpfluxTlsUploadBuffers(TransferBenchmark.Rate rate, TransferBenchmark.ClientCpu cpu,
            TransferBenchmark.DataTls tls) {
        long start = cpu.clientNanos();
        tls.start(responder());
        long sent = uploadBuffers("ftpflux FTPS upload(path, Publisher)", Trial.require(ftpfluxTls));
        return rate.add(cpu.add(start, tls.add(responder(), sent)));
    }

    /**
     * Uploads the file with Commons Net's {@code FTPSClient} (explicit, {@code PROT P}, TLS 1.2): {@code storeFile}
     * from a {@code FileInputStream} after {@code setBufferSize(64 KiB)}, its faster setup in the clear.
     *
     * @param rate the transfer rate counter
     * @param cpu the client and server CPU counters
     * @param tls the data connections' resumption counters
     * @return the bytes the server received
     * @throws IOException if the transfer fails
     */
    @Benchmark
    public long commonsNetTlsStoreFile64k(TransferBenchmark.Rate rate, TransferBenchmark.ClientCpu cpu,
            TransferBenchmark.DataTls tls) throws IOException {
        long start = cpu.clientNanos();
        tls.start(responder());
        long received = storeFile("Commons Net FTPSClient storeFile, 64 KiB buffers", commonsNetTls64k);
        return rate.add(cpu.add(start, tls.add(responder(), received)));
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
        return Trial.require(file);
    }

    private LoopbackFtpResponder responder() {
        return Trial.require(responder);
    }

    private FtpSession ftpflux() {
        return Trial.require(ftpflux);
    }

}
