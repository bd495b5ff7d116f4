package io.ftpflux.core.reply;

/**
 * The bounds a {@link ReplyAssembler} enforces on what a server sends (RFC 959 §4.2 sets none), so that a
 * broken or hostile server can neither exhaust memory nor stall the client on an endless reply.
 *
 * <p>Sizes count the bytes of a reply's lines as received, line terminators excluded. The defaults hold
 * every reply real servers send, FEAT, HELP and STAT included:
 * <ul>
 *   <li>{@link #DEFAULT_MAX_LINE_LENGTH} (64 KiB): a reply line is a path or a listing line, far below that.
 *   <li>{@link #DEFAULT_MAX_REPLY_SIZE} (1 MiB): room for a STAT listing of several thousand entries.
 *   <li>{@link #DEFAULT_MAX_LINES} (10,000): FEAT and HELP replies have tens of lines; only a STAT of a large
 *       directory has more, and Pure-FTPd itself stops listings at 10,000 entries by default. The line cap
 *       also bounds memory that the byte cap cannot: every retained line costs about 50 bytes of object
 *       overhead even when empty, so 10,000 lines cost about half a MiB on top of the text.
 * </ul>
 * A caller that lists huge directories over the control connection raises the limits; listings normally
 * travel over the data connection, where these limits do not apply.
 *
 * @param maxLineLength the most bytes one line may hold, terminator excluded; at most {@code maxReplySize}
 * @param maxReplySize the most bytes all lines of one reply may hold together, terminators excluded
 * @param maxLines the most lines one reply may have, its first and last line included
 */
public record ReplyLimits(int maxLineLength, int maxReplySize, int maxLines) {

    /** The default {@link #maxLineLength()}: 64 KiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    /** The default {@link #maxReplySize()}: 1 MiB. */
    public static final int DEFAULT_MAX_REPLY_SIZE = 1024 * 1024;

    /** The default {@link #maxLines()}: 10,000. */
    public static final int DEFAULT_MAX_LINES = 10_000;

    private static final ReplyLimits DEFAULTS =
            new ReplyLimits(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_REPLY_SIZE, DEFAULT_MAX_LINES);

    /**
     * Validates the limits.
     *
     * @param maxLineLength the most bytes one line may hold, terminator excluded
     * @param maxReplySize the most bytes all lines of one reply may hold together
     * @param maxLines the most lines one reply may have
     * @throws IllegalArgumentException if a limit is not positive, or a line may be longer than a reply
     */
    public ReplyLimits {
        requirePositive("maxLineLength", maxLineLength);
        requirePositive("maxReplySize", maxReplySize);
        requirePositive("maxLines", maxLines);
        if (maxLineLength > maxReplySize) {
            throw new IllegalArgumentException("maxLineLength (" + maxLineLength
                    + ") must not exceed maxReplySize (" + maxReplySize + "): one line is part of a reply");
        }
    }

    /**
     * Returns the default limits: 64 KiB per line, 1 MiB and 10,000 lines per reply.
     *
     * @return the default limits
     */
    public static ReplyLimits defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these limits with another line length limit.
     *
     * @param maxLineLength the most bytes one line may hold, terminator excluded
     * @return the new limits
     * @throws IllegalArgumentException if the limit is not positive or exceeds {@link #maxReplySize()}
     */
    public ReplyLimits withMaxLineLength(int maxLineLength) {
        return new ReplyLimits(maxLineLength, maxReplySize, maxLines);
    }

    /**
     * Returns these limits with another reply size limit.
     *
     * @param maxReplySize the most bytes all lines of one reply may hold together, terminators excluded
     * @return the new limits
     * @throws IllegalArgumentException if the limit is not positive or below {@link #maxLineLength()}
     */
    public ReplyLimits withMaxReplySize(int maxReplySize) {
        return new ReplyLimits(maxLineLength, maxReplySize, maxLines);
    }

    /**
     * Returns these limits with another limit on the number of lines.
     *
     * @param maxLines the most lines one reply may have
     * @return the new limits
     * @throws IllegalArgumentException if the limit is not positive
     */
    public ReplyLimits withMaxLines(int maxLines) {
        return new ReplyLimits(maxLineLength, maxReplySize, maxLines);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
