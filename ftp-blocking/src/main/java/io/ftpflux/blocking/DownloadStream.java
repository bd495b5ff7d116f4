package io.ftpflux.blocking;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * A download (RFC 959 §4.1.3 RETR) read as an {@link InputStream}, over the engine's stream of buffers.
 *
 * <p>At most {@value #PREFETCH} network buffers are held (retained from the engine's borrowed ones, released as they
 * are read or on close), and one more is asked for only as one is read: a slow reader holds the server back through
 * TCP instead of filling memory. Not thread-safe: one reader at a time.
 */
final class DownloadStream extends InputStream implements Occupant {

    /** Buffers requested ahead of the reader: enough to keep the connection busy, few enough to bound memory. */
    static final int PREFETCH = 8;

    private final Pull<ByteBuf> buffers;
    private final Runnable resynchronize;
    private @Nullable ByteBuf current;
    private boolean closed;

    private DownloadStream(Pull<ByteBuf> buffers, Runnable resynchronize) {
        this.buffers = buffers;
        this.resynchronize = resynchronize;
    }

    /**
     * Starts the download and waits for its first bytes, or its end, so that a refusal is thrown here.
     *
     * @param download the engine's download
     * @param resynchronize waits until the session is back in step after an aborted transfer
     */
    static DownloadStream open(Flux<ByteBuf> download, Duration timeout, String what, Runnable resynchronize)
            throws IOException {
        Pull<ByteBuf> buffers = Pull.of(download, PREFETCH, timeout, what, ByteBuf::retain, ByteBuf::release);
        try {
            buffers.awaitFirst();
        } catch (IOException | RuntimeException failed) {
            buffers.cancel();
            throw failed;
        }
        return new DownloadStream(buffers, resynchronize);
    }

    @Override
    public int read() throws IOException {
        ByteBuf buffer = readable();
        return buffer == null ? -1 : buffer.readUnsignedByte();
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        ByteBuf buffer = readable();
        if (buffer == null) {
            return -1;
        }
        int count = Math.min(length, buffer.readableBytes());
        buffer.readBytes(bytes, offset, count);
        return count;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        ByteBuf buffer = current;
        return buffer == null ? 0 : buffer.readableBytes();
    }

    /**
     * Ends the download. After the end of the file, throws a failure the reads did not report yet (a 426 or 451
     * after the last byte, say); before it, aborts the transfer (the engine closes the data connection and consumes
     * the final reply) and waits until the session is back in step, throwing only if it is not.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        releaseCurrent();
        Throwable unreported = buffers.unreportedFailure();
        if (buffers.cancel()) {
            resynchronize.run();
        } else if (unreported != null) {
            throw Await.propagate(unreported, "the download");
        }
    }

    @Override
    public boolean finished() {
        return closed;
    }

    @Override
    public void abandon() {
        if (!closed) {
            closed = true;
            releaseCurrent();
            buffers.cancel();
        }
    }

    /** The buffer to read from, taking the next one when the current one is used up; {@code null} at the end. */
    private @Nullable ByteBuf readable() throws IOException {
        ensureOpen();
        ByteBuf buffer = current;
        while (buffer == null || !buffer.isReadable()) {
            releaseCurrent();
            buffer = buffers.next();
            if (buffer == null) {
                return null;
            }
            current = buffer;
        }
        return buffer;
    }

    private void releaseCurrent() {
        ByteBuf buffer = current;
        current = null;
        if (buffer != null) {
            buffer.release();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the download stream is closed");
        }
    }
}
