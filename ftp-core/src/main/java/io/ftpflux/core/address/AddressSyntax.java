package io.ftpflux.core.address;

import io.ftpflux.core.FtpProtocolException;

/**
 * The two wire syntaxes of data addresses: the comma tuple {@code h1,h2,h3,h4,p1,p2} of PORT and 227
 * (RFC 959 §4.1.2, §4.2) and the delimited fields {@code <d>net-prt<d>net-addr<d>tcp-port<d>} of EPRT and 229
 * (RFC 2428 §2, §3).
 *
 * <p>Everything here reads text from the other side of the connection, so every failure is an
 * {@link FtpProtocolException} whose message quotes the offending text, cut to a readable length.
 */
final class AddressSyntax {

    /** Numbers in a host-port tuple: four address octets, then the port's high and low byte. */
    private static final int TUPLE_SIZE = 6;

    /** The most a reply is quoted in a message; the rest is elided with "...". */
    private static final int QUOTE_LIMIT = 120;

    private AddressSyntax() {
    }

    /** An IPv4 address and port read from a tuple. */
    record HostPort(String host, int port) {
    }

    /** The three fields between four delimiters, and the index just past the last delimiter. */
    record ExtendedFields(String protocol, String address, String port, int end) {
    }

    /**
     * Finds the host-port tuple in a reply text: the first list of two or more comma-separated numbers,
     * wherever it stands (in parentheses, after {@code =}, or bare). Spaces around the commas are tolerated.
     * The list must not be glued to other text: a sign, letter or decimal point next to it is refused rather
     * than skipped, so {@code -1,...} or {@code 1,2,3,4,5,6.5} never yields a valid-looking address.
     *
     * @param text the reply text
     * @param what what the text is, for messages (for example {@code "227 reply"})
     * @return the IPv4 address and port
     * @throws FtpProtocolException if there is no tuple or it is malformed
     */
    static HostPort findTuple(String text, String what) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!IpLiteral.isAsciiDigit(text.charAt(i))) {
                i++;
                continue;
            }
            NumberList list = scanNumberList(text, i);
            if (list.count >= 2) {
                if (isGluedBefore(text, i) || (list.end < length && isGluedAfter(text, list.end))) {
                    throw new FtpProtocolException(what + " has an address tuple run together with other text"
                            + " (a sign, letter, decimal point or extra comma): " + quote(text));
                }
                return toHostPort(text, list, what);
            }
            i = list.end;
        }
        throw new FtpProtocolException(what + " names no address h1,h2,h3,h4,p1,p2: " + quote(text));
    }

    /**
     * Parses text that must be exactly a host-port tuple, as the argument of PORT.
     *
     * @param text the argument
     * @param what what the text is, for messages
     * @return the IPv4 address and port
     * @throws FtpProtocolException if the text is anything but a valid tuple
     */
    static HostPort parseTuple(String text, String what) {
        if (text.isEmpty() || !IpLiteral.isAsciiDigit(text.charAt(0))) {
            throw new FtpProtocolException(what + " must be h1,h2,h3,h4,p1,p2: " + quote(text));
        }
        NumberList list = scanNumberList(text, 0);
        if (list.end != text.length()) {
            throw new FtpProtocolException(what + " has text after h1,h2,h3,h4,p1,p2: " + quote(text));
        }
        return toHostPort(text, list, what);
    }

    /**
     * Splits {@code <d>field<d>field<d>field<d>} starting at a delimiter (RFC 2428 §2). The delimiter must be
     * printable ASCII (33 to 126, RFC 2428 §2) and, as this parser's choice, not a digit: a digit delimiter
     * could not be told apart from the port.
     *
     * @param text the text
     * @param start the index of the first delimiter
     * @param what what the text is, for messages
     * @return the three fields and the index just past the fourth delimiter
     * @throws FtpProtocolException if the delimiter is invalid or a delimiter is missing
     */
    static ExtendedFields splitExtended(String text, int start, String what) {
        if (start >= text.length()) {
            throw new FtpProtocolException(what + " ends before its delimiter: " + quote(text));
        }
        char delimiter = text.charAt(start);
        if (delimiter < 33 || delimiter > 126 || IpLiteral.isAsciiDigit(delimiter)) {
            throw new FtpProtocolException(what + " has an invalid delimiter " + describeChar(delimiter)
                    + " (RFC 2428: printable ASCII, here not a digit): " + quote(text));
        }
        String[] fields = new String[3];
        int from = start + 1;
        for (int i = 0; i < fields.length; i++) {
            int next = text.indexOf(delimiter, from);
            if (next < 0) {
                throw new FtpProtocolException(
                        what + " lacks the delimiters of <d>net-prt<d>net-addr<d>tcp-port<d>: " + quote(text));
            }
            fields[i] = text.substring(from, next);
            from = next + 1;
        }
        return new ExtendedFields(fields[0], fields[1], fields[2], from);
    }

    /**
     * Parses a TCP port written in decimal, 1 to 65535, at most five digits.
     *
     * @param digits the port field
     * @param what what the text is, for messages
     * @param text the whole text, quoted in messages
     * @return the port
     * @throws FtpProtocolException if the field is not a port
     */
    static int parsePort(String digits, String what, String text) {
        if (digits.isEmpty() || digits.length() > 5 || !allAsciiDigits(digits)) {
            throw new FtpProtocolException(what + " has no valid TCP port (1 to 65535): " + quote(text));
        }
        int port = Integer.parseInt(digits);
        if (port == 0 || port > 65535) {
            throw new FtpProtocolException(what + " names port " + port + ", outside 1 to 65535: " + quote(text));
        }
        return port;
    }

    /**
     * Quotes text for a message: control characters become {@code ?} so a message stays one readable line,
     * and long text is cut with {@code ...}.
     *
     * @param text the text
     * @return the text in double quotes
     */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), QUOTE_LIMIT) + 5).append('"');
        for (int i = 0; i < text.length() && i < QUOTE_LIMIT; i++) {
            char c = text.charAt(i);
            quoted.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > QUOTE_LIMIT) {
            quoted.append("...");
        }
        return quoted.append('"').toString();
    }

    private static HostPort toHostPort(String text, NumberList list, String what) {
        if (list.count != TUPLE_SIZE) {
            throw new FtpProtocolException(what + " has " + list.count
                    + " numbers where h1,h2,h3,h4,p1,p2 needs " + TUPLE_SIZE + ": " + quote(text));
        }
        int[] values = new int[TUPLE_SIZE];
        for (int i = 0; i < TUPLE_SIZE; i++) {
            String number = text.substring(list.starts[i], list.ends[i]);
            // Each number is one byte; more than three digits ("0000000000001") is not a byte written in decimal.
            if (number.length() > 3 || Integer.parseInt(number) > 255) {
                String shown = number.length() > 12 ? number.substring(0, 12) + "..." : number;
                throw new FtpProtocolException(
                        what + " has " + shown + " where a number from 0 to 255 belongs: " + quote(text));
            }
            values[i] = Integer.parseInt(number);
        }
        int port = values[4] * 256 + values[5];
        if (port == 0) {
            throw new FtpProtocolException(what + " names port 0: " + quote(text));
        }
        return new HostPort(values[0] + "." + values[1] + "." + values[2] + "." + values[3], port);
    }

    /** Where the numbers of a comma-separated list start and end; only the first TUPLE_SIZE are kept. */
    private static final class NumberList {
        final int[] starts = new int[TUPLE_SIZE];
        final int[] ends = new int[TUPLE_SIZE];
        int count;
        int end;
    }

    private static NumberList scanNumberList(String text, int start) {
        NumberList list = new NumberList();
        int i = start;
        while (true) {
            int digitsEnd = i;
            while (digitsEnd < text.length() && IpLiteral.isAsciiDigit(text.charAt(digitsEnd))) {
                digitsEnd++;
            }
            if (list.count < TUPLE_SIZE) {
                list.starts[list.count] = i;
                list.ends[list.count] = digitsEnd;
            }
            list.count++;
            list.end = digitsEnd;
            int comma = skipSpaces(text, digitsEnd);
            if (comma >= text.length() || text.charAt(comma) != ',') {
                return list;
            }
            int next = skipSpaces(text, comma + 1);
            if (next >= text.length() || !IpLiteral.isAsciiDigit(text.charAt(next))) {
                return list;
            }
            i = next;
        }
    }

    private static boolean isGluedBefore(String text, int index) {
        if (index == 0) {
            return false;
        }
        char before = text.charAt(index - 1);
        if (isWordChar(before) || before == '-' || before == '+' || before == '.') {
            return true;
        }
        int i = index - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && text.charAt(i) == ',';
    }

    private static boolean isGluedAfter(String text, int index) {
        char after = text.charAt(index);
        if (isWordChar(after) || after == '-' || after == '+') {
            return true;
        }
        int next = skipSpaces(text, index);
        if (next < text.length() && text.charAt(next) == ',') {
            return true;
        }
        // A sentence may end with '.', but "4,1.5" is a decimal number, not a tuple.
        return after == '.' && index + 1 < text.length() && isWordChar(text.charAt(index + 1));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int skipSpaces(String text, int index) {
        int i = index;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean allAsciiDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!IpLiteral.isAsciiDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String describeChar(char c) {
        return c >= 33 && c <= 126 ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
