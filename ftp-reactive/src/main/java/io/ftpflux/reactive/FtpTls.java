package io.ftpflux.reactive;

import io.ftpflux.core.command.ProtectionLevel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Immutable FTPS settings (RFC 4217, FTP over TLS): explicit ({@code AUTH TLS} on the normal port) or implicit
 * (TLS from the first byte), whom to trust, which protocols, and how data connections are protected.
 *
 * <p>Secure by default: the JDK's default trust store, host name verification on the control and every data
 * connection (the server's certificate must name the host the client connects to), TLS 1.3 and 1.2 only,
 * and private data connections ({@code PROT P}). Data connections resume the control connection's TLS session,
 * as servers such as vsftpd ({@code require_ssl_reuse}) and ProFTPD demand; each session has its own session
 * cache, so no TLS session is shared between sessions. ftpflux never falls back to plain FTP: a refused
 * {@code AUTH TLS} or {@code PROT P} fails the connect with {@link io.ftpflux.core.FtpSecurityException}.
 *
 * <pre>{@code
 * FtpClient client = FtpClient.builder()
 *         .host("ftp.example.com")
 *         .tls(FtpTls.explicit().withTrustedCertificates(Path.of("server.crt")))
 *         .credentials(FtpCredentials.of("alice", secret))
 *         .build();
 * }</pre>
 */
public final class FtpTls {

    /** How TLS starts on the control connection (RFC 4217 §4; implicit FTPS predates it). */
    public enum Mode {
        /** {@code AUTH TLS} after the greeting, on the normal FTP port (RFC 4217 §4). */
        EXPLICIT,
        /** TLS from the first byte, conventionally on port 990. */
        IMPLICIT
    }

    private static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final Mode mode;
    private final X509Certificate @Nullable [] trustedCertificates;
    private final @Nullable TrustManagerFactory trustManagers;
    private final boolean trustAll;
    private final @Nullable KeyManagerFactory keyManagers;
    private final List<String> protocols;
    private final ProtectionLevel dataProtection;
    private final boolean clearCommandChannel;

    private FtpTls(Mode mode, X509Certificate @Nullable [] trustedCertificates,
            @Nullable TrustManagerFactory trustManagers, boolean trustAll, @Nullable KeyManagerFactory keyManagers,
            List<String> protocols, ProtectionLevel dataProtection, boolean clearCommandChannel) {
        this.mode = mode;
        this.trustedCertificates = trustedCertificates;
        this.trustManagers = trustManagers;
        this.trustAll = trustAll;
        this.keyManagers = keyManagers;
        this.protocols = protocols;
        this.dataProtection = dataProtection;
        this.clearCommandChannel = clearCommandChannel;
    }

    /**
     * Returns settings for explicit FTPS: the client connects in the clear, reads the greeting and sends
     * {@code AUTH TLS} (RFC 4217 §4), on the port the client names (21 unless set).
     *
     * @return the settings, with the defaults
     */
    public static FtpTls explicit() {
        return new FtpTls(Mode.EXPLICIT, null, null, false, null, DEFAULT_PROTOCOLS, ProtectionLevel.PRIVATE,
                false);
    }

    /**
     * Returns settings for implicit FTPS: TLS from the first byte, before the greeting. A client with these
     * settings and no port of its own connects to port 990.
     *
     * @return the settings, with the defaults
     */
    public static FtpTls implicit() {
        return new FtpTls(Mode.IMPLICIT, null, null, false, null, DEFAULT_PROTOCOLS, ProtectionLevel.PRIVATE,
                false);
    }

    /**
     * Returns these settings trusting only the certificates in a PEM file (for a self-signed server, or a private
     * certificate authority) instead of the JDK's default trust store. The file is read now.
     *
     * @param pemFile a file of one or more {@code -----BEGIN CERTIFICATE-----} blocks
     * @return new settings
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no certificate or a malformed one
     */
    public FtpTls withTrustedCertificates(Path pemFile) {
        Objects.requireNonNull(pemFile, "pemFile");
        X509Certificate[] certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trusted certificates from " + pemFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM file of certificates: " + pemFile, e);
        }
        if (certificates.length == 0) {
            throw new IllegalArgumentException("no certificate in " + pemFile);
        }
        return new FtpTls(mode, certificates, null, false, keyManagers, protocols, dataProtection,
                clearCommandChannel);
    }

    /**
     * Returns these settings trusting the certificates of a key store instead of the JDK's default trust store.
     *
     * @param trustStore the trusted certificates
     * @return new settings
     * @throws IllegalArgumentException if the key store cannot serve as a trust store
     */
    public FtpTls withTrustStore(KeyStore trustStore) {
        Objects.requireNonNull(trustStore, "trustStore");
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            return new FtpTls(mode, null, factory, false, keyManagers, protocols, dataProtection,
                    clearCommandChannel);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the key store as a trust store", e);
        }
    }

    /**
     * Returns these settings trusting <em>every</em> certificate, for any host name: the connection is encrypted
     * but anyone between the client and the server can read and change it. For tests against throwaway servers
     * only; a client built with these settings logs a warning.
     *
     * @return new settings that check neither certificates nor host names
     */
    public FtpTls insecureTrustAllCertificates() {
        return new FtpTls(mode, null, null, true, keyManagers, protocols, dataProtection, clearCommandChannel);
    }

    /**
     * Returns these settings presenting a client certificate, for servers that authenticate clients by
     * certificate.
     *
     * @param keyStore the key store holding the private key and its certificate chain
     * @param password the password of the key (the array is not kept)
     * @return new settings
     * @throws IllegalArgumentException if the key store's key cannot be used
     */
    public FtpTls withClientCertificate(KeyStore keyStore, char[] password) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore, password);
            return withClientCertificate(factory);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the key store's key as a client certificate", e);
        }
    }

    /**
     * Returns these settings presenting the client certificate the key managers choose.
     *
     * @param keyManagers initialised key managers
     * @return new settings
     */
    public FtpTls withClientCertificate(KeyManagerFactory keyManagers) {
        Objects.requireNonNull(keyManagers, "keyManagers");
        return new FtpTls(mode, trustedCertificates, trustManagers, trustAll, keyManagers, protocols, dataProtection,
                clearCommandChannel);
    }

    /**
     * Returns these settings allowing only the given TLS protocol versions.
     *
     * @param protocols JDK protocol names, for example {@code "TLSv1.3"}; {@code TLSv1.3} and {@code TLSv1.2}
     *     unless set
     * @return new settings
     * @throws IllegalArgumentException if none is given
     */
    public FtpTls withProtocols(String... protocols) {
        List<String> chosen = List.of(protocols);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol is required");
        }
        return new FtpTls(mode, trustedCertificates, trustManagers, trustAll, keyManagers, chosen, dataProtection,
                clearCommandChannel);
    }

    /**
     * Returns these settings with another protection of data connections (RFC 2228 §3, RFC 4217 §9).
     *
     * @param level {@link ProtectionLevel#PRIVATE} ({@code PROT P}, the default: TLS on every data connection)
     *     or {@link ProtectionLevel#CLEAR} ({@code PROT C}: data in the clear, only the control connection
     *     encrypted)
     * @return new settings
     * @throws IllegalArgumentException for {@link ProtectionLevel#SAFE} and {@link ProtectionLevel#CONFIDENTIAL},
     *     which TLS does not define (RFC 4217 §9)
     */
    public FtpTls withDataProtection(ProtectionLevel level) {
        Objects.requireNonNull(level, "level");
        if (level != ProtectionLevel.PRIVATE && level != ProtectionLevel.CLEAR) {
            throw new IllegalArgumentException("FTPS protects data connections with PROT P or PROT C only: " + level);
        }
        return new FtpTls(mode, trustedCertificates, trustManagers, trustAll, keyManagers, protocols, level,
                clearCommandChannel);
    }

    /**
     * Returns these settings with or without clearing the control connection after login ({@code CCC}, RFC 4217
     * §12.3), for firewalls and NAT devices that must read the data connections' addresses in {@code PASV},
     * {@code EPSV} or {@code PORT}.
     *
     * <p>After login and {@code PBSZ}/{@code PROT}, the client sends {@code CCC}; on its 200 both sides end TLS on
     * the control connection with a {@code close_notify} exchange, and the TCP connection carries the rest of the
     * session in the clear: the credentials were sent encrypted, later commands and replies are not. Data
     * connections keep their protection ({@code PROT P} unless set). A server that refuses {@code CCC} fails the
     * connect with {@link io.ftpflux.core.FtpSecurityException}: the session could not work as configured.
     *
     * @param clear {@code true} to send {@code CCC}; off unless set
     * @return new settings
     */
    public FtpTls withClearCommandChannel(boolean clear) {
        return new FtpTls(mode, trustedCertificates, trustManagers, trustAll, keyManagers, protocols, dataProtection,
                clear);
    }

    /**
     * Tells whether the control connection is cleared after login ({@link #withClearCommandChannel(boolean)}).
     *
     * @return {@code true} if {@code CCC} is sent
     */
    public boolean clearCommandChannel() {
        return clearCommandChannel;
    }

    /**
     * Returns how TLS starts.
     *
     * @return explicit or implicit
     */
    public Mode mode() {
        return mode;
    }

    /**
     * Returns the TLS protocol versions allowed.
     *
     * @return JDK protocol names
     */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * Returns the protection of data connections.
     *
     * @return {@link ProtectionLevel#PRIVATE} unless set
     */
    public ProtectionLevel dataProtection() {
        return dataProtection;
    }

    /**
     * Tells whether certificates and host names go unchecked ({@link #insecureTrustAllCertificates()}).
     *
     * @return {@code true} if anything is trusted
     */
    public boolean trustsAllCertificates() {
        return trustAll;
    }

    /**
     * Builds a new client TLS context: one per session, so that each session has its own session cache (which
     * is what data connections resume from). It may read the JDK's default trust store, so callers build it off
     * event loops.
     */
    SslContext newContext() throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(protocols)
                // Host names are verified on each engine (see ControlTls), where the peer is known.
                .endpointIdentificationAlgorithm(null)
                .keyManager(keyManagers);
        if (trustAll) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (trustedCertificates != null) {
            builder.trustManager(trustedCertificates);
        } else if (trustManagers != null) {
            builder.trustManager(trustManagers);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "FtpTls[" + mode + ", " + String.join("/", protocols) + ", PROT " + dataProtection.code()
                + (trustAll ? ", INSECURE: trusts all certificates" : "")
                + (trustedCertificates != null ? ", trusts " + trustedCertificates.length + " certificate(s)" : "")
                + (clearCommandChannel ? ", CCC after login" : "")
                + "]";
    }
}
