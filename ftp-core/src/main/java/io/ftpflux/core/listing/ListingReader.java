package io.ftpflux.core.listing;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.command.NameCodec;
import io.ftpflux.core.command.Verb;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
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
    /** How many bytes of an offending line an error message quotes. */
    private static final int QUOTE_LIMIT = 80;

    private enum State { OPEN, FINISHED, FAILED }

    private final ParserSelection selection;
    private final Charset charset;
    private final int maxLineLength;
    /** The line being received, terminator excluded except for a CR that an LF may still follow. */
    private byte[] line = new byte[INITIAL_LINE_CAPACITY];
    private int lineLength;
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
            while (position < limit) {
                int lineEnd = indexOfLf(bytes, position, limit);
                append(bytes, position, lineEnd < 0 ? limit : lineEnd);
                if (lineEnd < 0) {
                    break;
                }
                completeLine(sink);
                position = lineEnd + 1;
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
            completeLine(sink);
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

    private static int indexOfLf(ByteBuffer bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes.get(i) == LF) {
                return i;
            }
        }
        return -1;
    }

    /** Adds bytes to the line, failing as soon as they cannot fit: one more byte is room for a CR only. */
    private void append(ByteBuffer bytes, int from, int to) {
        int count = to - from;
        if (count == 0) {
            return;
        }
        int newLength = lineLength + count;
        if (newLength > maxLineLength + 1 || newLength == maxLineLength + 1 && bytes.get(to - 1) != CR) {
            throw tooLong(bytes, from, to);
        }
        if (newLength > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineLength + 1, Math.max(newLength, 2 * line.length)));
        }
        bytes.get(from, line, lineLength, count);
        lineLength = newLength;
    }

    private void completeLine(Consumer<? super FtpEntry> sink) {
        int length = lineLength > 0 && line[lineLength - 1] == CR ? lineLength - 1 : lineLength;
        lineLength = 0;
        // Bytes that do not decode are escaped, so the entry's name encodes back to the server's exact bytes.
        String text = NameCodec.decode(line, 0, length, charset);
        FtpEntry entry = selection.read(text);
        if (entry != null) {
            sink.accept(entry.rawLine().equals(text) && entry.nameCharset().equals(charset)
                    ? entry
                    : entry.toBuilder().rawLine(text).nameCharset(charset).build());
        }
    }

    private FtpProtocolException tooLong(ByteBuffer bytes, int from, int to) {
        byte[] start = new byte[Math.min(QUOTE_LIMIT, lineLength + (to - from))];
        int buffered = Math.min(start.length, lineLength);
        System.arraycopy(line, 0, start, 0, buffered);
        bytes.get(from, start, buffered, start.length - buffered);
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
