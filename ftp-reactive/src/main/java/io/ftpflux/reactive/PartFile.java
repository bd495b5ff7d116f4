package io.ftpflux.reactive;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code .part} file a download writes before it becomes its target.
 *
 * <p>Buffers are written through an {@link AsynchronousFileChannel} straight from their memory
 * ({@link ByteBuf#nioBuffers()}), each at the position that follows the previous buffer, as it arrives. A few
 * writes may be in flight at once (the caller bounds how many, {@link #MAX_WRITES_IN_FLIGHT}), so that the network
 * and the disk work at the same time; a slow disk still slows the data connection down instead of filling
 * memory. Opening, truncating, closing and renaming block, so they run on {@link Schedulers#boundedElastic()},
 * never on an event loop.
 *
 * <p>Buffers come in order from one transfer; {@link #close()} and {@link #abandon(boolean)} wait for every write
 * in flight. Since writes may complete out of order, a failed write leaves the file trusted only up to where that
 * write began, and {@link #abandon(boolean)} cuts it there.
 */
final class PartFile {

    /** The suffix of the file a download writes until the server confirmed it. */
    static final String SUFFIX = ".part";

    /** How many buffers a download may have on their way to the disk: enough to overlap network and disk. */
    static final int MAX_WRITES_IN_FLIGHT = 8;

    private final Path target;
    private final Path part;
    private final AsynchronousFileChannel channel;
    private final long existingBytes;
    // Written by one transfer at a time, in order: startAt, then writes; read once the transfer is over.
    private volatile long startOffset;
    private volatile long position;
    private final Set<CompletableFuture<Void>> writesInFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong firstFailedWrite = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean closing;

    private PartFile(Path target, Path part, AsynchronousFileChannel channel, long existingBytes) {
        this.target = target;
        this.part = part;
        this.channel = channel;
        this.existingBytes = existingBytes;
    }

    /**
     * Returns the part file of a download target: the same name with {@value #SUFFIX} appended.
     *
     * @param target the download target
     * @return its part file, next to it
     * @throws IllegalArgumentException if the target has no file name
     */
    static Path partOf(Path target) {
        Path name = target.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("a download target needs a file name: " + target);
        }
        return target.resolveSibling(name + SUFFIX);
    }

    /**
     * Opens the part file of a target, creating it; without {@code resume}, whatever it held is dropped.
     *
     * @param target the download target
     * @param options whether the target may be replaced, and whether the part file is kept
     * @return the open part file
     */
    static Mono<PartFile> open(Path target, DownloadOptions options) {
        return blocking(() -> {
            Path part = partOf(target);
            if (!options.overwrite() && Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "the download target exists and DownloadOptions.overwrite is off");
            }
            Set<OpenOption> openOptions = options.resume()
                    ? Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                    : Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            AsynchronousFileChannel channel = AsynchronousFileChannel.open(part, openOptions, null);
            try {
                return new PartFile(target, part, channel, channel.size());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        });
    }

    /**
     * Returns how many bytes the part file held when it was opened.
     *
     * @return the length of an earlier attempt's data, 0 for a new file or without resume
     */
    long existingBytes() {
        return existingBytes;
    }

    /**
     * Sets where the transfer's first byte goes; the bytes after it, if any, are dropped.
     *
     * @param offset the offset, at most {@link #existingBytes()}
     * @return completes when the file is ready
     */
    Mono<Void> startAt(long offset) {
        startOffset = offset;
        position = offset;
        return offset == existingBytes ? Mono.empty() : blocking(() -> channel.truncate(offset)).then();
    }

    /**
     * Writes a borrowed buffer after the previous one, possibly while earlier ones are still being written. The
     * buffer is retained until its bytes are written.
     *
     * @param buffer the bytes, borrowed for the duration of this call
     * @return completes once every byte is written
     */
    Mono<Void> write(ByteBuf buffer) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        // Registered before closing is read, so that a close either sees this write or this write sees it.
        writesInFlight.add(written);
        if (closing) {
            writesInFlight.remove(written);
            return Mono.error(new ClosedChannelException());
        }
        long at = position;
        position = at + buffer.readableBytes();
        new BufferWrite(buffer.retain(), at, written).next();
        // The write cannot be withdrawn once started: cancelling the returned Mono must not pretend it was.
        return Mono.fromFuture(written, true);
    }

    /**
     * Returns the bytes written since {@link #startAt(long)}.
     *
     * @return the transferred byte count
     */
    long transferred() {
        return position - startOffset;
    }

    /**
     * Returns the offset the transfer started at.
     *
     * @return the offset given to {@link #startAt(long)}
     */
    long startOffset() {
        return startOffset;
    }

    /**
     * Waits for the writes in flight, then closes the file, complete: {@link #moveToTarget(boolean)} comes next.
     *
     * @return completes when the file is closed
     */
    Mono<Void> close() {
        return afterWrites(() -> {
            channel.close();
            return part;
        });
    }

    /**
     * Waits for the writes in flight, then closes the file after a failure, keeping what can be resumed: the
     * file is cut where the first failed write began, if one failed. A part file left empty is deleted, as it
     * holds nothing to resume.
     *
     * @param untrusted {@code true} when the transferred bytes cannot be trusted (a failed size check): the file
     *     is cut back to {@link #startOffset()}
     * @return completes when the file is closed
     */
    Mono<Void> abandon(boolean untrusted) {
        return afterWrites(() -> {
            long length;
            try (AsynchronousFileChannel closed = channel) {
                long trusted = untrusted ? startOffset : firstFailedWrite.get();
                if (closed.size() > trusted) {
                    closed.truncate(trusted);
                }
                length = closed.size();
            }
            if (length == 0) {
                Files.deleteIfExists(part);
            }
            return part;
        });
    }

    private Mono<Void> afterWrites(IoCall<Path> closing) {
        this.closing = true;
        CompletableFuture<Void> allWritten = CompletableFuture.allOf(writesInFlight.toArray(CompletableFuture[]::new));
        return Mono.fromFuture(allWritten, true)
                .onErrorResume(failedWrite -> Mono.empty())
                .then(blocking(closing))
                .then();
    }

    /**
     * Renames the closed part file to the target.
     *
     * @param overwrite {@code true} to replace an existing target
     * @return completes when the target holds the downloaded file
     */
    Mono<Void> moveToTarget(boolean overwrite) {
        return blocking(() -> {
            if (!overwrite) {
                // Atomic renames replace the target on POSIX systems, so they cannot honour "no overwrite".
                return Files.move(part, target);
            }
            try {
                return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }).then();
    }

    private static <T> Mono<T> blocking(IoCall<T> call) {
        return Mono.fromCallable(call::call).subscribeOn(Schedulers.boundedElastic());
    }

    /** A file operation that may fail with an {@link IOException}. */
    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }

    /** Writes one buffer's memory, region by region, each until it is all written; then releases the buffer. */
    private final class BufferWrite implements CompletionHandler<Integer, Void> {
        private final ByteBuf buffer;
        private final ByteBuffer[] regions;
        private final CompletableFuture<Void> done;
        private final long start;
        private long at;
        private int region;

        BufferWrite(ByteBuf buffer, long start, CompletableFuture<Void> done) {
            this.buffer = buffer;
            this.regions = buffer.nioBuffers();
            this.start = start;
            this.at = start;
            this.done = done;
        }

        void next() {
            while (region < regions.length && !regions[region].hasRemaining()) {
                region++;
            }
            if (region == regions.length) {
                buffer.release();
                writesInFlight.remove(done);
                done.complete(null);
                return;
            }
            try {
                channel.write(regions[region], at, null, this);
            } catch (RuntimeException e) {
                failed(e, null);
            }
        }

        @Override
        public void completed(Integer written, Void ignored) {
            at += written;
            next();
        }

        @Override
        public void failed(Throwable error, Void ignored) {
            buffer.release();
            firstFailedWrite.accumulateAndGet(start, Math::min);
            writesInFlight.remove(done);
            done.completeExceptionally(error);
        }
    }
}
