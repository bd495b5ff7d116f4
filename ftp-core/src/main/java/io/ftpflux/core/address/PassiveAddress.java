package io.ftpflux.core.address;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.reply.FtpReply;
import org.jspecify.annotations.Nullable;

/**
 * The data address a server announced in passive mode, as it announced it: the host of a 227 reply to PASV
 * (RFC 959 §4.1.2, §4.2) or none for a 229 reply to EPSV (RFC 2428 §3), and the port.
 *
 * <p>An announced address is a claim, not a destination: {@link #resolve(String, PassiveAddressPolicy)} turns
 * it into the {@link DataAddress} to connect to, against the control connection's host and a policy. The
 * session can also ask {@link #hostDiffersFrom(String)} and {@link #isPrivilegedPort()} to log what it
 * overrides or refuses. Addresses are compared as IP literals; no DNS lookup is ever made.
 *
 * @param announcedHost the IPv4 address named by a 227 reply, in dotted decimal; {@code null} for a 229 reply
 * @param port the announced TCP port, 1 to 65535
 */
public record PassiveAddress(@Nullable String announcedHost, int port) {

    /** Ports below this one belong to system services. */
    private static final int FIRST_UNPRIVILEGED_PORT = 1024;

    /**
     * Validates the address and puts an announced host in canonical text.
     *
     * @param announcedHost an IP literal, or {@code null} when the reply named no host
     * @param port the TCP port, 1 to 65535
     * @throws IllegalArgumentException if the host is not an IP literal or the port is out of range
     */
    public PassiveAddress {
        if (announcedHost != null) {
            announcedHost = DataAddress.requireLiteral(announcedHost, "announced host").text();
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("passive port must be 1 to 65535: " + port);
        }
    }

    /**
     * Parses the reply to PASV (RFC 959 §4.1.2): a 227 whose text holds {@code h1,h2,h3,h4,p1,p2}, the port
     * being {@code p1 * 256 + p2}.
     *
     * <p>Servers word the text freely, so the tuple is the first comma-separated list of numbers in it, with or
     * without parentheses: {@code 227 Entering Passive Mode (127,0,0,1,156,64).}, {@code 227 =127,0,0,1,4,1},
     * {@code 227 Entering Passive Mode 127,0,0,1,4,1}. Spaces around the commas are tolerated although no
     * known server sends them. Refused: another code than 227, no list, a list of other than six numbers, a
     * number above 255 or written in more than three digits, a sign, letter, decimal point or extra comma
     * against the list, and port 0.
     *
     * @param reply the final reply to PASV
     * @return the announced address
     * @throws FtpProtocolException if the reply is not a well-formed 227
     */
    public static PassiveAddress parsePasvReply(FtpReply reply) {
        if (reply.code().value() != 227) {
            throw new FtpProtocolException("PASV expects a 227 reply, got " + AddressSyntax.quote(reply.toString()));
        }
        AddressSyntax.HostPort hostPort = AddressSyntax.findTuple(reply.text(), "227 reply");
        return new PassiveAddress(hostPort.host(), hostPort.port());
    }

    /**
     * Parses the reply to EPSV (RFC 2428 §3): a 229 whose text holds {@code (<d><d><d>port<d>)}, as in
     * {@code 229 Entering Extended Passive Mode (|||6446|)}.
     *
     * <p>The first {@code (} in the text opens the address. The delimiter is the character after it: any
     * printable ASCII character (33 to 126) but a digit, which could not be told from the port. RFC 2428 §3
     * requires the network protocol and address fields to be empty; a reply that fills them is refused rather
     * than half-read, since no deployed server sends one and its meaning is undefined. Also refused: another
     * code than 229, a port that is not 1 to 65535 in at most five digits, a missing delimiter or {@code )}.
     *
     * @param reply the final reply to EPSV
     * @return the announced port, with no host
     * @throws FtpProtocolException if the reply is not a well-formed 229
     */
    public static PassiveAddress parseEpsvReply(FtpReply reply) {
        if (reply.code().value() != 229) {
            throw new FtpProtocolException("EPSV expects a 229 reply, got " + AddressSyntax.quote(reply.toString()));
        }
        String text = reply.text();
        String what = "229 reply";
        int open = text.indexOf('(');
        if (open < 0) {
            throw new FtpProtocolException(what + " names no port (<d><d><d>port<d>): " + AddressSyntax.quote(text));
        }
        AddressSyntax.ExtendedFields fields = AddressSyntax.splitExtended(text, open + 1, what);
        if (!fields.protocol().isEmpty() || !fields.address().isEmpty()) {
            throw new FtpProtocolException(what + " fills the network protocol or address field, which RFC 2428 §3"
                    + " leaves empty: " + AddressSyntax.quote(text));
        }
        int port = AddressSyntax.parsePort(fields.port(), what, text);
        if (fields.end() >= text.length() || text.charAt(fields.end()) != ')') {
            throw new FtpProtocolException(what + " does not close its address with ')': " + AddressSyntax.quote(text));
        }
        return new PassiveAddress(null, port);
    }

    /**
     * Tells whether the reply named a host to connect to: a 229 reply names none, and neither does the
     * unspecified address {@code 0.0.0.0}, which servers behind NAT often announce.
     *
     * @return {@code true} if a specific host was announced
     */
    public boolean namesHost() {
        return namedHost() != null;
    }

    /**
     * Tells whether the announced host is another address than the control connection's host. IPv4-mapped
     * IPv6 addresses equal their IPv4 address ({@code ::ffff:127.0.0.1} is {@code 127.0.0.1}).
     *
     * @param controlHost the IP address of the control connection's peer, as a literal
     * @return {@code true} if a host was announced ({@link #namesHost()}) and it is another address
     * @throws IllegalArgumentException if the control host is not an IP literal (a name would need DNS)
     */
    public boolean hostDiffersFrom(String controlHost) {
        IpLiteral control = DataAddress.requireLiteral(controlHost, "control host");
        IpLiteral named = namedHost();
        return named != null && !named.sameAddress(control);
    }

    /**
     * Tells whether the announced port is below 1024, where system services listen.
     *
     * @return {@code true} for ports 1 to 1023
     */
    public boolean isPrivilegedPort() {
        return port < FIRST_UNPRIVILEGED_PORT;
    }

    /**
     * Decides where the data connection goes, following the policy: the control host, or the announced host
     * under {@link PassiveHostPolicy#TRUST_ANNOUNCED} when the reply named one. Pass the address the control
     * connection is actually connected to, not the name the user typed, so that DNS cannot move the data
     * connection elsewhere.
     *
     * @param controlHost the IP address of the control connection's peer, as a literal (an IPv6 zone is kept)
     * @param policy the passive address policy
     * @return the address to connect to
     * @throws FtpSecurityException if the port is below 1024 and the policy does not allow it, or the policy is
     *     {@link PassiveHostPolicy#REFUSE_MISMATCH} and the announced host {@linkplain #hostDiffersFrom differs}
     * @throws IllegalArgumentException if the control host is not an IP literal
     */
    public DataAddress resolve(String controlHost, PassiveAddressPolicy policy) {
        IpLiteral control = DataAddress.requireLiteral(controlHost, "control host");
        if (isPrivilegedPort() && !policy.allowPrivilegedPorts()) {
            throw new FtpSecurityException("server announced data port " + port
                    + ", below 1024 where system services listen; refused by the passive address policy");
        }
        IpLiteral named = namedHost();
        IpLiteral target = switch (policy.hostPolicy()) {
            case USE_CONTROL_HOST -> control;
            case TRUST_ANNOUNCED -> named != null ? named : control;
            case REFUSE_MISMATCH -> {
                if (named != null && !named.sameAddress(control)) {
                    throw new FtpSecurityException("server announced data address " + named.text() + " but the"
                            + " control connection is to " + control.text() + "; refused by policy REFUSE_MISMATCH");
                }
                yield control;
            }
        };
        return new DataAddress(target.text(), port);
    }

    private @Nullable IpLiteral namedHost() {
        if (announcedHost == null) {
            return null;
        }
        IpLiteral literal = DataAddress.requireLiteral(announcedHost, "announced host");
        return literal.isUnspecified() ? null : literal;
    }
}
