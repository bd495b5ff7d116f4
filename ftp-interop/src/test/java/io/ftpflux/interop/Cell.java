package io.ftpflux.interop;

import io.ftpflux.reactive.DataConnectionMode;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpTls;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
     * Configures a client for the cell's security and data connection mode.
     *
     * @param builder the client, with host, port and credentials set
     * @param trustedCertificate the PEM certificate the server presents, needed by the FTPS cells
     * @return the builder
     */
    FtpClient.Builder configure(FtpClient.Builder builder, @Nullable Path trustedCertificate) {
        if (security != Security.PLAIN) {
            FtpTls tls = security == Security.IMPLICIT_TLS ? FtpTls.implicit() : FtpTls.explicit();
            builder.tls(tls.withTrustedCertificates(
                    Objects.requireNonNull(trustedCertificate, "an FTPS cell needs the server's certificate")));
        }
        return builder.dataConnectionMode(active ? DataConnectionMode.ACTIVE : DataConnectionMode.PASSIVE);
    }

    @Override
    public String toString() {
        return description;
    }
}
