package io.ftpflux.testkit.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** What a file holds: bytes in memory or a generated pattern, sliced into buffers that wrap shared arrays. */
sealed interface FileContent {

    /** The largest slice a download asks for. */
    int CHUNK_SIZE = 64 * 1024;

    long size();

    /**
     * A read-only buffer over {@code length} bytes from {@code position}, at most {@link #CHUNK_SIZE}. It wraps
     * an array (no copy, nothing pooled), so dropping it without a release leaks nothing.
     */
    ByteBuf slice(long position, int length);

    /** The whole content; a generated one must fit in an array. */
    byte[] toByteArray();

    static FileContent of(byte[] bytes) {
        return new Bytes(bytes);
    }

    static FileContent of(RepeatingContent content) {
        return new Repeating(content.pattern().length, content.size(), content.block(), content);
    }

    /** Bytes that nobody modifies after construction. */
    record Bytes(byte[] bytes) implements FileContent {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public ByteBuf slice(long position, int length) {
            return Unpooled.wrappedBuffer(bytes, (int) position, length).asReadOnly();
        }

        @Override
        public byte[] toByteArray() {
            return bytes.clone();
        }
    }

    /** A pattern served from one precomputed block, whatever the size. */
    record Repeating(int patternLength, long size, byte[] block, RepeatingContent content) implements FileContent {
        @Override
        public ByteBuf slice(long position, int length) {
            return Unpooled.wrappedBuffer(block, (int) (position % patternLength), length).asReadOnly();
        }

        @Override
        public byte[] toByteArray() {
            return content.toByteArray();
        }
    }
}
