package io.ftpflux.reactive;

import io.ftpflux.core.transfer.NetworkAsciiDecoder;
import io.ftpflux.core.transfer.NetworkAsciiEncoder;
import io.ftpflux.reactive.internal.FileChunks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import reactor.core.publisher.Flux;

/**
 * The line-end conversion of the file transfers in the ASCII type (RFC 959 §3.1.1.1), between Netty buffers and
 * the {@code io.ftpflux.core.transfer} codec: network CRLF to local LF on the way in, local LF to CRLF on the way
 * out.
 */
final class AsciiConversion {

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
     * @param size the file's size when the upload started: the bytes read, a file that shrank since fails
     * @param allocator where the buffers come from (the data connection's)
     * @return the network bytes, each buffer owned by the subscriber
     */
    static Flux<ByteBuf> encodedFile(Path source, long size, ByteBufAllocator allocator) {
        return Flux.defer(() -> {
            NetworkAsciiEncoder encoder = new NetworkAsciiEncoder();
            return FileChunks.read(source, 0, size, allocator).map(local -> encode(encoder, local));
        });
    }

    /** Encodes a local buffer into a new buffer from the same allocator, and releases the local one. */
    private static ByteBuf encode(NetworkAsciiEncoder encoder, ByteBuf local) {
        try {
            int capacity = NetworkAsciiEncoder.maxEncodedLength(local.readableBytes());
            ByteBuf network = local.alloc().buffer(capacity);
            try {
                network.writerIndex(encoder.encode(local.nioBuffer(), network.nioBuffer(0, capacity)));
                return network;
            } catch (RuntimeException e) {
                network.release();
                throw e;
            }
        } finally {
            local.release();
        }
    }
}
