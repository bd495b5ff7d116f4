package io.ftpflux.testkit.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The self-signed certificate and private key for {@code localhost} shipped with ftp-testkit, for test servers to
 * present and test clients to trust.
 *
 * <p>The certificate has the subject {@code CN=localhost} and the subject alternative names {@code DNS:localhost},
 * {@code IP:127.0.0.1} and {@code IP:::1}, so a client that verifies host names (RFC 6125; in the JDK,
 * {@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")}) accepts it under any of those names. It is valid
 * from 2020 to 2119. The keystore is the class path resource {@value #KEYSTORE_RESOURCE} (PKCS12, alias
 * {@value #ALIAS}, password {@value #KEYSTORE_PASSWORD}); {@code generate-keystore.sh} next to it regenerates it.
 *
 * <p>Test material only: its private key is public.
 */
public final class LocalhostCertificate {

    /** The class path resource holding the PKCS12 keystore. */
    public static final String KEYSTORE_RESOURCE = "/io/ftpflux/testkit/tls/localhost.p12";

    /** The password of the keystore and of its private key. */
    public static final String KEYSTORE_PASSWORD = "ftpflux-testkit";

    /** The alias of the key entry in the keystore. */
    public static final String ALIAS = "localhost";

    private static final byte[] KEYSTORE_BYTES = readKeystore();
    private static final X509Certificate CERTIFICATE = loadCertificate();

    private LocalhostCertificate() {
    }

    /**
     * Returns a new copy of the keystore holding the private key and its certificate, for a server.
     *
     * @return a loaded PKCS12 keystore; the caller may change it freely
     */
    public static KeyStore keyStore() {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(new ByteArrayInputStream(KEYSTORE_BYTES), KEYSTORE_PASSWORD.toCharArray());
            return keyStore;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the testkit keystore " + KEYSTORE_RESOURCE, e);
        }
    }

    /**
     * Returns the self-signed certificate.
     *
     * @return the certificate for {@code localhost}
     */
    public static X509Certificate certificate() {
        return CERTIFICATE;
    }

    /**
     * Returns the certificate in PEM form, for tools and libraries that take a PEM file.
     *
     * @return {@code -----BEGIN CERTIFICATE-----}, the DER encoding in Base64 lines of 64 characters, and
     *     {@code -----END CERTIFICATE-----}, each line ending in {@code \n}
     */
    public static String certificatePem() {
        try {
            Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            return "-----BEGIN CERTIFICATE-----\n" + encoder.encodeToString(CERTIFICATE.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the testkit certificate", e);
        }
    }

    /**
     * Returns a new keystore that holds only the certificate, as a trusted entry, for a client.
     *
     * @return an in-memory PKCS12 trust store; the caller may change it freely
     */
    public static KeyStore trustStore() {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry(ALIAS, CERTIFICATE);
            return trustStore;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store for the testkit certificate", e);
        }
    }

    /**
     * Returns key managers that present the certificate, for a server (Netty's
     * {@code SslContextBuilder.forServer(KeyManagerFactory)}, for one).
     *
     * @return an initialised key manager factory
     */
    public static KeyManagerFactory keyManagerFactory() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore(), KEYSTORE_PASSWORD.toCharArray());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise key managers for the testkit certificate", e);
        }
    }

    /**
     * Returns trust managers that trust the certificate and nothing else, for a client.
     *
     * @return an initialised trust manager factory
     */
    public static TrustManagerFactory trustManagerFactory() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise trust managers for the testkit certificate", e);
        }
    }

    /**
     * Returns a new TLS context for a client that trusts the certificate and nothing else.
     *
     * <p>Host name verification is not part of a context: enable it on each engine or socket.
     *
     * @return an initialised {@code TLS} context
     */
    public static SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a client TLS context", e);
        }
    }

    /**
     * Returns a new TLS context for a server that presents the certificate.
     *
     * @return an initialised {@code TLS} context
     */
    public static SSLContext serverContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagerFactory().getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a server TLS context", e);
        }
    }

    private static byte[] readKeystore() {
        try (InputStream in = LocalhostCertificate.class.getResourceAsStream(KEYSTORE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("class path resource " + KEYSTORE_RESOURCE + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + KEYSTORE_RESOURCE, e);
        }
    }

    private static X509Certificate loadCertificate() {
        try {
            return (X509Certificate) Objects.requireNonNull(keyStore().getCertificate(ALIAS),
                    () -> KEYSTORE_RESOURCE + " has no certificate under the alias " + ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate from " + KEYSTORE_RESOURCE, e);
        }
    }
}
