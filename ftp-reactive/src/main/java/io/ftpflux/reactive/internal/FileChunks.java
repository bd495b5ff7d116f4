package io.ftpflux.reactive.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A region of a local file as a stream of 64 KiB buffers, for uploads that cannot use {@code sendfile}: in the ASCII
 * type the bytes are converted, and over a TLS data connection they must pass through the encrypting handler, and Reactor Netty's own fallback for that
 * case ({@code sendFile} with an {@code SslHandler} in the pipeline) reads the file in 1 KiB chunks, so that each
 * TLS record carried 1 KiB and an upload cost several times the CPU of a download.
 */
public final class FileChunks {

    /** As large as a TLS record can carry four of, and the size of the data connections' receive buffers. */
    static final int CHUNK = 64 * 1024;

    private FileChunks() {
    }

    /**
     * Reads {@code count} bytes from {@code position} as the subscriber asks for them, on Reactor's bounded-elastic
     * scheduler, never on an event loop.
     *
     * @param file the local file
     * @param position where the region starts
     * @param count the region's length
     * @param allocator where the buffers come from (the data connection's)
     * @return the bytes, each buffer owned by the subscriber; fails with {@link EOFException} if the file ends
     *     before the region does (it shrank after its size was read)
     */
    public static Flux<ByteBuf> read(Path file, long position, long count, ByteBufAllocator allocator) {
        return Flux.<ByteBuf, Region>generate(() -> new Region(file, position, count), (region, sink) -> {
            try {
                ByteBuf chunk = region.next(allocator);
                if (chunk == null) {
                    sink.complete();
                } else {
                    sink.next(chunk);
                }
            } catch (IOException e) {
                sink.error(e);
            }
            return region;
        }, Region::close).subscribeOn(Schedulers.boundedElastic());
    }

    /** The open file and how far into the region the reads have come. */
    private static final class Region {
        private final Path file;
        private final FileChannel channel;
        private final long end;
        private long next;

        Region(Path file, long position, long count) throws IOException {
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.next = position;
            this.end = position + count;
        }

        /** Returns the next chunk, or {@code null} at the end of the region. */
        @Nullable ByteBuf next(ByteBufAllocator allocator) throws IOException {
            if (next >= end) {
                return null;
            }
            int length = (int) Math.min(CHUNK, end - next);
            ByteBuf chunk = allocator.ioBuffer(length);
            try {
                while (chunk.writerIndex() < length) {
                    int read = chunk.writeBytes(channel, next, length - chunk.writerIndex());
                    if (read < 0) {
                        throw new EOFException(file + " ended at byte " + next + ", before the "
                                + end + " bytes it had when the upload started");
                    }
                    next += read;
                }
                return chunk;
            } catch (IOException | RuntimeException e) {
                chunk.release();
                throw e;
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
