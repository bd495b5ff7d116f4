package io.ftpflux.core.reply;

import io.ftpflux.core.FtpProtocolException;
import java.time.Instant;
import java.util.Objects;
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
    private static final long SECONDS_PER_DAY = 86_400;

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
        return parseTimeVal(value, 0, value.length());
    }

    /**
     * Parses an RFC 3659 §2.3 time-val that lies inside a longer text, as the {@code modify} fact of an MLSD line
     * does, without cutting it out; see {@link #parseTimeVal(String)}.
     *
     * @param text the text that holds the time-val
     * @param start where the time-val starts in the text
     * @param end where it ends, exclusive
     * @return the instant, or {@code null} if {@code text[start, end)} is not a valid time-val
     * @throws IndexOutOfBoundsException if the range is not inside the text
     */
    public static @Nullable Instant parseTimeVal(CharSequence text, int start, int end) {
        Objects.checkFromToIndex(start, end, text.length());
        int length = end - start;
        if (length < 14) {
            return null;
        }
        int year = digits(text, start, start + 4);
        int month = digits(text, start + 4, start + 6);
        int day = digits(text, start + 6, start + 8);
        int hour = digits(text, start + 8, start + 10);
        int minute = digits(text, start + 10, start + 12);
        int second = digits(text, start + 12, start + 14);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > lengthOfMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
            return null;
        }
        int nanos = 0;
        if (length > 14) {
            if (text.charAt(start + 14) != '.' || length == 15) {
                return null;
            }
            // Nanosecond precision is the most an Instant holds; further digits cannot matter, but must be digits.
            int fractionStart = start + 15;
            int fractionEnd = Math.min(end, fractionStart + 9);
            nanos = digits(text, fractionStart, fractionEnd);
            if (nanos < 0 || digits(text, fractionEnd, end) < 0) {
                return null;
            }
            for (int digits = fractionEnd - fractionStart; digits < 9; digits++) {
                nanos *= 10;
            }
        }
        // Plain arithmetic rather than LocalDateTime: an MLSD listing has a time-val on every line. A second of 60
        // (a leap second) rolls over into the next minute.
        long epochSecond = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * The days from 1970-01-01 to a valid date of the proleptic Gregorian calendar (ISO 8601), as
     * {@link java.time.LocalDate#toEpochDay()} counts them: years are counted from March, so that the leap day
     * ends one, and whole 400-year cycles of 146,097 days are taken out first.
     */
    private static long epochDay(int year, int month, int day) {
        int marchYear = month <= 2 ? year - 1 : year;
        int cycle = Math.floorDiv(marchYear, 400);
        int yearOfCycle = marchYear - cycle * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfCycle = yearOfCycle * 365 + yearOfCycle / 4 - yearOfCycle / 100 + dayOfYear;
        // 719,468 days from 0000-03-01 to 1970-01-01.
        return cycle * 146_097L + dayOfCycle - 719_468;
    }

    /**
     * The decimal number of {@code text[start, end)}, or -1 if a character is not an ASCII digit; beyond nine digits
     * the number overflows, and only whether they are all digits counts.
     */
    private static int digits(CharSequence text, int start, int end) {
        int number = 0;
        for (int i = start; i < end; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            number = number * 10 + digit;
        }
        return number & Integer.MAX_VALUE;
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
