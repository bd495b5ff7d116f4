package io.ftpflux.interop;

import java.util.Optional;

/**
 * One way of reaching a server: plain or FTPS, passive or active data connections, over IPv4 or IPv6. The suite runs
 * every check of the contract in every cell a server has.
 */
enum Cell {
    PLAIN_PASSIVE_IPV4("plain, passive, IPv4", "plain-pasv-4", false, Security.PLAIN, false),
    PLAIN_PASSIVE_IPV6("plain, passive, IPv6", "plain-pasv-6", true, Security.PLAIN, false),
    EXPLICIT_FTPS_PASSIVE("explicit FTPS, passive, IPv4", "ftps-pasv-4", false, Security.EXPLICIT_TLS, false),
    IMPLICIT_FTPS_PASSIVE("implicit FTPS, passive, IPv4", "ftpsi-pasv-4", false, Security.IMPLICIT_TLS, false),
    PLAIN_ACTIVE_IPV4("plain, active, IPv4", "plain-port-4", false, Security.PLAIN, true),
    PLAIN_ACTIVE_IPV6("plain, active, IPv6", "plain-port-6", true, Security.PLAIN, true),
    EXPLICIT_FTPS_ACTIVE("explicit FTPS, active, IPv4", "ftps-port-4", false, Security.EXPLICIT_TLS, true);

    /** How the connections are protected (RFC 4217). */
    enum Security {
        /** No TLS. */
        PLAIN,
        /**
         * AUTH TLS on the control connection, then PBSZ 0 and PROT P: every data connection in TLS, resuming the
         * control connection's TLS session.
         */
        EXPLICIT_TLS,
        /** TLS from the first byte of the control connection, and PROT P. */
        IMPLICIT_TLS
    }

    private final String description;
    private final String slug;
    private final boolean ipv6;
    private final Security security;
    private final boolean active;

    Cell(String description, String slug, boolean ipv6, Security security, boolean active) {
        this.description = description;
        this.slug = slug;
        this.ipv6 = ipv6;
        this.security = security;
        this.active = active;
    }

    /** What the cell means, for the result table. */
    String description() {
        return description;
    }

    /** A short form for remote directory names. */
    String slug() {
        return slug;
    }

    /** Whether the client connects to {@code ::1} instead of {@code 127.0.0.1}. */
    boolean ipv6() {
        return ipv6;
    }

    Security security() {
        return security;
    }

    /** Whether the server connects to the client for data (EPRT/PORT) instead of the client to the server. */
    boolean active() {
        return active;
    }

    /** The loopback address of the cell's family. */
    String host() {
        return ipv6 ? "::1" : "127.0.0.1";
    }

    /**
     * Tells why this branch's client cannot run the cell, if it cannot.
     *
     * @return the reason, naming the switch in {@link ClientApis}; empty when the cell runs
     */
    Optional<String> unavailable() {
        if (security != Security.PLAIN && !ClientApis.TLS) {
            return Optional.of("needs FtpClient.Builder.tls(FtpTls) from branch tls, not merged yet "
                    + "(switch: ClientApis.TLS)");
        }
        if (active && !ClientApis.ACTIVE) {
            return Optional.of("needs DataConnectionMode.ACTIVE from branch active, not merged yet "
                    + "(switch: ClientApis.ACTIVE)");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return description;
    }
}
