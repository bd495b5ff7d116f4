package io.ftpflux.core.address;

import io.ftpflux.core.FtpProtocolException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Where a data connection goes: an IP address and a TCP port (RFC 959 §4.1.2 PORT/PASV, RFC 2428 EPRT/EPSV).
 *
 * <p>The host is always an IP literal, never a name: a data connection must reach the address already
 * decided on (the control connection's peer, or an announced address a policy accepted), and resolving a
 * name again would let DNS choose another host. The host is kept in canonical text: dotted decimal for IPv4,
 * RFC 5952 text for IPv6 ({@code 1080::8:800:200c:417a}), an IPv4-mapped IPv6 address as the IPv4 address it
 * embeds, and an IPv6 zone ({@code fe80::1%eth0}) kept for the socket but never written on the wire.
 *
 * <p>Active mode writes and reads the address as the argument of PORT ({@code h1,h2,h3,h4,p1,p2}, IPv4 only)
 * or EPRT ({@code |1|132.235.1.2|6275|}, {@code |2|1080::8:800:200c:417a|5282|}).
 *
 * @param host the IP literal, in canonical text
 * @param port the TCP port, 1 to 65535
 */
public record DataAddress(String host, int port) {

    /**
     * Validates the address and puts the host in canonical text.
     *
     * @param host an IPv4 or IPv6 literal, IPv6 optionally with {@code %zone}
     * @param port the TCP port, 1 to 65535
     * @throws IllegalArgumentException if the host is not an IP literal (a name is never resolved here) or
     *     the port is out of range
     */
    public DataAddress {
        Objects.requireNonNull(host, "host");
        host = requireLiteral(host, "data address host").text();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("data address port must be 1 to 65535: " + port);
        }
    }

    /**
     * Creates the address of a socket, as active mode announces its listener; an IPv6 scope is dropped,
     * since it means nothing to the server.
     *
     * @param address the IP address (no DNS lookup is made)
     * @param port the TCP port, 1 to 65535
     * @return the data address
     * @throws IllegalArgumentException if the port is out of range
     */
    public static DataAddress of(InetAddress address, int port) {
        return new DataAddress(IpLiteral.of(address).text(), port);
    }

    /**
     * Parses the argument of a PORT command (RFC 959 §4.1.2): {@code h1,h2,h3,h4,p1,p2}, each number 0 to 255
     * written in at most three digits, port {@code p1 * 256 + p2} not 0. Spaces around the commas are
     * tolerated, as in 227 replies; nothing else may surround the numbers.
     *
     * @param argument the PORT argument
     * @return the address
     * @throws FtpProtocolException if the argument is malformed
     */
    public static DataAddress parsePortArgument(String argument) {
        AddressSyntax.HostPort hostPort = AddressSyntax.parseTuple(argument, "PORT argument");
        return new DataAddress(hostPort.host(), hostPort.port());
    }

    /**
     * Parses the argument of an EPRT command (RFC 2428 §2): {@code <d>net-prt<d>net-addr<d>tcp-port<d>}, with
     * any printable ASCII delimiter except a digit, {@code net-prt} 1 with a dotted IPv4 address or 2 with an
     * IPv6 address (no zone), and a port from 1 to 65535.
     *
     * @param argument the EPRT argument
     * @return the address; an IPv4-mapped IPv6 address comes back as IPv4
     * @throws FtpProtocolException if the argument is malformed or names another protocol than IPv4 or IPv6
     */
    public static DataAddress parseEprtArgument(String argument) {
        String what = "EPRT argument";
        AddressSyntax.ExtendedFields fields = AddressSyntax.splitExtended(argument, 0, what);
        if (fields.end() != argument.length()) {
            throw new FtpProtocolException(what + " has text after its last delimiter: " + AddressSyntax.quote(argument));
        }
        AddressFamily family = switch (fields.protocol()) {
            case "1" -> AddressFamily.IPV4;
            case "2" -> AddressFamily.IPV6;
            default -> throw new FtpProtocolException(
                    what + " names network protocol " + AddressSyntax.quote(fields.protocol())
                            + "; only 1 (IPv4) and 2 (IPv6) exist for TCP: " + AddressSyntax.quote(argument));
        };
        String address = fields.address();
        boolean ipv6Text = address.indexOf(':') >= 0;
        IpLiteral literal = IpLiteral.parse(address);
        if (literal == null || address.indexOf('%') >= 0 || ipv6Text != (family == AddressFamily.IPV6)) {
            throw new FtpProtocolException(what + " has no valid " + (family == AddressFamily.IPV4 ? "IPv4" : "IPv6")
                    + " address for net-prt " + family.number() + ": " + AddressSyntax.quote(argument));
        }
        return new DataAddress(literal.text(), AddressSyntax.parsePort(fields.port(), what, argument));
    }

    /**
     * Returns the family of the host's address.
     *
     * @return {@link AddressFamily#IPV4} or {@link AddressFamily#IPV6}
     */
    public AddressFamily family() {
        return literal().family();
    }

    /**
     * Returns the argument of a PORT command for this address (RFC 959 §4.1.2); the same tuple is what a 227
     * reply carries.
     *
     * @return {@code h1,h2,h3,h4,p1,p2}
     * @throws IllegalStateException if the host is IPv6, which PORT cannot carry: use {@link #eprtArgument()}
     */
    public String portArgument() {
        IpLiteral literal = literal();
        if (literal.family() != AddressFamily.IPV4) {
            throw new IllegalStateException(
                    "PORT carries only IPv4 addresses (RFC 959 §4.1.2); use EPRT (RFC 2428) for " + host);
        }
        return literal.octet(0) + "," + literal.octet(1) + "," + literal.octet(2) + "," + literal.octet(3)
                + "," + (port >> 8) + "," + (port & 0xff);
    }

    /**
     * Returns the argument of an EPRT command for this address (RFC 2428 §2), with {@code |} as delimiter and
     * the host in canonical text without a zone.
     *
     * @return for example {@code |1|132.235.1.2|6275|} or {@code |2|1080::8:800:200c:417a|5282|}
     */
    public String eprtArgument() {
        IpLiteral literal = literal();
        return "|" + literal.family().number() + "|" + literal.wireText() + "|" + port + "|";
    }

    /**
     * Returns the address as {@code host:port}, with an IPv6 host in brackets (RFC 3986 §3.2.2).
     *
     * @return for example {@code 127.0.0.1:1025} or {@code [::1]:1025}
     */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    private IpLiteral literal() {
        // The constructor stored canonical literal text, so this cannot fail.
        return requireLiteral(host, "data address host");
    }

    static IpLiteral requireLiteral(String host, String what) {
        IpLiteral literal = IpLiteral.parse(host);
        if (literal == null) {
            throw new IllegalArgumentException(what + " must be an IP address literal, not a name"
                    + " (ftpflux makes no DNS lookup here): " + AddressSyntax.quote(host));
        }
        return literal;
    }
}
