package io.ftpflux.blocking;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * An upload (RFC 959 §4.1.3 STOR or APPE) written as an {@link OutputStream}: the caller's thread copies the bytes
 * into pooled buffers of {@value #CHUNK} bytes and hands each to the engine only when the engine asked for one, so
 * a slow server holds the writer back instead of filling memory.
 *
 * <p>The stream is the engine's source publisher. The engine subscribes after the server's 1yz reply, and asks for
 * buffers from its event loop; that side never blocks (a counter and a semaphore permit). The writer parks on the
 * semaphore through {@link Await#permit}, for at most the timeout per wait. Not thread-safe: one writer at a time.
 *
 * @param <R> what the upload yields once the server confirmed it
 */
final class UploadStream<R> extends OutputStream implements Publisher<ByteBuf>, Subscription, Occupant {

    /** Bytes per buffer handed to the engine: large enough for full-size TCP writes. */
    static final int CHUNK = 64 * 1024;

    private final Duration timeout;
    private final String what;
    private final AtomicReference<@Nullable Subscriber<? super ByteBuf>> subscriber = new AtomicReference<>();
    private final AtomicLong demand = new AtomicLong();
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean cancelled;
    private CompletableFuture<R> result = new CompletableFuture<>();
    private @Nullable ByteBuf pending;
    private @Nullable Throwable reported;
    private boolean closed;

    private UploadStream(Duration timeout, String what) {
        this.timeout = timeout;
        this.what = what;
    }

    /**
     * Starts an upload with this stream as its source and waits until the server is ready for the data (its 1yz
     * reply), so that a refusal is thrown here.
     *
     * @param upload the engine's upload of a source
     */
    static <R> UploadStream<R> open(Function<Publisher<ByteBuf>, Mono<R>> upload, Duration timeout, String what)
            throws IOException {
        Await.requireBlockingThread(what);
        UploadStream<R> stream = new UploadStream<>(timeout, what);
        stream.result = upload.apply(stream).toFuture();
        stream.result.whenComplete((value, error) -> stream.signal.release());
        try {
            while (stream.subscriber.get() == null && !stream.result.isDone()) {
                stream.await();
            }
        } catch (RuntimeException timeoutOrInterrupt) {
            stream.result.cancel(false);
            throw timeoutOrInterrupt;
        }
        if (stream.subscriber.get() == null) {
            stream.closed = true;
            Await.result(stream.result, timeout, what);   // throws the refusal
            throw new FtpProtocolException("the server confirmed " + what + " before any data was sent");
        }
        return stream;
    }

    // The engine's side, on its event loop.

    @Override
    public void subscribe(Subscriber<? super ByteBuf> s) {
        if (!subscriber.compareAndSet(null, s)) {
            Operators.error(s, new IllegalStateException(what + " accepts one subscriber"));
            return;
        }
        s.onSubscribe(this);
        signal.release();
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            demand.getAndUpdate(current -> Operators.addCap(current, n));
            signal.release();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        signal.release();
    }

    // The writer's side, on the caller's thread.

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        ByteBuf buffer = buffer();
        buffer.writeByte(b);
        if (!buffer.isWritable()) {
            emit();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        int written = 0;
        while (written < length) {
            ByteBuf buffer = buffer();
            int count = Math.min(length - written, buffer.writableBytes());
            buffer.writeBytes(bytes, offset + written, count);
            written += count;
            if (!buffer.isWritable()) {
                emit();
            }
        }
    }

    /**
     * Copies an input stream to the end, reading straight into the pooled buffers on the caller's thread.
     *
     * @throws IOException if the input fails; the upload is then aborted
     */
    void writeAll(InputStream input) throws IOException {
        ensureOpen();
        while (true) {
            ByteBuf buffer = buffer();
            int count;
            try {
                count = buffer.writeBytes(input, buffer.writableBytes());
            } catch (IOException | RuntimeException failed) {
                abort(failed);
                throw failed;
            }
            if (count < 0) {
                return;
            }
            if (!buffer.isWritable()) {
                emit();
            }
        }
    }

    /** Hands what was written so far to the engine; the server may still hold it back until the upload ends. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        ByteBuf buffer = pending;
        if (buffer != null && buffer.isReadable()) {
            emit();
        }
    }

    /**
     * Ends the upload and waits for the server's confirmation (226 or 250): a refusal after the data (a 451 or
     * 552, say) is thrown here as the {@code io.ftpflux.core} exception. A failure a write already threw is not
     * thrown again.
     */
    @Override
    public void close() throws IOException {
        finish();
    }

    /**
     * Closes the stream and returns what the upload yields.
     *
     * @return the upload's result, or {@code null} if the stream was closed before or a write failed
     */
    @Nullable R finish() throws IOException {
        if (closed) {
            return null;
        }
        try {
            ByteBuf buffer = pending;
            if (buffer != null && buffer.isReadable()) {
                emit();
            }
            closed = true;
            releasePending();
            if (!cancelled && !result.isDone()) {
                Objects.requireNonNull(subscriber.get(), "subscribed in open()").onComplete();
            }
            return Await.result(result, timeout, what);
        } catch (IOException | RuntimeException | Error failed) {
            closed = true;
            releasePending();
            if (failed != reported) {   // else emit() aborted already
                abort(failed);
            }
            throw failed;
        }
    }

    @Override
    public boolean finished() {
        return closed;
    }

    @Override
    public void abandon() {
        if (!closed) {
            abort(new FtpConnectionException("the session was closed while " + what + " was still being written", null));
        }
    }

    /**
     * Cancels the upload: the engine resets the data connection at once, so that the server does not take the part
     * for the file, and consumes the final reply before the session's next operation.
     */
    private void abort(Throwable cause) {
        closed = true;
        reported = cause;
        releasePending();
        result.cancel(false);
    }

    /** Hands the pending buffer to the engine once it asked for one. */
    private void emit() throws IOException {
        try {
            while (true) {
                if (cancelled || result.isDone()) {
                    throw endedEarly();
                }
                long wanted = demand.get();
                if (wanted > 0) {
                    if (wanted == Long.MAX_VALUE || demand.compareAndSet(wanted, wanted - 1)) {
                        break;
                    }
                    continue;
                }
                await();
            }
        } catch (IOException | RuntimeException failed) {
            abort(failed);
            throw failed;
        }
        ByteBuf buffer = Objects.requireNonNull(pending);
        pending = null;
        Objects.requireNonNull(subscriber.get(), "subscribed in open()").onNext(buffer);
    }

    /** Why the engine stopped taking data: the upload's failure, once it is known. */
    private FtpProtocolException endedEarly() throws IOException {
        Await.result(result, timeout, what);
        return new FtpProtocolException("the server ended " + what + " before all the data was sent");
    }

    private void await() {
        Await.permit(signal, timeout, "the server to take more data of " + what);
    }

    private ByteBuf buffer() {
        ByteBuf buffer = pending;
        if (buffer == null) {
            buffer = ByteBufAllocator.DEFAULT.buffer(CHUNK);
            pending = buffer;
        }
        return buffer;
    }

    private void releasePending() {
        ByteBuf buffer = pending;
        pending = null;
        if (buffer != null) {
            buffer.release();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the upload stream of " + what + " is closed");
        }
    }
}
