package io.ftpflux.core.address;

import java.net.InetAddress;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An IP address written as a literal, parsed by hand so that no text ever reaches a DNS resolver.
 *
 * <p>{@code InetAddress.getByName} would accept the same literals but silently falls back to a DNS lookup on
 * anything it does not recognise; here, text that is not a literal is simply not an address. IPv4 is the
 * dotted-decimal form of RFC 3986 §3.2.2 (four decimal octets, no leading zeros, which some resolvers read as
 * octal); IPv6 is any text form of RFC 4291 §2.2, optionally followed by {@code %zone} (RFC 4007 §11).
 * IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2) are the IPv4 host they embed, as
 * with {@link InetAddress}.
 */
final class IpLiteral {

    private static final int IPV6_GROUPS = 8;

    private final byte[] bytes;
    private final @Nullable String zone;

    private IpLiteral(byte[] bytes, @Nullable String zone) {
        this.bytes = bytes;
        this.zone = zone;
    }

    /**
     * Parses an IP literal.
     *
     * @param text the candidate literal
     * @return the address, or {@code null} if the text is not an IP literal (for example a host name)
     */
    static @Nullable IpLiteral parse(String text) {
        byte[] ipv4 = parseIpv4(text);
        if (ipv4 != null) {
            return new IpLiteral(ipv4, null);
        }
        int percent = text.indexOf('%');
        String zone = null;
        String address = text;
        if (percent >= 0) {
            zone = text.substring(percent + 1);
            address = text.substring(0, percent);
            if (!isValidZone(zone)) {
                return null;
            }
        }
        byte[] ipv6 = parseIpv6(address);
        if (ipv6 == null) {
            return null;
        }
        if (isIpv4Mapped(ipv6)) {
            // An IPv4 host has no zone; a zone here is a contradiction, not something to drop.
            return zone == null ? new IpLiteral(Arrays.copyOfRange(ipv6, 12, 16), null) : null;
        }
        return new IpLiteral(ipv6, zone);
    }

    /**
     * Returns the literal of an address, without its scope: the caller wants the address to announce.
     *
     * @param address an IPv4 or IPv6 address
     * @return the literal
     */
    static IpLiteral of(InetAddress address) {
        byte[] raw = address.getAddress();
        return raw.length == 16 && isIpv4Mapped(raw)
                ? new IpLiteral(Arrays.copyOfRange(raw, 12, 16), null)
                : new IpLiteral(raw, null);
    }

    /**
     * Returns the address family.
     *
     * @return {@link AddressFamily#IPV4} for four bytes, {@link AddressFamily#IPV6} for sixteen
     */
    AddressFamily family() {
        return bytes.length == 4 ? AddressFamily.IPV4 : AddressFamily.IPV6;
    }

    /**
     * Returns one byte of the address as an unsigned value.
     *
     * @param index 0 to 3 for IPv4, 0 to 15 for IPv6
     * @return the byte, 0 to 255
     */
    int octet(int index) {
        return bytes[index] & 0xff;
    }

    /**
     * Tells whether this is the unspecified address ({@code 0.0.0.0} or {@code ::}), which names no host.
     *
     * @return {@code true} if every byte is zero
     */
    boolean isUnspecified() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether two literals denote the same address; zones are ignored, IPv4-mapped forms already are
     * IPv4.
     *
     * @param other the other literal
     * @return {@code true} for equal address bytes
     */
    boolean sameAddress(IpLiteral other) {
        return Arrays.equals(bytes, other.bytes);
    }

    /**
     * Returns the canonical text with the zone, if any: what a socket needs to reach the host.
     *
     * @return dotted decimal for IPv4, RFC 5952 text with {@code %zone} for IPv6
     */
    String text() {
        return zone == null ? wireText() : wireText() + '%' + zone;
    }

    /**
     * Returns the canonical text without a zone: what goes on the wire (a zone only means something on the
     * host that wrote it).
     *
     * @return dotted decimal for IPv4 (RFC 3986 §3.2.2), RFC 5952 §4 text for IPv6
     */
    String wireText() {
        if (bytes.length == 4) {
            return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3);
        }
        int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            groups[i] = octet(2 * i) << 8 | octet(2 * i + 1);
        }
        // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < IPV6_GROUPS; i++) {
            int length = 0;
            while (i + length < IPV6_GROUPS && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += length;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    private static boolean isIpv4Mapped(byte[] ipv6) {
        for (int i = 0; i < 10; i++) {
            if (ipv6[i] != 0) {
                return false;
            }
        }
        return ipv6[10] == (byte) 0xff && ipv6[11] == (byte) 0xff;
    }

    private static boolean isValidZone(String zone) {
        if (zone.isEmpty()) {
            return false;
        }
        for (int i = 0; i < zone.length(); i++) {
            char c = zone.charAt(i);
            if (!(isAsciiLetter(c) || isAsciiDigit(c) || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static byte @Nullable [] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (!isAsciiDigit(c)) {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            address[i] = (byte) value;
        }
        return address;
    }

    private static byte @Nullable [] parseIpv6(String text) {
        int doubleColon = text.indexOf("::");
        int[] groups;
        if (doubleColon < 0) {
            groups = parseGroups(text, true);
            if (groups == null || groups.length != IPV6_GROUPS) {
                return null;
            }
        } else {
            if (text.indexOf("::", doubleColon + 1) >= 0) {
                return null;
            }
            int[] head = parseGroups(text.substring(0, doubleColon), false);
            int[] tail = parseGroups(text.substring(doubleColon + 2), true);
            // "::" stands for at least one zero group (RFC 4291 §2.2).
            if (head == null || tail == null || head.length + tail.length >= IPV6_GROUPS) {
                return null;
            }
            groups = new int[IPV6_GROUPS];
            System.arraycopy(head, 0, groups, 0, head.length);
            System.arraycopy(tail, 0, groups, IPV6_GROUPS - tail.length, tail.length);
        }
        byte[] address = new byte[16];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            address[2 * i] = (byte) (groups[i] >> 8);
            address[2 * i + 1] = (byte) groups[i];
        }
        return address;
    }

    /** Parses colon-separated hex groups; the last one may be dotted IPv4 (two groups) if it ends the address. */
    private static int @Nullable [] parseGroups(String text, boolean endsAddress) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] pieces = text.split(":", -1);
        if (pieces.length > IPV6_GROUPS) {
            return null;
        }
        int[] groups = new int[IPV6_GROUPS];
        int count = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (endsAddress && i == pieces.length - 1 && piece.indexOf('.') >= 0) {
                byte[] ipv4 = parseIpv4(piece);
                if (ipv4 == null || count + 2 > IPV6_GROUPS) {
                    return null;
                }
                groups[count++] = (ipv4[0] & 0xff) << 8 | (ipv4[1] & 0xff);
                groups[count++] = (ipv4[2] & 0xff) << 8 | (ipv4[3] & 0xff);
            } else {
                int group = parseHexGroup(piece);
                if (group < 0) {
                    return null;
                }
                groups[count++] = group;
            }
        }
        return Arrays.copyOf(groups, count);
    }

    private static int parseHexGroup(String piece) {
        if (piece.isEmpty() || piece.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < piece.length(); i++) {
            int digit = hexValue(piece.charAt(i));
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static int hexValue(char c) {
        if (isAsciiDigit(c)) {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
