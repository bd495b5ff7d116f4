package io.ftpflux.reactive;

import io.ftpflux.core.transfer.NetworkAsciiDecoder;
import io.ftpflux.core.transfer.NetworkAsciiEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The line-end conversion of the file transfers in the ASCII type (RFC 959 §3.1.1.1), between Netty buffers and
 * the {@code io.ftpflux.core.transfer} codec: network CRLF to local LF on the way in, local LF to CRLF on the way
 * out.
 */
final class AsciiConversion {

    /** The bytes read from a file at a time for an upload. */
    static final int READ_CHUNK = 16 * 1024;

    private AsciiConversion() {
    }

    /**
     * Decodes a borrowed network buffer into a new buffer from the same allocator.
     *
     * @param decoder the transfer's decoder, which may hold back a trailing CR
     * @param network the network bytes, read but not released
     * @return the local bytes; the caller owns (and releases) the buffer
     */
    static ByteBuf decode(NetworkAsciiDecoder decoder, ByteBuf network) {
        int capacity = NetworkAsciiDecoder.maxDecodedLength(network.readableBytes());
        ByteBuf local = network.alloc().buffer(capacity);
        try {
            // A view of the new buffer's memory: the decoder writes straight into it.
            ByteBuffer out = local.nioBuffer(0, capacity);
            for (ByteBuffer in : network.nioBuffers()) {
                decoder.decode(in, out);
            }
            local.writerIndex(out.position());
            return local;
        } catch (RuntimeException e) {
            local.release();
            throw e;
        }
    }

    /**
     * Ends a decoded transfer: the CR the data ended with, if the decoder holds one back.
     *
     * @param decoder the transfer's decoder
     * @param allocator where the buffer comes from
     * @return a buffer of that CR, owned by the caller; empty when there is none
     */
    static ByteBuf finish(NetworkAsciiDecoder decoder, ByteBufAllocator allocator) {
        ByteBuf tail = allocator.buffer(1);
        ByteBuffer out = tail.nioBuffer(0, 1);
        tail.writerIndex(decoder.finish(out));
        return tail;
    }

    /**
     * Reads a local file and encodes it to the network form, chunk by chunk as the data connection asks for
     * them; the file is read on Reactor's bounded-elastic scheduler, never on an event loop.
     *
     * @param source the local file
     * @param allocator where the buffers come from (the data connection's)
     * @return the network bytes, each buffer owned by the subscriber
     */
    static Flux<ByteBuf> encodedFile(Path source, ByteBufAllocator allocator) {
        return Flux.<ByteBuf, FileEncoding>generate(() -> new FileEncoding(source), (encoding, sink) -> {
            try {
                ByteBuf chunk = encoding.next(allocator);
                if (chunk == null) {
                    sink.complete();
                } else {
                    sink.next(chunk);
                }
            } catch (IOException e) {
                sink.error(e);
            }
            return encoding;
        }, FileEncoding::close).subscribeOn(Schedulers.boundedElastic());
    }

    /** One upload's open file, its read buffer and its encoder. */
    private static final class FileEncoding {
        private final FileChannel channel;
        private final ByteBuffer read = ByteBuffer.allocate(READ_CHUNK);
        private final NetworkAsciiEncoder encoder = new NetworkAsciiEncoder();

        FileEncoding(Path source) throws IOException {
            this.channel = FileChannel.open(source, StandardOpenOption.READ);
        }

        /** Returns the next encoded chunk, or {@code null} at the end of the file. */
        @Nullable ByteBuf next(ByteBufAllocator allocator) throws IOException {
            read.clear();
            if (channel.read(read) < 0) {
                return null;
            }
            read.flip();
            int capacity = NetworkAsciiEncoder.maxEncodedLength(read.remaining());
            ByteBuf chunk = allocator.buffer(capacity);
            chunk.writerIndex(encoder.encode(read, chunk.nioBuffer(0, capacity)));
            return chunk;
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
