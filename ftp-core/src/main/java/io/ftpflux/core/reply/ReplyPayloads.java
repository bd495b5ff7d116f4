package io.ftpflux.core.reply;

import io.ftpflux.core.FtpProtocolException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the payloads that FTP carries in reply text: the pathname of a 257 (RFC 959 Appendix II), the size
 * and time of a 213 (RFC 3659 §4, §3), and the size hint some servers put in a 150.
 */
public final class ReplyPayloads {

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
     * Parses an RFC 3659 §2.3 time-val, {@code YYYYMMDDHHMMSS[.F+]} in UTC, as found in MDTM replies and the MLSD
     * {@code modify} fact; a second of 60 (a leap second) is read as the start of the next minute, and fraction
     * digits beyond nanoseconds are ignored.
     *
     * @param value the time-val
     * @return the instant, or {@code null} if the text is not a valid time-val
     */
    public static @Nullable Instant parseTimeVal(String value) {
        int length = value.length();
        if (length < 14 || !allDigits(value, 0, 14)) {
            return null;
        }
        int nanos = 0;
        if (length > 14) {
            if (value.charAt(14) != '.' || length == 15 || !allDigits(value, 15, length)) {
                return null;
            }
            // Nanosecond precision is the most an Instant holds; further digits cannot matter.
            String fraction = (value.substring(15, Math.min(length, 15 + 9)) + "00000000").substring(0, 9);
            nanos = Integer.parseInt(fraction);
        }
        int second = number(value, 12, 14);
        if (second > 60) {
            return null;
        }
        try {
            LocalDateTime minute = LocalDateTime.of(number(value, 0, 4), number(value, 4, 6), number(value, 6, 8),
                    number(value, 8, 10), number(value, 10, 12));
            // Seconds added to the minute's instant: a second of 60 rolls over into the next minute.
            return Instant.ofEpochSecond(minute.toEpochSecond(ZoneOffset.UTC) + second, nanos);
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    private static int number(String value, int start, int end) {
        return Integer.parseInt(value, start, end, 10);
    }

    private static boolean allDigits(String value, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
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
