package io.ftpflux.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local files for the transfer checks, made and hashed in 1 MiB chunks, never held in memory whole. A file of a given
 * name and size is made once per test run, from a seed derived from its name, and shared by every target.
 */
final class TestFiles {

    private static final int CHUNK = 1024 * 1024;
    private static final Map<String, TestFile> MADE = new ConcurrentHashMap<>();

    private TestFiles() {
    }

    /**
     * A file of pseudo-random bytes and its SHA-256.
     *
     * @param path where it is
     * @param size its length
     * @param sha256 its SHA-256, in lower-case hex
     */
    record TestFile(Path path, long size, String sha256) {
    }

    /**
     * Returns a file of pseudo-random bytes, making it on first use.
     *
     * @param name its file name in the scratch directory, after the size
     * @param size its length
     * @return the file
     */
    static TestFile random(String name, long size) {
        // The size is in the local name too: the same name in two sizes is two files.
        return MADE.computeIfAbsent(name + "/" + size,
                key -> make(directory().resolve(size + "-" + name), size, name.hashCode()));
    }

    /** A fresh path in the scratch directory, for a download or a partial file; nothing is created. */
    static Path freshPath(String prefix) {
        return directory().resolve(prefix + "-" + Long.toHexString(System.nanoTime()) + ".bin");
    }

    /**
     * Copies the first bytes of a file to another, as an interrupted transfer would have left them.
     *
     * @param source the whole file
     * @param length how many bytes to copy
     * @param target the file to write, replaced if it exists
     */
    static void copyPrefix(Path source, long length, Path target) {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            long copied = 0;
            while (copied < length) {
                copied += in.transferTo(copied, length - copied, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + length + " bytes of " + source + " to " + target, e);
        }
    }

    /**
     * Computes the SHA-256 of a file's bytes from an offset on, reading 1 MiB at a time.
     *
     * @param file the file
     * @param offset the first byte to hash
     * @return the digest, in lower-case hex
     */
    static String sha256(Path file, long offset) {
        MessageDigest digest = newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = offset;
            int read;
            while ((read = in.read(buffer, position)) > 0) {
                position += read;
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) {
        return sha256(file, 0);
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private static Path directory() {
        Path directory = InteropSettings.scratchDirectory();
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    private static TestFile make(Path path, long size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MessageDigest digest = newDigest();
        byte[] chunk = new byte[CHUNK];
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            while (written < size) {
                int length = (int) Math.min(CHUNK, size - written);
                random.nextBytes(chunk);
                digest.update(chunk, 0, length);
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, length);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                written += length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        return new TestFile(path, size, HexFormat.of().formatHex(digest.digest()));
    }
}
