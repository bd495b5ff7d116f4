package io.ftpflux.testkit.fault;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The data-connection address forms: PASV and PORT (RFC 959 §4.1.2) and EPSV and EPRT (RFC 2428).
 * Parsing never resolves a host name: only literal addresses are accepted.
 */
final class DataAddresses {

    private DataAddresses() {
    }

    static String pasvReply(byte[] ipv4, int port) {
        return String.format(Locale.ROOT, "227 Entering Passive Mode (%d,%d,%d,%d,%d,%d).\r\n",
                ipv4[0] & 0xFF, ipv4[1] & 0xFF, ipv4[2] & 0xFF, ipv4[3] & 0xFF, port >> 8, port & 0xFF);
    }

    static String epsvReply(int port) {
        return "229 Entering Extended Passive Mode (|||" + port + "|).\r\n";
    }

    /** Four octets from {@code "a.b.c.d"}; throws {@link IllegalArgumentException} for anything else. */
    static byte[] parseDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + host);
        }
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = parseBounded(parts[i], 255);
            if (octet < 0) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + host);
            }
            octets[i] = (byte) octet;
        }
        return octets;
    }

    /** {@code h1,h2,h3,h4,p1,p2} as an address, or null when malformed. */
    static @Nullable InetSocketAddress parsePort(String argument) {
        String[] parts = argument.trim().split(",", -1);
        if (parts.length != 6) {
            return null;
        }
        int[] numbers = new int[6];
        for (int i = 0; i < 6; i++) {
            numbers[i] = parseBounded(parts[i].trim(), 255);
            if (numbers[i] < 0) {
                return null;
            }
        }
        byte[] octets = {(byte) numbers[0], (byte) numbers[1], (byte) numbers[2], (byte) numbers[3]};
        return address(octets, numbers[4] << 8 | numbers[5]);
    }

    /** {@code <d>proto<d>address<d>port<d>} as an address, or null when malformed (RFC 2428 §2). */
    static @Nullable InetSocketAddress parseEprt(String argument) {
        String text = argument.trim();
        if (text.length() < 2) {
            return null;
        }
        char delimiter = text.charAt(0);
        if (delimiter < 33 || delimiter > 126 || text.charAt(text.length() - 1) != delimiter) {
            return null;
        }
        String[] fields = text.substring(1, text.length() - 1).split(Pattern.quote(String.valueOf(delimiter)), -1);
        if (fields.length != 3) {
            return null;
        }
        int port = parseBounded(fields[2], 0xFFFF);
        if (port < 0) {
            return null;
        }
        if (fields[0].equals("1")) {
            try {
                return address(parseDottedQuad(fields[1]), port);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        if (fields[0].equals("2") && fields[1].matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            try {
                // A literal with a colon is parsed, never looked up.
                return new InetSocketAddress(InetAddress.getByName(fields[1]), port);
            } catch (UnknownHostException malformed) {
                return null;
            }
        }
        return null;
    }

    /** A non-negative decimal of at most {@code max}, or -1. */
    private static int parseBounded(String digits, int max) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(digits);
        return value > max ? -1 : value;
    }

    private static InetSocketAddress address(byte[] octets, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(octets), port);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four octets are always an address", impossible);
        }
    }
}
