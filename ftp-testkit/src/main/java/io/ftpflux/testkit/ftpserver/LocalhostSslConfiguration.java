package io.ftpflux.testkit.ftpserver;

import io.ftpflux.testkit.tls.LocalhostCertificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.apache.ftpserver.ssl.ClientAuth;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * MINA's TLS settings for the testkit's {@code localhost} certificate: one server context for the control and the data
 * connections, TLS 1.3 and 1.2, no client certificate.
 */
final class LocalhostSslConfiguration implements SslConfiguration {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context = LocalhostCertificate.serverContext();

    @Override
    public SSLSocketFactory getSocketFactory() {
        return context.getSocketFactory();
    }

    @Override
    public SSLContext getSSLContext() {
        return context;
    }

    @Override
    public SSLContext getSSLContext(String protocol) {
        return context;
    }

    /** The JDK's default suites. */
    @Override
    public String @Nullable [] getEnabledCipherSuites() {
        return null;
    }

    @Override
    public String getEnabledProtocol() {
        return PROTOCOLS[0];
    }

    @Override
    public String[] getEnabledProtocols() {
        return PROTOCOLS.clone();
    }

    @Override
    public ClientAuth getClientAuth() {
        return ClientAuth.NONE;
    }
}
