package io.ftpflux.interop;

import io.ftpflux.reactive.DataConnectionMode;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpTls;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One way of reaching a server: plain or FTPS (TLS 1.3, or TLS 1.2 with or without session tickets), passive or active
 * data connections, over IPv4 or IPv6. The suite runs every check of the contract in every cell a server has.
 */
enum Cell {
    PLAIN_PASSIVE_IPV4("plain, passive, IPv4", "plain-pasv-4", false, Security.PLAIN, null, false, true),
    PLAIN_PASSIVE_IPV6("plain, passive, IPv6", "plain-pasv-6", true, Security.PLAIN, null, false, false),
    EXPLICIT_FTPS_TLS13_PASSIVE_IPV4("explicit FTPS TLS 1.3, passive, IPv4", "ftps13-pasv-4", false,
            Security.EXPLICIT_TLS, Tls.V1_3, false, true),
    EXPLICIT_FTPS_TLS12_PASSIVE_IPV4("explicit FTPS TLS 1.2, passive, IPv4", "ftps12-pasv-4", false,
            Security.EXPLICIT_TLS, Tls.V1_2, false, true),
    EXPLICIT_FTPS_TLS12_SESSION_IDS_PASSIVE_IPV4(
            "explicit FTPS TLS 1.2 (session IDs: ticket extension off), passive, IPv4", "ftps12id-pasv-4", false,
            Security.EXPLICIT_TLS, Tls.V1_2_SESSION_IDS, false, true),
    EXPLICIT_FTPS_TLS13_PASSIVE_IPV6("explicit FTPS TLS 1.3, passive, IPv6", "ftps13-pasv-6", true,
            Security.EXPLICIT_TLS, Tls.V1_3, false, false),
    EXPLICIT_FTPS_TLS12_PASSIVE_IPV6("explicit FTPS TLS 1.2, passive, IPv6", "ftps12-pasv-6", true,
            Security.EXPLICIT_TLS, Tls.V1_2, false, false),
    EXPLICIT_FTPS_TLS12_SESSION_IDS_PASSIVE_IPV6(
            "explicit FTPS TLS 1.2 (session IDs: ticket extension off), passive, IPv6", "ftps12id-pasv-6", true,
            Security.EXPLICIT_TLS, Tls.V1_2_SESSION_IDS, false, false),
    IMPLICIT_FTPS_TLS13_PASSIVE_IPV4("implicit FTPS TLS 1.3, passive, IPv4", "ftpsi13-pasv-4", false,
            Security.IMPLICIT_TLS, Tls.V1_3, false, false),
    IMPLICIT_FTPS_TLS12_PASSIVE_IPV4("implicit FTPS TLS 1.2, passive, IPv4", "ftpsi12-pasv-4", false,
            Security.IMPLICIT_TLS, Tls.V1_2, false, false),
    PLAIN_ACTIVE_IPV4("plain, active, IPv4", "plain-port-4", false, Security.PLAIN, null, true, true),
    PLAIN_ACTIVE_IPV6("plain, active, IPv6", "plain-port-6", true, Security.PLAIN, null, true, false),
    EXPLICIT_FTPS_TLS13_ACTIVE_IPV4("explicit FTPS TLS 1.3, active, IPv4", "ftps13-port-4", false,
            Security.EXPLICIT_TLS, Tls.V1_3, true, false),
    EXPLICIT_FTPS_TLS12_ACTIVE_IPV4("explicit FTPS TLS 1.2, active, IPv4", "ftps12-port-4", false,
            Security.EXPLICIT_TLS, Tls.V1_2, true, false),
    EXPLICIT_FTPS_TLS12_SESSION_IDS_ACTIVE_IPV4(
            "explicit FTPS TLS 1.2 (session IDs: ticket extension off), active, IPv4", "ftps12id-port-4", false,
            Security.EXPLICIT_TLS, Tls.V1_2_SESSION_IDS, true, false);

    /** The system property that switches the JDK's TLS client session tickets off; read once per JVM. */
    static final String TICKET_EXTENSION_PROPERTY = "jdk.tls.client.enableSessionTicketExtension";

    /**
     * The TLS version an FTPS cell pins (RFC 8446 for 1.3, RFC 5246 for 1.2), and for 1.2 how sessions resume.
     */
    enum Tls {
        /** TLS 1.3: data connections resume by session tickets, one per connection. */
        V1_3("TLSv1.3", false),
        /** TLS 1.2 in a JVM with the JDK's defaults: the client offers session tickets (RFC 5077). */
        V1_2("TLSv1.2", false),
        /**
         * TLS 1.2 in a JVM started with {@code -Djdk.tls.client.enableSessionTicketExtension=false}: no tickets,
         * sessions resume by ID (RFC 5246 §7.3). The flag is JVM-wide, so these cells run in a JVM of their own.
         */
        V1_2_SESSION_IDS("TLSv1.2", true);

        private final String protocol;
        private final boolean ticketExtensionOff;

        Tls(String protocol, boolean ticketExtensionOff) {
            this.protocol = protocol;
            this.ticketExtensionOff = ticketExtensionOff;
        }

        /** The JSSE protocol name. */
        String protocol() {
            return protocol;
        }
    }

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
    private final @Nullable Tls tls;
    private final boolean active;
    private final boolean fullSizeLargeFile;

    Cell(String description, String slug, boolean ipv6, Security security, @Nullable Tls tls, boolean active,
            boolean fullSizeLargeFile) {
        this.description = description;
        this.slug = slug;
        this.ipv6 = ipv6;
        this.security = security;
        this.tls = tls;
        this.active = active;
        this.fullSizeLargeFile = fullSizeLargeFile;
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

    /**
     * Returns the TLS version the cell pins.
     *
     * @return the version, or {@code null} for a plain cell
     */
    @Nullable Tls tls() {
        return tls;
    }

    /**
     * Whether the large-file check moves the full configured size here; the other cells move
     * {@link InteropSettings#REDUCED_LARGE_FILE_MIB} MiB, which keeps the code paths and the suite's run time.
     */
    boolean fullSizeLargeFile() {
        return fullSizeLargeFile;
    }

    /**
     * Whether this JVM can run the cell: the session-ID cells need the JDK's ticket extension off, every other cell
     * needs it as the JDK ships it (on), so each JVM runs its own share.
     */
    boolean runsInThisJvm() {
        boolean needsTicketsOff = tls != null && tls.ticketExtensionOff;
        return needsTicketsOff == ticketExtensionOffInThisJvm();
    }

    /** Whether this JVM was started with the JDK's TLS client session ticket extension off. */
    static boolean ticketExtensionOffInThisJvm() {
        return "false".equalsIgnoreCase(System.getProperty(TICKET_EXTENSION_PROPERTY, "true").trim());
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
            FtpTls base = security == Security.IMPLICIT_TLS ? FtpTls.implicit() : FtpTls.explicit();
            builder.tls(base.withTrustedCertificates(
                    Objects.requireNonNull(trustedCertificate, "an FTPS cell needs the server's certificate"))
                    .withProtocols(Objects.requireNonNull(tls, "an FTPS cell pins a TLS version").protocol()));
        }
        return builder.dataConnectionMode(active ? DataConnectionMode.ACTIVE : DataConnectionMode.PASSIVE);
    }

    @Override
    public String toString() {
        return description;
    }
}
