package io.ftpflux.core.reply;

import io.ftpflux.core.FtpProtocolException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the payloads that FTP carries in reply text: the pathname of a 257 (RFC 959 Appendix II), the size
 * and time of a 213 (RFC 3659 §4, §3), and the size hint some servers put in a 150.
 */
public final class ReplyPayloads {

    /** RFC 3659 §2.3 time-val: YYYYMMDDHHMMSS with an optional fraction. */
    private static final Pattern TIME_VAL =
            Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:\\.(\\d{1,9}))?");
    /** "(1234 bytes)" in a 150 reply, as vsftpd, ProFTPD and others send it. */
    private static final Pattern BYTE_COUNT = Pattern.compile("\\((\\d{1,19}) bytes?\\)");
    /** A decimal size: at most 19 digits, so it fits a long. */
    private static final Pattern SIZE = Pattern.compile("\\d{1,19}");

    private ReplyPayloads() {
    }

    /**
     * Reads the pathname of a 257 reply to PWD or MKD (RFC 959 Appendix II): the text between the first
     * double quote and the next lone one, a doubled quote standing for one.
     *
     * @param reply a 257 reply
     * @return the pathname
     * @throws FtpProtocolException if the reply is not a 257 or holds no quoted pathname
     */
    public static String pathname(FtpReply reply) {
        requireCode(reply, 257, "a pathname");
        String text = reply.text();
        int start = text.indexOf('"');
        if (start < 0) {
            throw new FtpProtocolException("257 reply holds no quoted pathname: " + quote(text));
        }
        StringBuilder path = new StringBuilder();
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    path.append('"');
                    i++;
                } else {
                    return path.toString();
                }
            } else {
                path.append(c);
            }
        }
        throw new FtpProtocolException("257 reply has an unterminated pathname: " + quote(text));
    }

    /**
     * Reads the size of a 213 reply to SIZE (RFC 3659 §4.2): a decimal number of octets.
     *
     * @param reply a 213 reply
     * @return the size in bytes
     * @throws FtpProtocolException if the reply is not a 213 with a decimal size
     */
    public static long size(FtpReply reply) {
        requireCode(reply, 213, "a size");
        String text = reply.text().strip();
        if (!SIZE.matcher(text).matches()) {
            throw new FtpProtocolException("213 reply to SIZE is not a size: " + quote(text));
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FtpProtocolException("213 reply to SIZE is too large: " + quote(text), e);
        }
    }

    /**
     * Reads the time of a 213 reply to MDTM (RFC 3659 §3.2): a time-val in UTC, with an optional fraction.
     *
     * @param reply a 213 reply
     * @return the modification instant
     * @throws FtpProtocolException if the reply is not a 213 with a valid time-val
     */
    public static Instant modificationTime(FtpReply reply) {
        requireCode(reply, 213, "a time");
        String text = reply.text().strip();
        Instant instant = parseTimeVal(text);
        if (instant == null) {
            throw new FtpProtocolException("213 reply to MDTM is not a time: " + quote(text));
        }
        return instant;
    }

    /**
     * Parses an RFC 3659 §2.3 time-val ({@code YYYYMMDDHHMMSS[.sss]}, UTC), as found in MDTM replies and the
     * {@code modify} fact.
     *
     * @param text the time-val
     * @return the instant, or {@code null} if the text is not a valid time-val
     */
    public static @org.jspecify.annotations.Nullable Instant parseTimeVal(String text) {
        Matcher m = TIME_VAL.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            String fraction = m.group(7);
            int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
            return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), nanos)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Reads the size hint of a 150 reply, {@code (N bytes)}, that many servers send before a RETR's data.
     *
     * @param reply any reply
     * @return the announced byte count, or empty when the reply has none
     */
    public static OptionalLong announcedByteCount(FtpReply reply) {
        Matcher m = BYTE_COUNT.matcher(reply.text());
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void requireCode(FtpReply reply, int code, String what) {
        if (reply.code().value() != code) {
            throw new FtpProtocolException("expected a " + code + " reply with " + what + ", got " + quote(reply.toString()));
        }
    }

    private static String quote(String text) {
        String shortened = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return '"' + shortened.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
