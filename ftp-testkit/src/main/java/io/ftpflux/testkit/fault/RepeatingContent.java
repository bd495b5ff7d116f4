package io.ftpflux.testkit.fault;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * File content generated on the fly: {@code pattern} repeated until {@code size} bytes, never held whole in memory.
 *
 * <p>A download of such a file is streamed from one small block, so a 1 GiB RETR costs a few kilobytes of
 * heap. The test computes what it expects with {@link #crc32()} or {@link #byteAt(long)}.
 *
 * @param pattern the bytes to repeat, at least one
 * @param size the total length in bytes, zero or more
 */
public record RepeatingContent(byte[] pattern, long size) {

    /**
     * Copies the pattern and checks both components.
     *
     * @param pattern the bytes to repeat, at least one
     * @param size the total length in bytes, zero or more
     */
    public RepeatingContent {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("pattern must not be empty");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be zero or more, not " + size);
        }
        pattern = pattern.clone();
    }

    /**
     * Returns content that cycles through the byte values 0 to 250, a prime-length pattern that makes a
     * misplaced chunk boundary visible.
     *
     * @param size the total length in bytes
     * @return the content
     */
    public static RepeatingContent cycling(long size) {
        byte[] pattern = new byte[251];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) i;
        }
        return new RepeatingContent(pattern, size);
    }

    /**
     * Returns a copy of the pattern.
     *
     * @return the repeated bytes
     */
    @Override
    public byte[] pattern() {
        return pattern.clone();
    }

    /**
     * Returns the byte at {@code position}.
     *
     * @param position from 0 to {@code size() - 1}
     * @return the byte there
     */
    public byte byteAt(long position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("position " + position + " outside 0.." + (size - 1));
        }
        return pattern[(int) (position % pattern.length)];
    }

    /**
     * Returns the CRC-32 of the whole content, computed without materialising it.
     *
     * @return the checksum as {@link CRC32#getValue()} gives it
     */
    public long crc32() {
        return crc32From(0);
    }

    /**
     * Returns the CRC-32 of the content from {@code offset} to the end, as a download restarted there (REST)
     * receives it.
     *
     * @param offset where the download starts, 0 to {@code size()}
     * @return the checksum as {@link CRC32#getValue()} gives it
     */
    public long crc32From(long offset) {
        if (offset < 0 || offset > size) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside 0.." + size);
        }
        byte[] block = block();
        CRC32 crc = new CRC32();
        long position = offset;
        while (position < size) {
            int start = (int) (position % pattern.length);
            int length = (int) Math.min(block.length - start, size - position);
            crc.update(block, start, length);
            position += length;
        }
        return crc.getValue();
    }

    /**
     * Returns the whole content as an array, for small sizes.
     *
     * @return the content
     * @throws IllegalStateException when the content does not fit in an array
     */
    public byte[] toByteArray() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("content of " + size + " bytes does not fit in an array");
        }
        byte[] bytes = new byte[(int) size];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = pattern[i % pattern.length];
        }
        return bytes;
    }

    /**
     * The pattern repeated to at least 64 KiB plus one pattern, so a slice of up to 64 KiB can start at any
     * phase of the pattern and still be one contiguous range of this block.
     */
    byte[] block() {
        int repeats = (FileContent.CHUNK_SIZE + pattern.length - 1) / pattern.length + 1;
        byte[] block = new byte[repeats * pattern.length];
        for (int i = 0; i < repeats; i++) {
            System.arraycopy(pattern, 0, block, i * pattern.length, pattern.length);
        }
        return block;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RepeatingContent that && size == that.size && Arrays.equals(pattern, that.pattern);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(pattern) + Long.hashCode(size);
    }

    @Override
    public String toString() {
        return "RepeatingContent[pattern=" + pattern.length + " bytes, size=" + size + "]";
    }
}
