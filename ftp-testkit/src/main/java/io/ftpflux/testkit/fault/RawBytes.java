package io.ftpflux.testkit.fault;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * An immutable sequence of bytes that the fault server writes to the wire exactly as given.
 *
 * <p>No line ending is added and nothing is validated: a raw reply may be malformed on purpose
 * (a missing CRLF, a NUL, a truncated multi-line reply, invalid UTF-8). RFC 959 §4.2 describes the
 * well-formed replies that these bytes are free to violate.
 */
public final class RawBytes {

    private static final RawBytes EMPTY = new RawBytes(new byte[0]);

    private final byte[] bytes;

    private RawBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Returns the UTF-8 encoding of {@code text}; write {@code "\r\n"} yourself where a line should end.
     *
     * @param text the characters to encode
     * @return the encoded bytes
     */
    public static RawBytes of(String text) {
        return new RawBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns a copy of {@code bytes}, for sequences that are not valid UTF-8.
     *
     * @param bytes the bytes to copy
     * @return the copied bytes
     */
    public static RawBytes of(byte[] bytes) {
        return new RawBytes(bytes.clone());
    }

    /**
     * Returns the empty sequence.
     *
     * @return a sequence of no bytes
     */
    public static RawBytes empty() {
        return EMPTY;
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return a fresh array the caller may modify
     */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Returns the number of bytes.
     *
     * @return the length in bytes
     */
    public int length() {
        return bytes.length;
    }

    /** The bytes themselves, for this package only: callers must not modify them. */
    byte[] unsafeArray() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawBytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Shows printable ASCII as is and every other byte escaped, so CR, LF and NUL are visible. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(bytes.length + 8).append('"');
        for (byte b : bytes) {
            int value = b & 0xFF;
            switch (value) {
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '"', '\\' -> text.append('\\').append((char) value);
                default -> {
                    if (value >= 0x20 && value < 0x7F) {
                        text.append((char) value);
                    } else {
                        text.append(String.format(Locale.ROOT, "\\x%02X", value));
                    }
                }
            }
        }
        return text.append('"').toString();
    }
}
