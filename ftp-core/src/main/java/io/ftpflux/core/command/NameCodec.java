package io.ftpflux.core.command;

import io.ftpflux.core.FtpUnsafeArgumentException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the bytes of names the server sends into strings and back without losing a byte, whatever the server's
 * file system holds (RFC 959 §3.1.1.5 leaves a pathname's bytes to the server; RFC 2640 §3 asks for UTF-8 but
 * servers pass on whatever bytes their files are named with).
 *
 * <p>The scheme is a "surrogate escape", as Python's {@code surrogateescape} error handler:
 * <ul>
 *   <li>{@link #decode(ByteBuffer, Charset)}: every sequence that is valid in the charset decodes normally; each
 *       byte that does not decode (0x80 to 0xFF) becomes one lone low surrogate, U+DC80 to U+DCFF, which no valid
 *       text holds. A byte below 0x80 is never escaped. So {@code caf\xE9.txt} (Latin-1) in a UTF-8 session is
 *       "caf" U+DCE9 ".txt", and a name mixing valid UTF-8 with a few stray bytes still reads mostly right.
 *   <li>{@link #encode(CharSequence, Charset)}: those surrogates go back as the raw bytes, everything else is
 *       encoded with the charset. A name read from a listing or a 257 reply, passed back in a command (alone or
 *       joined to a directory), so reaches the server as exactly the bytes it sent.
 * </ul>
 *
 * <p>Lossless: for UTF-8, ISO-8859-1, windows-1252, Shift_JIS, and every stateless ASCII-compatible charset in
 * which each valid byte sequence decodes to text that encodes back to that sequence, {@code encode(decode(b))}
 * equals {@code b} for any bytes {@code b}, and {@code decode(encode(s))} equals {@code s} for any text
 * {@code s} without lone surrogates that the charset can encode. Not lossless: a charset that decodes two byte
 * sequences to the same text, such as windows-31j (Microsoft's Shift_JIS: its NEC and IBM rows both hold
 * U+2252 and others), gives back the charset's preferred sequence for those; name such a server's files in
 * Shift_JIS instead.
 *
 * <p>Charsets must be ASCII-compatible (each of U+0000 to U+007F is the one byte of the same value, both ways:
 * UTF-8, the ISO-8859 and windows-125x families, Shift_JIS, EUC-JP, GBK...), since FTP frames its lines in
 * ASCII; others (UTF-16, ISO-2022-JP) are refused with {@link IllegalArgumentException}. Stateless and
 * thread-safe.
 */
public final class NameCodec {

    /** The first escape: byte 0x80 becomes U+DC80. */
    private static final char FIRST_ESCAPE = '\uDC80';
    /** The last escape: byte 0xFF becomes U+DCFF. */
    private static final char LAST_ESCAPE = '\uDCFF';
    private static final int ASCII_END = 0x80;
    private static final Map<Charset, Boolean> ASCII_COMPATIBLE = new ConcurrentHashMap<>();

    private NameCodec() {
    }

    /**
     * Decodes bytes from the server, escaping each byte that does not decode in the charset as one lone surrogate.
     *
     * @param bytes the bytes, from their position to their limit; the position ends at the limit
     * @param charset the control connection's charset
     * @return the text; {@link #isEscaped(CharSequence)} tells whether it holds escaped bytes
     * @throws IllegalArgumentException if the charset is not ASCII-compatible
     */
    public static String decode(ByteBuffer bytes, Charset charset) {
        requireAsciiCompatible(charset);
        if (isAscii(bytes)) {
            // Every ASCII-compatible charset decodes these bytes to the same chars; ISO-8859-1 is the fast way.
            String ascii;
            if (bytes.hasArray()) {
                ascii = new String(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(),
                        StandardCharsets.ISO_8859_1);
                bytes.position(bytes.limit());
            } else {
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                ascii = new String(copy, StandardCharsets.ISO_8859_1);
            }
            return ascii;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(Math.max(16, (int) (bytes.remaining() * decoder.maxCharsPerByte()) + 1));
        while (true) {
            CoderResult result = decoder.decode(bytes, out, true);
            if (result.isOverflow()) {
                out = grow(out);
            } else if (result.isError()) {
                // Only the first byte is escaped: the next ones may start a valid sequence (E3 41 is U+DCE3 then A).
                int b = bytes.get() & 0xFF;
                if (!out.hasRemaining()) {
                    out = grow(out);
                }
                out.put(b < ASCII_END ? (char) b : (char) (FIRST_ESCAPE + b - ASCII_END));
            } else if (decoder.flush(out).isOverflow()) {
                out = grow(out);
            } else {
                return out.flip().toString();
            }
        }
    }

    /**
     * Decodes bytes from the server, escaping each byte that does not decode in the charset as one lone surrogate.
     *
     * @param bytes the bytes
     * @param charset the control connection's charset
     * @return the text
     * @throws IllegalArgumentException if the charset is not ASCII-compatible
     */
    public static String decode(byte[] bytes, Charset charset) {
        return decode(ByteBuffer.wrap(bytes), charset);
    }

    /**
     * Decodes part of an array; see {@link #decode(ByteBuffer, Charset)}.
     *
     * @param bytes the array
     * @param offset the first byte to decode
     * @param length how many bytes to decode
     * @param charset the control connection's charset
     * @return the text
     * @throws IllegalArgumentException if the charset is not ASCII-compatible
     * @throws IndexOutOfBoundsException if the range is not inside the array
     */
    public static String decode(byte[] bytes, int offset, int length, Charset charset) {
        return decode(ByteBuffer.wrap(bytes, offset, length), charset);
    }

    /**
     * Encodes text for the server: each escape U+DC80 to U+DCFF becomes its byte, the rest is encoded with the
     * charset.
     *
     * <p>Nothing is ever replaced: a {@code '?'} in place of a character would name another file (or, on
     * servers that expand wildcards, several), which is the wrong thing to hand a DELE.
     *
     * @param text the text, such as a path joined from a listed name
     * @param charset the control connection's charset
     * @return the bytes
     * @throws FtpUnsafeArgumentException if the text holds a lone surrogate outside U+DC80 to U+DCFF, or a
     *     character the charset cannot encode
     * @throws IllegalArgumentException if the charset is not ASCII-compatible
     */
    public static byte[] encode(CharSequence text, Charset charset) {
        requireAsciiCompatible(charset);
        int lone = indexOfUnencodableSurrogate(text);
        if (lone >= 0) {
            throw new FtpUnsafeArgumentException(unencodableSurrogate("text", text, lone));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        CharsetEncoder encoder = null;
        int runStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean escape = i < text.length() && isEscape(text, i);
            if (i == text.length() || escape) {
                if (i > runStart) {
                    if (encoder == null) {
                        encoder = charset.newEncoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT);
                    }
                    writeRun(text, runStart, i, encoder, charset, out);
                }
                if (escape) {
                    out.write(text.charAt(i) - FIRST_ESCAPE + ASCII_END);
                }
                runStart = i + 1;
            }
        }
        return out.toByteArray();
    }

    /**
     * Tells whether text holds escaped bytes: a name that did not decode in the control charset.
     *
     * @param text the text, such as {@code FtpEntry.name()}
     * @return {@code true} if it holds at least one lone surrogate U+DC80 to U+DCFF
     */
    public static boolean isEscaped(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the first lone surrogate that is not an escape: text holding one cannot be encoded in any charset.
     *
     * @return its index, or -1 if there is none
     */
    static int indexOfUnencodableSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) && !isEscape(text, i)) {
                return i;
            }
        }
        return -1;
    }

    /** The message for a lone surrogate that no charset can encode. */
    static String unencodableSurrogate(String what, CharSequence text, int index) {
        return String.format(Locale.ROOT, "%s holds a lone surrogate U+%04X at index %d: only U+DC80 to U+DCFF,"
                + " the escapes of bytes that did not decode, stand for bytes", what, (int) text.charAt(index), index);
    }

    /** An escape is a low surrogate in range that does not complete a pair. */
    private static boolean isEscape(CharSequence text, int index) {
        char c = text.charAt(index);
        return c >= FIRST_ESCAPE && c <= LAST_ESCAPE
                && (index == 0 || !Character.isHighSurrogate(text.charAt(index - 1)));
    }

    private static void writeRun(CharSequence text, int start, int end, CharsetEncoder encoder, Charset charset,
            ByteArrayOutputStream out) {
        try {
            ByteBuffer encoded = encoder.reset().encode(CharBuffer.wrap(text, start, end));
            out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
        } catch (CharacterCodingException unmappable) {
            throw new FtpUnsafeArgumentException("text holds a character that " + charset.name()
                    + ", the control charset, cannot encode, between index " + start + " and " + end
                    + "; it is refused rather than sent as '?', which would name another file");
        }
    }

    private static boolean isAscii(ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            if (bytes.get(i) < 0) {
                return false;
            }
        }
        return true;
    }

    private static CharBuffer grow(CharBuffer out) {
        CharBuffer larger = CharBuffer.allocate(out.capacity() * 2);
        return larger.put(out.flip());
    }

    /**
     * Checks that a charset can carry FTP's lines and names: each of U+0000 to U+007F is the one byte of the same
     * value, both ways.
     *
     * @param charset the charset
     * @return the charset
     * @throws IllegalArgumentException if it is not ASCII-compatible (UTF-16, ISO-2022-JP...)
     */
    public static Charset requireAsciiCompatible(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        if (!ASCII_COMPATIBLE.computeIfAbsent(charset, NameCodec::asciiCompatible)) {
            throw new IllegalArgumentException("FTP names need an ASCII-compatible charset (each of U+0000 to "
                    + "U+007F one byte of the same value), which " + charset.name() + " is not");
        }
        return charset;
    }

    /** Each ASCII byte decodes alone to its char and each ASCII char encodes alone to its byte. */
    private static boolean asciiCompatible(Charset charset) {
        if (!charset.canEncode()) {
            return false;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            for (int c = 0; c < ASCII_END; c++) {
                CharBuffer decoded = decoder.reset().decode(ByteBuffer.wrap(new byte[] {(byte) c}));
                ByteBuffer encoded = encoder.reset().encode(CharBuffer.wrap(new char[] {(char) c}));
                if (decoded.remaining() != 1 || decoded.get() != c || encoded.remaining() != 1 || encoded.get() != c) {
                    return false;
                }
            }
            return true;
        } catch (CharacterCodingException notAscii) {
            return false;
        }
    }
}
