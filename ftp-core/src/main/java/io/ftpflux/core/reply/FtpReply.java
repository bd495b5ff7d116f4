package io.ftpflux.core.reply;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One complete reply from the server (RFC 959 §4.2): a code and one or more lines of text.
 *
 * <p>{@link #lines()} holds every line as received, without its line terminator: a single-line reply
 * {@code 227 Entering Passive Mode (127,0,0,1,4,1)} has one; a multi-line reply holds its first line
 * ({@code 211-Features:}), its text lines and its last line ({@code 211 End}). {@link #text()} is the text
 * without the code prefixes. In FTP the final reply carries the payload of many commands (227 address, 257
 * path, 213 size), so callers read it from here.
 *
 * @param code the reply code
 * @param lines every line of the reply as received, at least one
 */
public record FtpReply(ReplyCode code, List<String> lines) {

    /**
     * Creates a reply, validating that it has lines.
     *
     * @param code the reply code
     * @param lines every line of the reply as received, at least one
     */
    public FtpReply {
        Objects.requireNonNull(code, "code");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /**
     * Creates a single-line reply, as a server would send {@code code + " " + text}.
     *
     * @param code the reply code, 100 to 699
     * @param text the reply text
     * @return the reply
     */
    public static FtpReply of(int code, String text) {
        return new FtpReply(ReplyCode.of(code), List.of(code + " " + text));
    }

    /**
     * Returns the reply text without code prefixes: each line loses a leading {@code "ddd-"} or
     * {@code "ddd "} of this reply's code; lines are joined with {@code '\n'}.
     *
     * @return the text of the reply
     */
    public String text() {
        String prefix = Integer.toString(code.value());
        return lines.stream().map(line -> stripCode(line, prefix)).collect(Collectors.joining("\n"));
    }

    /**
     * Returns the text lines between the first and the last line of a multi-line reply (RFC 959 §4.2), as
     * received; FEAT (RFC 2389 §3.2) and STAT put their payload there.
     *
     * @return the inner lines; empty for a single-line reply
     */
    public List<String> innerLines() {
        return lines.size() <= 2 ? List.of() : lines.subList(1, lines.size() - 1);
    }

    /**
     * Tells whether this is a 1yz reply, after which the same command gets another reply.
     *
     * @return {@code true} for a positive preliminary reply
     */
    public boolean isPreliminary() {
        return code.category() == ReplyCategory.POSITIVE_PRELIMINARY;
    }

    /**
     * Tells whether this reply ends its command's exchange (anything but 1yz).
     *
     * @return {@code true} for a final reply
     */
    public boolean isFinal() {
        return !isPreliminary();
    }

    /**
     * Returns the reply as the server sent it, lines joined with {@code '\n'}.
     *
     * @return the reply text with codes
     */
    @Override
    public String toString() {
        return String.join("\n", lines);
    }

    private static String stripCode(String line, String code) {
        if (line.length() >= 4 && line.startsWith(code) && (line.charAt(3) == '-' || line.charAt(3) == ' ')) {
            return line.substring(4);
        }
        return line.equals(code) ? "" : line;
    }
}
