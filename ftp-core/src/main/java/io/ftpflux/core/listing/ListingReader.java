package io.ftpflux.core.listing;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.command.NameCodec;
import io.ftpflux.core.command.Verb;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes of one listing, as they arrive on the data connection (RFC 959 §4.1.3, RFC 3659 §7.2), into
 * entries, each as soon as its line is complete.
 *
 * <p>How the bytes are read:
 * <ul>
 *   <li>Bytes may arrive split anywhere. A line ends at LF, with or without a CR before it; the last line
 *       counts even without a terminator once {@link #finish(Consumer)} is called.
 *   <li>Each line is decoded with the configured charset by {@link NameCodec}: each byte that does not decode
 *       in it (a Latin-1 name in a UTF-8 listing) becomes one escape, U+DC80 to U+DCFF, so the entry's
 *       {@link FtpEntry#name()} encodes back to the server's exact bytes ({@link FtpEntry#nameBytes()}) and can
 *       be passed as it is to any command.
 *   <li>The parser reads each line. When it is {@link ListingParsers#autodetect(ListingOptions)}, the reader
 *       picks one format for this listing from the command that produced it and its first entry line; see
 *       there. Noise lines (blank lines, {@code total 12}) are skipped; a line no format understands becomes
 *       an {@link EntryType#UNPARSED} entry: no line is ever dropped.
 *   <li>Every entry's {@link FtpEntry#rawLine()} is its line as decoded.
 * </ul>
 *
 * <p>A line longer than the limit (by default {@link #DEFAULT_MAX_LINE_LENGTH}; terminator excluded) fails with
 * {@link FtpProtocolException} before more than the limit is buffered, so memory stays bounded whatever the
 * server sends. After any failure, the sink's own included, the reader refuses further use.
 *
 * <p>One reader reads one listing; it is not thread-safe (feed it from one thread at a time, a Netty event
 * loop for example) and never holds on to the caller's buffers.
 */
public final class ListingReader {

    /** The default limit on one line's length: 64 KiB, far above any real listing line. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int INITIAL_LINE_CAPACITY = 256;
    /** How much of a direct buffer is copied to the heap at once to be scanned. */
    private static final int SCRATCH_SIZE = 8 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final char REPLACEMENT = '\uFFFD';
    private static final long LF_WORD = 0x0A0A_0A0A_0A0A_0A0AL;
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    /** How many bytes of an offending line an error message quotes. */
    private static final int QUOTE_LIMIT = 80;

    private enum State { OPEN, FINISHED, FAILED }

    private final ParserSelection selection;
    private final Charset charset;
    private final int maxLineLength;
    /** The line being received, terminator excluded except for a CR that an LF may still follow. */
    private byte[] line = new byte[INITIAL_LINE_CAPACITY];
    private int lineLength;
    private byte @Nullable [] scratch;
    private State state = State.OPEN;

    /**
     * Creates a reader with the default line length limit.
     *
     * @param parser the parser for the listing's lines, such as {@link ListingParsers#autodetect(ListingOptions)}
     * @param command the command that produced the listing ({@code MLSD}, {@code LIST}, {@code NLST}...)
     * @param charset the charset of the listing's names; it must be ASCII-compatible (UTF-8, ISO-8859-1...)
     * @throws IllegalArgumentException if the charset is not ASCII-compatible
     */
    public ListingReader(ListingParser parser, Verb command, Charset charset) {
        this(parser, command, charset, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * Creates a reader.
     *
     * @param parser the parser for the listing's lines, such as {@link ListingParsers#autodetect(ListingOptions)}
     * @param command the command that produced the listing ({@code MLSD}, {@code LIST}, {@code NLST}...)
     * @param charset the charset of the listing's names; it must be ASCII-compatible (UTF-8, ISO-8859-1...)
     * @param maxLineLength the most bytes one line may hold, terminator excluded
     * @throws IllegalArgumentException if the limit is not positive, or the charset is not ASCII-compatible
     */
    public ListingReader(ListingParser parser, Verb command, Charset charset, int maxLineLength) {
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(charset, "charset");
        if (maxLineLength <= 0) {
            throw new IllegalArgumentException("maxLineLength must be positive: " + maxLineLength);
        }
        NameCodec.requireAsciiCompatible(charset);
        this.selection = new ParserSelection(parser instanceof AutodetectListingParser autodetect
                ? autodetect.candidatesFor(command)
                : List.of(parser));
        this.charset = charset;
        this.maxLineLength = maxLineLength;
    }

    /**
     * Reads the bytes that arrived and hands the sink an entry for each line they complete.
     *
     * @param bytes the next bytes of the listing; all remaining bytes are consumed
     * @param sink receives the entries, in listing order
     * @throws FtpProtocolException if a line exceeds the line length limit
     * @throws IllegalStateException if the reader finished or failed before
     */
    public void feed(ByteBuffer bytes, Consumer<? super FtpEntry> sink) {
        requireOpen();
        boolean completed = false;
        try {
            int position = bytes.position();
            int limit = bytes.limit();
            if (bytes.hasArray()) {
                int offset = bytes.arrayOffset();
                read(bytes.array(), offset + position, offset + limit, sink);
            } else {
                // A direct buffer is copied in bulk, a chunk at a time, and scanned as an array.
                if (scratch == null) {
                    scratch = new byte[SCRATCH_SIZE];
                }
                while (position < limit) {
                    int count = Math.min(SCRATCH_SIZE, limit - position);
                    bytes.get(position, scratch, 0, count);
                    read(scratch, 0, count, sink);
                    position += count;
                }
            }
            bytes.position(limit);
            completed = true;
        } finally {
            if (!completed) {
                state = State.FAILED;
            }
        }
    }

    /**
     * Reads the bytes that arrived and hands the sink an entry for each line they complete.
     *
     * @param bytes the next bytes of the listing
     * @param sink receives the entries, in listing order
     * @throws FtpProtocolException if a line exceeds the line length limit
     * @throws IllegalStateException if the reader finished or failed before
     */
    public void feed(byte[] bytes, Consumer<? super FtpEntry> sink) {
        feed(ByteBuffer.wrap(bytes), sink);
    }

    /** Reads {@code bytes[from, to)}: lines that lie wholly inside are decoded where they are, without a copy. */
    private void read(byte[] bytes, int from, int to, Consumer<? super FtpEntry> sink) {
        int start = from;
        while (start < to) {
            int lineEnd = indexOfLf(bytes, start, to);
            if (lineEnd < 0) {
                append(bytes, start, to);
                return;
            }
            if (lineLength == 0) {
                requireFits(bytes, start, lineEnd);
                completeLine(bytes, start, lineEnd - start, sink);
            } else {
                append(bytes, start, lineEnd);
                int length = lineLength;
                lineLength = 0;
                completeLine(line, 0, length, sink);
            }
            start = lineEnd + 1;
        }
    }

    /**
     * Ends the listing: a last line without a terminator is read as a line; the reader takes no more bytes.
     *
     * @param sink receives the last entry, if any
     * @throws IllegalStateException if the reader finished or failed before
     */
    public void finish(Consumer<? super FtpEntry> sink) {
        requireOpen();
        state = State.FAILED;
        if (lineLength > 0) {
            int length = lineLength;
            lineLength = 0;
            completeLine(line, 0, length, sink);
        }
        // Reached only when the last line went through; a throwing sink leaves the reader failed.
        state = State.FINISHED;
    }

    /**
     * Returns the format the listing was found to be in.
     *
     * @return the {@link ListingParser#name()} of the format of the first entry line, or {@code null} if no
     *     line was understood yet
     */
    public @Nullable String detectedFormat() {
        ListingParser chosen = selection.chosen();
        return chosen == null ? null : chosen.name();
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException(state == State.FINISHED
                    ? "listing reader already finished"
                    : "listing reader failed before and cannot read on");
        }
    }

    /**
     * Finds the first LF in {@code bytes[from, to)}, eight bytes at a time: a listing's lines are tens to hundreds
     * of bytes long, and this search touches every byte of the listing.
     */
    static int indexOfLf(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ LF_WORD;
            // A byte of the word is zero, an LF, exactly when this sets its high bit (the lowest such is exact).
            long found = (word - LOW_BITS) & ~word & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == LF) {
                return i;
            }
        }
        return -1;
    }

    /** Fails if a line of the bytes at {@code [from, to)} does not fit: one more byte is room for a CR only. */
    private void requireFits(byte[] bytes, int from, int to) {
        int newLength = lineLength + (to - from);
        if (newLength > maxLineLength + 1 || newLength == maxLineLength + 1 && bytes[to - 1] != CR) {
            throw tooLong(bytes, from, to);
        }
    }

    /** Adds bytes to the line, failing as soon as they cannot fit. */
    private void append(byte[] bytes, int from, int to) {
        int count = to - from;
        if (count == 0) {
            return;
        }
        requireFits(bytes, from, to);
        int newLength = lineLength + count;
        if (newLength > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineLength + 1, Math.max(newLength, 2 * line.length)));
        }
        System.arraycopy(bytes, from, line, lineLength, count);
        lineLength = newLength;
    }

    private void completeLine(byte[] bytes, int offset, int count, Consumer<? super FtpEntry> sink) {
        int length = count > 0 && bytes[offset + count - 1] == CR ? count - 1 : count;
        // Every ASCII-compatible charset decodes ASCII as ISO-8859-1 does, which is a plain copy. Other bytes that
        // do not decode are escaped, so the entry's name encodes back to the server's exact bytes.
        String text = isAscii(bytes, offset, length)
                ? new String(bytes, offset, length, StandardCharsets.ISO_8859_1)
                : decode(bytes, offset, length);
        FtpEntry entry = selection.read(text);
        if (entry != null) {
            if (!entry.rawLine().equals(text)) {
                entry = entry.toBuilder().rawLine(text).build();
            }
            sink.accept(entry.nameCharset().equals(charset) ? entry : entry.withNameCharset(charset));
        }
    }

    /**
     * Decodes a line that is not ASCII. The JDK's own UTF-8 decoding of a String is the fast way for valid UTF-8; it
     * replaces what does not decode with U+FFFD, and only then (or for a U+FFFD the server sent) are the bytes
     * decoded again by {@link NameCodec}, which escapes them instead.
     */
    private String decode(byte[] bytes, int offset, int length) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
            if (text.indexOf(REPLACEMENT) < 0) {
                return text;
            }
        }
        return NameCodec.decode(bytes, offset, length, charset);
    }

    /** Eight bytes at a time, as {@link #indexOfLf} searches. */
    private static boolean isAscii(byte[] bytes, int offset, int length) {
        int end = offset + length;
        long bits = 0;
        int i = offset;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            bits |= (long) LONGS.get(bytes, i);
        }
        for (; i < end; i++) {
            // Sign extension sets every high bit for a byte above 0x7F.
            bits |= bytes[i];
        }
        return (bits & HIGH_BITS) == 0;
    }

    private FtpProtocolException tooLong(byte[] bytes, int from, int to) {
        byte[] start = new byte[Math.min(QUOTE_LIMIT, lineLength + (to - from))];
        int buffered = Math.min(start.length, lineLength);
        System.arraycopy(line, 0, start, 0, buffered);
        System.arraycopy(bytes, from, start, buffered, start.length - buffered);
        return new FtpProtocolException("listing line longer than " + maxLineLength
                + " bytes, the limit; it starts with: " + quote(start));
    }

    /** Shows bytes as ISO-8859-1 text with control characters escaped, for error messages. */
    private static String quote(byte[] bytes) {
        StringBuilder quoted = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format(Locale.ROOT, "\\x%02X", c));
            } else {
                quoted.append((char) c);
            }
        }
        return quoted.append("...\"").toString();
    }
}
