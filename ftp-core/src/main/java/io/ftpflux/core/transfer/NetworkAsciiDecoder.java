package io.ftpflux.core.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Converts the network form of the ASCII type (RFC 959 §3.1.1.1: lines end with CRLF) to local line ends, one
 * buffer at a time.
 *
 * <p>Each CRLF becomes the local line separator; every other byte, a CR not followed by LF and a LF not preceded
 * by CR included, is kept as it is, since it is data the sender chose to send. A CR at the end of one buffer is
 * held back until the next buffer shows whether a LF follows it, so a line end split across buffers is still one
 * line end: that CR is the decoder's only state, and {@link #finish(ByteBuffer)} writes it when the data ends
 * with it. Bytes are not interpreted otherwise, so any ASCII-compatible charset (UTF-8, the ISO 8859 family)
 * passes through unchanged.
 *
 * <p>One decoder serves one transfer, from one thread at a time.
 */
public final class NetworkAsciiDecoder {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final byte[] lineSeparator;
    private boolean pendingCr;

    /** Creates a decoder to LF line ends, as on Unix-like systems. */
    public NetworkAsciiDecoder() {
        this("\n");
    }

    /**
     * Creates a decoder to the given line ends.
     *
     * @param lineSeparator the local line separator: {@code "\n"}, {@code "\r\n"} or {@code "\r"}
     * @throws IllegalArgumentException for any other separator
     */
    public NetworkAsciiDecoder(String lineSeparator) {
        Objects.requireNonNull(lineSeparator, "lineSeparator");
        if (!lineSeparator.equals("\n") && !lineSeparator.equals("\r\n") && !lineSeparator.equals("\r")) {
            throw new IllegalArgumentException("a line separator must be LF, CRLF or CR, not "
                    + lineSeparator.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList());
        }
        this.lineSeparator = lineSeparator.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns the room {@link #decode(ByteBuffer, ByteBuffer)} needs for a given input: the input plus the CR
     * it may be holding back.
     *
     * @param inputBytes the bytes to decode
     * @return the most bytes the call can write
     */
    public static int maxDecodedLength(int inputBytes) {
        if (inputBytes < 0) {
            throw new IllegalArgumentException("inputBytes must not be negative: " + inputBytes);
        }
        return Math.addExact(inputBytes, 1);
    }

    /**
     * Decodes all of {@code in} into {@code out}; a trailing CR is held back for the next call.
     *
     * @param in the network bytes, consumed entirely
     * @param out where the local bytes go; needs {@link #maxDecodedLength(int)} of {@code in.remaining()}
     * @return the number of bytes written
     * @throws IllegalArgumentException if {@code out} has less room than that (nothing is consumed then)
     */
    public int decode(ByteBuffer in, ByteBuffer out) {
        int needed = maxDecodedLength(in.remaining());
        if (out.remaining() < needed) {
            throw new IllegalArgumentException("the output has room for " + out.remaining() + " bytes, decoding "
                    + in.remaining() + " bytes needs " + needed);
        }
        int start = out.position();
        while (in.hasRemaining()) {
            byte b = in.get();
            if (pendingCr) {
                pendingCr = false;
                if (b == LF) {
                    out.put(lineSeparator);
                    continue;
                }
                out.put(CR);
            }
            if (b == CR) {
                pendingCr = true;
            } else {
                out.put(b);
            }
        }
        return out.position() - start;
    }

    /**
     * Ends the data: writes the CR held back, if the data ended with one, and resets the decoder.
     *
     * @param out where it goes; needs one byte of room
     * @return the number of bytes written, 0 or 1
     * @throws java.nio.BufferOverflowException if a CR is held back and {@code out} is full
     */
    public int finish(ByteBuffer out) {
        if (!pendingCr) {
            return 0;
        }
        out.put(CR);
        pendingCr = false;
        return 1;
    }

    /**
     * Tells whether a CR is held back, waiting for the next buffer.
     *
     * @return {@code true} if the bytes so far ended with a CR
     */
    public boolean hasPendingCr() {
        return pendingCr;
    }
}
