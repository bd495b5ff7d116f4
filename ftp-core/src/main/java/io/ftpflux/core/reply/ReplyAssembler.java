package io.ftpflux.core.reply;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.command.NameCodec;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Assembles the bytes of a control connection into complete replies (RFC 959 §4.2), incrementally and
 * within {@link ReplyLimits}: bytes may arrive split at any position, and each reply comes out once its
 * last line has arrived.
 *
 * <p>How the bytes are read:
 * <ul>
 *   <li>A line ends at CRLF (RFC 959 §4.2, the Telnet end of line); a bare LF is tolerated as a line end. A CR
 *       followed by anything but LF is a text character: CR NUL is Telnet's bare CR (RFC 854), so that pair
 *       becomes one CR in the text; any other NUL is rejected, since no reply text holds one.
 *   <li>A reply's first line starts with three digits, the first 1 to 5 (RFC 959 §4.2) or 6 for a protected
 *       reply (RFC 2228 §4), followed by a space, a hyphen or the end of the line ({@code "200"} alone is a
 *       reply with empty text). Anything else is malformed.
 *   <li>{@code "ddd-"} opens a multi-line reply, which ends only at a line that starts with the same code
 *       followed by a space, or is that code alone. Lines in between are text, whatever they start with:
 *       {@code "230 ..."} or {@code "220-..."} inside a {@code 220-} greeting does not end it.
 *   <li>Bytes after a complete reply begin the next one, so replies sent together (a 150 and a 226 in one
 *       packet) come out in order.
 *   <li>Lines are decoded with the configured charset by {@link NameCodec}: each byte that does not decode
 *       becomes an escape, U+DC80 to U+DCFF, and never fails the reply, so a pathname in a 257 reply or an MLST
 *       entry keeps the server's exact bytes and can be sent back in a command. Codes and terminators are
 *       matched on bytes, so the charset must be ASCII-compatible (UTF-8, ISO-8859-1, windows-1252 and the
 *       like).
 * </ul>
 *
 * <p>A malformed first line, a NUL, a line over {@link ReplyLimits#maxLineLength()}, a reply over
 * {@link ReplyLimits#maxReplySize()} or {@link ReplyLimits#maxLines()} fails with
 * {@link FtpProtocolException} as soon as the fault is known, before anything beyond the limit is buffered:
 * retained memory stays bounded whatever the server sends. After a failure every further feed fails too; the
 * connection is to be closed.
 *
 * <p>At end of stream, {@link #hasPartialReply()} tells whether a reply was cut off, which the caller
 * reports as a protocol error. Instances are not thread-safe: one per connection, fed by one thread at a
 * time (a Netty event loop, for example). The assembler never holds on to the caller's buffers.
 */
public final class ReplyAssembler {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte NUL = 0;
    private static final int INITIAL_LINE_CAPACITY = 256;
    /** How many characters of an offending line an error message quotes. */
    private static final int QUOTE_LIMIT = 80;
    private static final String HEX_DIGITS = "0123456789ABCDEF";

    private final ReplyLimits limits;
    private final Charset charset;

    /** The line being received, without its terminator; grows up to {@link ReplyLimits#maxLineLength()}. */
    private byte[] line;
    private int lineLength;
    /** A CR was the last byte: it ends the line if LF follows, and is text otherwise. */
    private boolean pendingCr;
    /** The lines of the multi-line reply in progress, decoded; empty between replies. */
    private final List<String> lines = new ArrayList<>();
    /** The bytes of {@link #lines}, terminators excluded. */
    private int linesBytes;
    /** The code of the multi-line reply in progress, as received (three ASCII digits). */
    private final byte[] code = new byte[3];
    private @Nullable FtpProtocolException failure;

    /** Creates an assembler with {@link ReplyLimits#defaults()} that decodes lines as UTF-8. */
    public ReplyAssembler() {
        this(ReplyLimits.defaults(), StandardCharsets.UTF_8);
    }

    /**
     * Creates an assembler with the given limits and charset.
     *
     * @param limits the bounds on lines and replies
     * @param charset the charset of reply text (RFC 2640 §3 recommends UTF-8); must be ASCII-compatible
     * @throws IllegalArgumentException if the charset is not ASCII-compatible (UTF-16, for example)
     */
    public ReplyAssembler(ReplyLimits limits, Charset charset) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.charset = NameCodec.requireAsciiCompatible(charset);
        this.line = new byte[Math.min(INITIAL_LINE_CAPACITY, limits.maxLineLength())];
    }

    /**
     * Consumes all remaining bytes of a buffer and passes each reply they complete to a sink, in order.
     *
     * <p>Each byte is consumed once: the buffer's position ends at its limit, and a partial reply stays
     * buffered here until the next feed completes it. From a Netty decoder:
     * {@code assembler.feed(in.nioBuffer(), out::add); in.skipBytes(in.readableBytes());}. If the sink
     * throws, the exception propagates with the reply delivered and the assembler between replies; the
     * bytes after that reply are not consumed (the buffer's position is just past it). On a protocol error
     * the position is just past the offending byte.
     *
     * @param src the bytes received, from its position to its limit
     * @param sink receives each complete reply
     * @throws FtpProtocolException if the bytes break the reply syntax or a limit, or if an earlier feed
     *     failed
     */
    public void feed(ByteBuffer src, Consumer<? super FtpReply> sink) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(sink, "sink");
        if (failure != null) {
            throw new FtpProtocolException("the reply stream already failed: " + failure.getMessage(), failure);
        }
        while (src.hasRemaining()) {
            FtpReply reply = accept(src.get());
            if (reply != null) {
                sink.accept(reply);
            }
        }
    }

    /**
     * Consumes a range of bytes and passes each reply they complete to a sink, in order; see
     * {@link #feed(ByteBuffer, Consumer)}.
     *
     * @param src the array holding the bytes received
     * @param offset the index of the first byte
     * @param length how many bytes to consume
     * @param sink receives each complete reply
     * @throws FtpProtocolException if the bytes break the reply syntax or a limit, or if an earlier feed
     *     failed
     * @throws IndexOutOfBoundsException if the range is not inside the array
     */
    public void feed(byte[] src, int offset, int length, Consumer<? super FtpReply> sink) {
        feed(ByteBuffer.wrap(src, offset, length), sink);
    }

    /**
     * Tells whether part of a reply has been received but not its end: at end of stream, that reply was
     * cut off.
     *
     * @return {@code true} if bytes of an incomplete reply are buffered
     */
    public boolean hasPartialReply() {
        return lineLength > 0 || pendingCr || !lines.isEmpty();
    }

    /**
     * Returns how many bytes of the incomplete reply are buffered, terminators excluded; never more than
     * {@link ReplyLimits#maxReplySize()}.
     *
     * @return the buffered bytes, 0 between replies
     */
    public int bufferedBytes() {
        return linesBytes + lineLength;
    }

    /**
     * Discards any partial reply and any earlier failure, returning the assembler to its initial state.
     *
     * <p>For a stream that legitimately starts over. It is not a way past a protocol error, and not a way
     * to drop bytes a server sent where none belong: plaintext sent after a {@code 234} reply to AUTH TLS
     * (RFC 4217 §4) could be injected, so a caller that finds {@link #hasPartialReply()} true there fails
     * the session instead.
     */
    public void reset() {
        clearReply();
        pendingCr = false;
        failure = null;
        if (line.length > INITIAL_LINE_CAPACITY) {
            line = new byte[INITIAL_LINE_CAPACITY];
        }
    }

    /** Consumes one byte; returns the reply it completes, if any. */
    private @Nullable FtpReply accept(byte b) {
        if (pendingCr) {
            pendingCr = false;
            if (b == LF) {
                return endLine();
            }
            append(CR);
            if (b == NUL) {
                return null;
            }
        }
        switch (b) {
            case LF:
                return endLine();
            case CR:
                pendingCr = true;
                return null;
            case NUL:
                throw fail("a reply line contains a NUL byte after " + quote(line, lineLength));
            default:
                append(b);
                return null;
        }
    }

    private void append(byte b) {
        if (lineLength == limits.maxLineLength()) {
            throw fail("a reply line exceeds the limit of " + limits.maxLineLength() + " bytes: "
                    + quote(line, lineLength));
        }
        if (linesBytes + lineLength == limits.maxReplySize()) {
            throw fail("multi-line reply " + codeText() + " exceeds the limit of " + limits.maxReplySize()
                    + " bytes");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, (int) Math.min((long) line.length * 2, limits.maxLineLength()));
        }
        line[lineLength++] = b;
    }

    private @Nullable FtpReply endLine() {
        if (lines.isEmpty()) {
            requireReplyCode();
            System.arraycopy(line, 0, code, 0, 3);
        }
        boolean last = startsWithCode() && (lineLength == 3 || line[3] == ' ');
        lines.add(NameCodec.decode(line, 0, lineLength, charset));
        linesBytes += lineLength;
        lineLength = 0;
        if (last) {
            FtpReply reply = new FtpReply(ReplyCode.of(parseCode()), lines);
            clearReply();
            return reply;
        }
        if (lines.size() >= limits.maxLines()) {
            // The reply has not ended, so it needs at least one more line than allowed.
            throw fail("multi-line reply " + codeText() + " exceeds the limit of " + limits.maxLines()
                    + " lines");
        }
        return null;
    }

    private void requireReplyCode() {
        boolean valid = lineLength >= 3
                && line[0] >= '1' && line[0] <= '6'
                && isDigit(line[1]) && isDigit(line[2])
                && (lineLength == 3 || line[3] == ' ' || line[3] == '-');
        if (!valid) {
            throw fail("malformed reply: expected a three-digit code 1yz to 6yz followed by a space, a hyphen"
                    + " or the end of the line, got " + quote(line, lineLength));
        }
    }

    private boolean startsWithCode() {
        return lineLength >= 3 && line[0] == code[0] && line[1] == code[1] && line[2] == code[2];
    }

    private int parseCode() {
        return (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    }

    /** The code of the multi-line reply in progress, for messages; the first line always has one. */
    private String codeText() {
        return new String(code, StandardCharsets.US_ASCII);
    }

    private void clearReply() {
        lines.clear();
        linesBytes = 0;
        lineLength = 0;
    }

    private FtpProtocolException fail(String message) {
        FtpProtocolException exception = new FtpProtocolException(message);
        failure = exception;
        return exception;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Quotes the start of a line for a message, with control characters escaped so logs stay one line. */
    private String quote(byte[] bytes, int length) {
        // A character takes at most 4 bytes in the charsets allowed here, so this decodes enough to quote.
        int decoded = Math.min(length, QUOTE_LIMIT * 4);
        String text = new String(bytes, 0, decoded, charset);
        int shown = Math.min(text.length(), QUOTE_LIMIT);
        StringBuilder quoted = new StringBuilder(shown + 40).append('"');
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                quoted.append("\\x").append(hex(c, 2));
            } else if (Character.getType(c) == Character.FORMAT) {
                // Bidirectional overrides and invisible characters would disguise the line in a log.
                quoted.append("\\u").append(hex(c, 4));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        if (shown < text.length() || decoded < length) {
            quoted.append(" (truncated, ").append(length).append(" bytes)");
        }
        return quoted.toString();
    }

    private static String hex(char c, int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            hex.append(HEX_DIGITS.charAt(c >> shift & 0xF));
        }
        return hex.toString();
    }
}
