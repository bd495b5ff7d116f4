package io.ftpflux.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed TLS identity for {@code 127.0.0.1} and {@code localhost}, made once per JVM for the FTPS rows (RFC
 * 4217): the {@link LoopbackFtpResponder} presents it, the clients trust it and nothing else, and verify the host
 * name against it (RFC 6125).
 *
 * <p>The JDK has no public API that signs a certificate, so the JDK's own {@code keytool} makes the key pair and the
 * certificate (EC P-256, subject alternative names {@code DNS:localhost} and {@code IP:127.0.0.1}, valid from a day
 * ago for a week) into a PKCS12 file that is read back and deleted. That takes about a second, once, in a
 * benchmark's trial setup; the benchmark jar needs no test library for it.
 */
final class LoopbackCertificate {

    private static final String ALIAS = "loopback";
    private static final char[] PASSWORD = "ftpflux-benchmarks".toCharArray();
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private LoopbackCertificate() {
    }

    /**
     * Returns a new TLS context for the server side, presenting the certificate.
     *
     * @return an initialised {@code TLS} context
     */
    static SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(), PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a server TLS context of the loopback certificate", e);
        }
    }

    /**
     * Returns a key store that holds only the certificate, as a trusted entry.
     *
     * @return a new in-memory PKCS12 trust store
     */
    static KeyStore trustStore() {
        try {
            Certificate certificate = keyStore().getCertificate(ALIAS);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            return trust;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a trust store of the loopback certificate", e);
        }
    }

    /**
     * Returns a trust manager that trusts the certificate and nothing else.
     *
     * @return the JDK's X.509 trust manager over {@link #trustStore()}
     */
    static X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore());
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a trust manager of the loopback certificate", e);
        }
    }

    /**
     * Returns a new TLS context for a client that trusts the certificate and nothing else. The raw TLS baselines
     * make one per trial: a context keeps the sessions it made, which the JDK resumes when it connects to the same
     * host and port again.
     *
     * @return an initialised {@code TLS} context; host names are verified per socket, see {@link #verifyHostName}
     */
    static SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a client TLS context of the loopback certificate", e);
        }
    }

    /**
     * Makes a client socket check that the server's certificate names the host it connected to, as HTTPS does.
     *
     * @param socket a client socket, before its handshake
     */
    static void verifyHostName(SSLSocket socket) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
    }

    private static KeyStore keyStore() {
        return Generated.KEY_STORE;
    }

    /** Made on first use, by the first trial that needs TLS, and never changed after. */
    private static final class Generated {
        static final KeyStore KEY_STORE = generate();
    }

    private static KeyStore generate() {
        try {
            Path directory = Files.createTempDirectory("ftpflux-bench-tls");
            Path file = directory.resolve("loopback.p12");
            try {
                String password = new String(PASSWORD);
                Process keytool = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-keysize", "256",
                        "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost",
                        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth",
                        "-startdate", "-1d", "-validity", "7",
                        "-storetype", "PKCS12", "-keystore", file.toString(),
                        "-storepass", password, "-keypass", password))
                        .redirectErrorStream(true)
                        .start();
                byte[] output = keytool.getInputStream().readAllBytes();
                if (!keytool.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    keytool.destroyForcibly();
                    throw new IllegalStateException("keytool could not make the loopback certificate: "
                            + new String(output, StandardCharsets.UTF_8).strip());
                }
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(new ByteArrayInputStream(Files.readAllBytes(file)), PASSWORD);
                return store;
            } finally {
                Files.deleteIfExists(file);
                Files.delete(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the JDK's keytool (is this a full JDK?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate keytool made", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool made the loopback certificate", e);
        }
    }
}
