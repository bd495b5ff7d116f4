package io.ftpflux.benchmarks;

import io.ftpflux.reactive.DownloadResult;
import java.nio.file.Path;
import java.nio.file.Files;
import java.io.OutputStream;
import java.io.FileOutputStream;
import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.reactive.FtpSession;
import io.netty.buffer.ByteBuf;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.jspecify.annotations.Nullable;

/**
 * What the download benchmarks share: a generated file in tmpfs, a {@link LoopbackFtpResponder} serving it, and an
 * ftpflux session and a Commons Net client, both logged in, both in passive binary mode; with
 * {@link #startWithTls}, also a session of ftpflux's blocking facade and, over explicit FTPS with {@code PROT P},
 * an ftpflux session and a Commons Net {@code FTPSClient}.
 */
final class DownloadFixture implements Closeable {

    static final String FILE_NAME = "download.bin";
    /** The read size of the raw baseline and of the Commons Net stream loop. */
    static final int READ_SIZE = 64 * 1024;
    private static final String USER = "bench";
    private static final Duration TIMEOUT = LoopbackClients.TIMEOUT;

    private final Optional<CpuPlacement> placement;
    private final TmpfsFile file;
    private final LoopbackFtpResponder responder;
    /** Undoes the setup, last step first. */
    private final Deque<Step> undo;
    private final FtpSession ftpflux;
    private final FTPClient commonsNet;
    private final @Nullable BlockingFtpSession blocking;
    private final @Nullable FtpSession ftpfluxTls;
    private final @Nullable FTPSClient commonsNetTls;
    private final @Nullable SSLContext rawTlsContext;

    private DownloadFixture(Setup setup) {
        this.placement = setup.placement;
        this.file = require(setup.file);
        this.responder = require(setup.responder);
        this.undo = setup.undo;
        this.ftpflux = require(setup.ftpflux);
        this.commonsNet = require(setup.commonsNet);
        this.blocking = setup.blocking;
        this.ftpfluxTls = setup.ftpfluxTls;
        this.commonsNetTls = setup.commonsNetTls;
        this.rawTlsContext = setup.rawTlsContext;
    }

    /**
     * Splits the CPUs (see {@link CpuPlacement}), creates the file, starts the responder, logs both clients in;
     * undoes what it did if a step fails. The split comes first, so that the clients' event loops, started by the
     * first connection, run on the client CPUs.
     */
    static DownloadFixture start(int mebibytes) throws IOException {
        return start(mebibytes, false);
    }

    /**
     * As {@link #start(int)}, with a responder that speaks FTPS too, and a blocking session, an ftpflux FTPS session
     * and a Commons Net {@code FTPSClient} logged in besides.
     */
    static DownloadFixture startWithTls(int mebibytes) throws IOException {
        return start(mebibytes, true);
    }

    private static DownloadFixture start(int mebibytes, boolean tls) throws IOException {
        Setup setup = new Setup(CpuPlacement.split());
        try {
            setup.file = setup.undoing(TmpfsFile.create(FILE_NAME, (long) mebibytes << 20), TmpfsFile::close);
            setup.responder = setup.undoing(tls
                    ? LoopbackFtpResponder.startWithTls(setup.file.path(), setup.placement,
                            LoopbackCertificate.serverContext())
                    : LoopbackFtpResponder.start(setup.file.path(), setup.placement), LoopbackFtpResponder::close);
            int port = setup.responder.port();
            setup.ftpflux = setup.undoing(LoopbackClients.session(LoopbackClients.ftpflux(port, USER)),
                    session -> session.close().block(TIMEOUT));
            setup.commonsNet = setup.undoing(LoopbackClients.commonsNet(port, USER, LoopbackClients.DEFAULT_BUFFER),
                    LoopbackClients::close);
            if (tls) {
                setup.blocking = setup.undoing(LoopbackClients.blocking(port, USER), BlockingFtpSession::close);
                setup.ftpfluxTls = setup.undoing(LoopbackClients.session(LoopbackClients.ftpfluxTls(port, USER)),
                        session -> session.close().block(TIMEOUT));
                setup.commonsNetTls = setup.undoing(
                        LoopbackClients.commonsNetTls(port, USER, LoopbackClients.DEFAULT_BUFFER),
                        LoopbackClients::close);
                setup.rawTlsContext = LoopbackCertificate.clientContext();
            }
            return new DownloadFixture(setup);
        } catch (IOException | RuntimeException e) {
            try {
                undo(setup.undo);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    LoopbackFtpResponder responder() {
        return responder;
    }

    FTPClient commonsNet() {
        return commonsNet;
    }

    /** Downloads the file with ftpflux into a subscriber that counts each buffer and lets it go. */
    long ftpfluxDownload(ByteCounter counter) {
        return ftpfluxDownload("ftpflux", ftpflux, counter);
    }

    /** Downloads the file with ftpflux over FTPS, as {@link #ftpfluxDownload}. */
    long ftpfluxTlsDownload(ByteCounter counter) {
        return ftpfluxDownload("ftpflux over FTPS", require(ftpfluxTls), counter);
    }

    private long ftpfluxDownload(String who, FtpSession session, ByteCounter counter) {
        counter.total = 0;
        session.download(FILE_NAME).doOnNext(counter::add).then().block(TIMEOUT);
        return verified(who, counter.total);
    }

    /**
     * Downloads the file with ftpflux's {@code download(path, Path)}: into {@code target.part}, renamed to the
     * target once confirmed.
     */
    long ftpfluxDownloadToFile(Path target) throws IOException {
        DownloadResult result = ftpflux.download(FILE_NAME, target).block(TIMEOUT);
        if (result == null) {
            throw new IllegalStateException("ftpflux download(path, Path) completed without a result");
        }
        verified("ftpflux download(path, Path), reported", result.bytes());
        return verified("ftpflux download(path, Path), on disk", Files.size(target));
    }

    /** Downloads the file with Commons Net's {@code retrieveFile} into a new {@code FileOutputStream} on the target. */
    long commonsNetRetrieveFileToFile(Path target) throws IOException {
        try (OutputStream out = new FileOutputStream(target.toFile())) {
            if (!commonsNet.retrieveFile(FILE_NAME, out)) {
                throw new IOException("Commons Net retrieveFile failed: " + commonsNet.getReplyString());
            }
        }
        return verified("Commons Net retrieveFile to a file", Files.size(target));
    }

    /** Downloads the file with Commons Net's {@code retrieveFileStream}, read into {@code buffer}. */
    long commonsNetStream(byte[] buffer) throws IOException {
        return commonsNetStream("Commons Net stream", commonsNet, buffer);
    }

    /**
     * Downloads the file with Commons Net's {@code retrieveFileStream}, copied through {@code buffer} into a new
     * {@code FileOutputStream} on the target.
     */
    long commonsNetStreamToFile(byte[] buffer, Path target) throws IOException {
        try (OutputStream out = new FileOutputStream(target.toFile());
                InputStream in = commonsNet.retrieveFileStream(FILE_NAME)) {
            if (in == null) {
                throw new IOException("Commons Net stream to a file: retrieveFileStream failed: "
                        + commonsNet.getReplyString());
            }
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
        if (!commonsNet.completePendingCommand() || !FTPReply.isPositiveCompletion(commonsNet.getReplyCode())) {
            throw new IOException("Commons Net stream to a file: transfer not confirmed: "
                    + commonsNet.getReplyString());
        }
        return verified("Commons Net stream to a file", Files.size(target));
    }

    /** Downloads the file with Commons Net's {@code FTPSClient.retrieveFileStream}, read into {@code buffer}. */
    long commonsNetTlsStream(byte[] buffer) throws IOException {
        return commonsNetStream("Commons Net FTPS stream", require(commonsNetTls), buffer);
    }

    private long commonsNetStream(String who, FTPClient client, byte[] buffer) throws IOException {
        long read;
        try (InputStream in = client.retrieveFileStream(FILE_NAME)) {
            if (in == null) {
                throw new IOException(who + ": retrieveFileStream failed: " + client.getReplyString());
            }
            read = readAll(in, buffer);
        }
        if (!client.completePendingCommand() || !FTPReply.isPositiveCompletion(client.getReplyCode())) {
            throw new IOException(who + ": transfer not confirmed: " + client.getReplyString());
        }
        return verified(who, read);
    }

    /** Downloads the file with the blocking facade's {@code openInputStream}, read into {@code buffer}. */
    long blockingStream(byte[] buffer) throws IOException {
        long read;
        // Closing after the end waits for the 226 and throws a failure the reads have not thrown yet.
        try (InputStream in = require(blocking).openInputStream(FILE_NAME)) {
            read = readAll(in, buffer);
        }
        return verified("ftpflux blocking openInputStream", read);
    }

    /** Reads the file from the responder's raw TLS port, no FTP, verifying the host name as the FTPS rows do. */
    long rawTls(byte[] buffer) throws IOException {
        long read;
        try (SSLSocket socket = (SSLSocket) require(rawTlsContext).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress().getHostAddress(), responder.rawTlsPort())) {
            LoopbackCertificate.verifyHostName(socket);
            read = readAll(socket.getInputStream(), buffer);
        }
        return verified("raw TLS", read);
    }

    private static long readAll(InputStream in, byte[] buffer) throws IOException {
        long read = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            read += n;
        }
        return read;
    }

    /** Fails unless exactly the file's bytes arrived: a benchmark of a broken transfer measures nothing. */
    long verified(String who, long bytes) {
        if (bytes != file.size()) {
            throw new IllegalStateException(who + " transferred " + bytes + " bytes, the file has " + file.size());
        }
        return bytes;
    }

    /** Logs the clients out, stops the responder and deletes the file. */
    @Override
    public void close() throws IOException {
        undo(undo);
    }

    /** Runs every step, last first, even when one fails; throws the first failure. */
    private static void undo(Deque<Step> steps) throws IOException {
        IOException failure = null;
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Tells where the threads run.
     *
     * @return the CPU split, or empty when the threads run wherever the scheduler puts them
     */
    Optional<CpuPlacement> placement() {
        return placement;
    }

    private static <T> T require(@Nullable T part) {
        if (part == null) {
            throw new IllegalStateException("the fixture was started without this client (startWithTls)");
        }
        return part;
    }

    /** Counts the bytes of each buffer; Reactor Netty releases the buffer after {@code onNext}. */
    static final class ByteCounter {
        private long total;

        void add(ByteBuf buffer) {
            total += buffer.readableBytes();
        }
    }

    /** One step of undoing the setup. */
    private interface Step {
        void run() throws IOException;
    }

    /** One step of undoing the setup, given what the setup step made. */
    private interface Undo<T> {
        void run(T made) throws IOException;
    }

    /** What the setup has made so far, and how to undo it. */
    private static final class Setup {
        final Optional<CpuPlacement> placement;
        final Deque<Step> undo = new ArrayDeque<>();
        @Nullable TmpfsFile file;
        @Nullable LoopbackFtpResponder responder;
        @Nullable FtpSession ftpflux;
        @Nullable FTPClient commonsNet;
        @Nullable BlockingFtpSession blocking;
        @Nullable FtpSession ftpfluxTls;
        @Nullable FTPSClient commonsNetTls;
        @Nullable SSLContext rawTlsContext;

        Setup(Optional<CpuPlacement> placement) {
            this.placement = placement;
            placement.ifPresent(split -> undo.push(split::release));
        }

        <T> T undoing(T made, Undo<T> step) {
            undo.push(() -> step.run(made));
            return made;
        }
    }
}
