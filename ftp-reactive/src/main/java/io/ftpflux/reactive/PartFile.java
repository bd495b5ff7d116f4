package io.ftpflux.reactive;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code .part} file a download writes before it becomes its target.
 *
 * <p>Buffers are queued as they arrive, retained, and written in order by one writer at a time on
 * {@link Schedulers#boundedElastic()}, never on an event loop: whatever has arrived while the writer was busy goes to
 * the disk in one gathering write, straight from the buffers' memory ({@link ByteBuf#nioBuffers()}). A few buffers
 * may be queued at once (the caller bounds how many, {@link #MAX_WRITES_IN_FLIGHT}), so that the network and the
 * disk work at the same time; a slow disk still slows the data connection down instead of filling memory. (An
 * {@code AsynchronousFileChannel} wrote each network buffer as a task of its own, a thread hand-off per 64 KiB,
 * which held a download to a file in tmpfs to about two thirds of the rate of a plain read-and-write loop.)
 * Opening, truncating, closing and renaming block too, so they run there as well.
 *
 * <p>Buffers come in order from one transfer; {@link #close()} and {@link #abandon(boolean)} wait for every queued
 * write. Writes happen in order, so a failed write leaves the file trusted up to where it began, and
 * {@link #abandon(boolean)} cuts it there; every write queued after a failure fails too.
 */
final class PartFile {

    /** The suffix of the file a download writes until the server confirmed it. */
    static final String SUFFIX = ".part";

    /** How many buffers a download may have on their way to the disk: enough to overlap network and disk. */
    static final int MAX_WRITES_IN_FLIGHT = 32;

    private final Path target;
    private final Path part;
    private final FileChannel channel;
    private final long existingBytes;
    // Written by one transfer at a time, in order: startAt, then writes; read once the transfer is over.
    private volatile long startOffset;
    private volatile long position;
    private final Set<CompletableFuture<Void>> writesInFlight = ConcurrentHashMap.newKeySet();
    private final Queue<QueuedWrite> queued = new ConcurrentLinkedQueue<>();
    /** Writes queued but not yet taken by a writer; the writer that takes it from 0 runs until it is 0 again. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Where the first failed write began; only the writer changes it, and nothing is written after it. */
    private volatile long firstFailedWrite = Long.MAX_VALUE;
    private volatile @Nullable IOException writeFailure;
    private volatile boolean closing;

    private PartFile(Path target, Path part, FileChannel channel, long existingBytes) {
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
            FileChannel channel = FileChannel.open(part, openOptions);
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
     * Queues a borrowed buffer to be written after the previous one, possibly while earlier ones are still being
     * written. The buffer is retained until its bytes are written.
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
        queued.add(new QueuedWrite(buffer.retain(), at, written));
        // Counted after it is queued: a writer that counts it has found it, or will on its next look.
        if (pending.getAndIncrement() == 0) {
            try {
                Schedulers.boundedElastic().schedule(this::writeQueued);
            } catch (RuntimeException rejected) {
                pending.set(0);
                fail(allQueued(), new IOException("cannot write " + part + ": " + rejected.getMessage(), rejected));
            }
        }
        // The write cannot be withdrawn once queued: cancelling the returned Mono must not pretend it was.
        return Mono.fromFuture(written, true);
    }

    /**
     * The writer: writes what is queued, in gathering writes, until nothing is. Only the write that finds
     * {@link #pending} at 0 starts a writer, so one runs at a time, in order.
     */
    private void writeQueued() {
        int taken;
        do {
            taken = 0;
            List<QueuedWrite> batch;
            while (!(batch = nextBatch()).isEmpty()) {
                writeBatch(batch);
                taken += batch.size();
            }
            // Not 0: a write counted itself after the queue was found empty, and is in it (or about to be).
        } while (pending.addAndGet(-taken) != 0);
    }

    private List<QueuedWrite> nextBatch() {
        List<QueuedWrite> batch = new ArrayList<>();
        QueuedWrite next;
        while (batch.size() < MAX_WRITES_IN_FLIGHT && (next = queued.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void writeBatch(List<QueuedWrite> batch) {
        IOException failure = writeFailure;
        if (failure == null) {
            try {
                List<ByteBuffer> regions = new ArrayList<>();
                for (QueuedWrite write : batch) {
                    regions.addAll(List.of(write.buffer.nioBuffers()));
                }
                ByteBuffer[] memory = regions.toArray(ByteBuffer[]::new);
                channel.position(batch.get(0).at);
                long remaining = 0;
                for (ByteBuffer region : memory) {
                    remaining += region.remaining();
                }
                while (remaining > 0) {
                    remaining -= channel.write(memory);
                }
            } catch (IOException | RuntimeException e) {
                // Any failure ends the writing: one that escaped would leave every later write waiting forever.
                failure = e instanceof IOException io ? io : new IOException("cannot write " + part + ": " + e, e);
                firstFailedWrite = Math.min(firstFailedWrite, batch.get(0).at);
                writeFailure = failure;
            }
        }
        if (failure != null) {
            fail(batch, failure);
            return;
        }
        for (QueuedWrite write : batch) {
            write.buffer.release();
            writesInFlight.remove(write.done);
            write.done.complete(null);
        }
    }

    private List<QueuedWrite> allQueued() {
        List<QueuedWrite> all = new ArrayList<>();
        QueuedWrite next;
        while ((next = queued.poll()) != null) {
            all.add(next);
        }
        return all;
    }

    private void fail(List<QueuedWrite> writes, IOException failure) {
        for (QueuedWrite write : writes) {
            write.buffer.release();
            writesInFlight.remove(write.done);
            write.done.completeExceptionally(failure);
        }
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
            try (FileChannel closed = channel) {
                long trusted = untrusted ? startOffset : firstFailedWrite;
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

    /** A retained buffer waiting for the writer, where it goes in the file, and who waits for it. */
    private record QueuedWrite(ByteBuf buffer, long at, CompletableFuture<Void> done) {
    }
}
