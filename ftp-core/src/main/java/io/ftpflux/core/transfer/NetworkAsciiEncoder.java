package io.ftpflux.core.transfer;

import java.nio.ByteBuffer;

/**
 * Converts local line ends to the network form of the ASCII type (RFC 959 §3.1.1.1: lines end with CRLF), one
 * buffer at a time.
 *
 * <p>A LF becomes CRLF, unless a CR comes right before it (a CRLF line end stays as it is, even split across
 * buffers: the decoder remembers whether the last byte was a CR). A CR not followed by LF is sent as it is,
 * since it is data, not a line end on any current system; turning it into a line end would change the file's
 * content. Bytes are not interpreted otherwise, so any ASCII-compatible charset passes through unchanged.
 *
 * <p>The encoder holds nothing back, so it has no {@code finish}: the data ends with the last byte encoded. One
 * encoder serves one transfer, from one thread at a time.
 */
public final class NetworkAsciiEncoder {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private boolean lastWasCr;

    /** Creates an encoder at the start of the data. */
    public NetworkAsciiEncoder() {
        // Stateless until the first byte.
    }

    /**
     * Returns the room {@link #encode(ByteBuffer, ByteBuffer)} needs for a given input: twice the input, for data
     * that is all line ends.
     *
     * @param inputBytes the bytes to encode
     * @return the most bytes the call can write
     */
    public static int maxEncodedLength(int inputBytes) {
        if (inputBytes < 0) {
            throw new IllegalArgumentException("inputBytes must not be negative: " + inputBytes);
        }
        return Math.multiplyExact(inputBytes, 2);
    }

    /**
     * Encodes all of {@code in} into {@code out}.
     *
     * @param in the local bytes, consumed entirely
     * @param out where the network bytes go; needs {@link #maxEncodedLength(int)} of {@code in.remaining()}
     * @return the number of bytes written
     * @throws IllegalArgumentException if {@code out} has less room than that (nothing is consumed then)
     */
    public int encode(ByteBuffer in, ByteBuffer out) {
        int needed = maxEncodedLength(in.remaining());
        if (out.remaining() < needed) {
            throw new IllegalArgumentException("the output has room for " + out.remaining() + " bytes, encoding "
                    + in.remaining() + " bytes needs " + needed);
        }
        int start = out.position();
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == LF && !lastWasCr) {
                out.put(CR);
            }
            out.put(b);
            lastWasCr = b == CR;
        }
        return out.position() - start;
    }
}
