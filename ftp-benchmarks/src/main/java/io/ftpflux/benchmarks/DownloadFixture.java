package io.ftpflux.benchmarks;

import io.ftpflux.reactive.FtpSession;
import io.netty.buffer.ByteBuf;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * What the download benchmarks share: a generated file in tmpfs, a {@link LoopbackFtpResponder} serving it, and an
 * ftpflux session and a Commons Net client, both logged in, both in passive binary mode.
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
    private final FtpSession ftpflux;
    private final FTPClient commonsNet;

    private DownloadFixture(Optional<CpuPlacement> placement, TmpfsFile file, LoopbackFtpResponder responder,
            FtpSession ftpflux, FTPClient commonsNet) {
        this.placement = placement;
        this.file = file;
        this.responder = responder;
        this.ftpflux = ftpflux;
        this.commonsNet = commonsNet;
    }

    /**
     * Splits the CPUs (see {@link CpuPlacement}), creates the file, starts the responder, logs both clients in;
     * undoes what it did if a step fails. The split comes first, so that the clients' event loops, started by the
     * first connection, run on the client CPUs.
     */
    static DownloadFixture start(int mebibytes) throws IOException {
        Optional<CpuPlacement> placement = CpuPlacement.split();
        TmpfsFile file = null;
        LoopbackFtpResponder responder = null;
        FtpSession session = null;
        try {
            file = TmpfsFile.create(FILE_NAME, (long) mebibytes << 20);
            responder = LoopbackFtpResponder.start(file.path(), placement);
            session = LoopbackClients.session(LoopbackClients.ftpflux(responder.port(), USER));
            return new DownloadFixture(placement, file, responder, session,
                    LoopbackClients.commonsNet(responder.port(), USER, LoopbackClients.DEFAULT_BUFFER));
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close().block(TIMEOUT);
            }
            if (responder != null) {
                responder.close();
            }
            if (file != null) {
                file.close();
            }
            if (placement.isPresent()) {
                placement.get().release();
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
        counter.total = 0;
        ftpflux.download(FILE_NAME).doOnNext(counter::add).then().block(TIMEOUT);
        return verified("ftpflux", counter.total);
    }

    /** Downloads the file with Commons Net's {@code retrieveFileStream}, read into {@code buffer}. */
    long commonsNetStream(byte[] buffer) throws IOException {
        long read = 0;
        try (InputStream in = commonsNet.retrieveFileStream(FILE_NAME)) {
            if (in == null) {
                throw new IOException("Commons Net retrieveFileStream failed: " + commonsNet.getReplyString());
            }
            int n;
            while ((n = in.read(buffer)) >= 0) {
                read += n;
            }
        }
        if (!commonsNet.completePendingCommand() || !FTPReply.isPositiveCompletion(commonsNet.getReplyCode())) {
            throw new IOException("Commons Net transfer not confirmed: " + commonsNet.getReplyString());
        }
        return verified("Commons Net stream", read);
    }

    /** Fails unless exactly the file's bytes arrived: a benchmark of a broken transfer measures nothing. */
    long verified(String who, long bytes) {
        if (bytes != file.size()) {
            throw new IllegalStateException(who + " transferred " + bytes + " bytes, the file has " + file.size());
        }
        return bytes;
    }

    /** Logs both clients out, stops the responder and deletes the file. */
    @Override
    public void close() throws IOException {
        try {
            ftpflux.close().block(TIMEOUT);
            LoopbackClients.close(commonsNet);
        } finally {
            responder.close();
            file.close();
            if (placement.isPresent()) {
                placement.get().release();
            }
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

    /** Counts the bytes of each buffer; Reactor Netty releases the buffer after {@code onNext}. */
    static final class ByteCounter {
        private long total;

        void add(ByteBuf buffer) {
            total += buffer.readableBytes();
        }
    }
}
