package io.ftpflux.benchmarks;

import io.ftpflux.blocking.BlockingFtpClient;
import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpSession;
import io.ftpflux.reactive.FtpTls;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * The clients every benchmark against the {@link LoopbackFtpResponder} uses, set up alike: ftpflux with its
 * defaults (passive, binary), its blocking facade over the same, and Apache Commons Net in its documented setup
 * (binary file type, local passive mode), with its default buffer size or a given one. The FTPS variants (explicit,
 * RFC 4217, {@code PROT P}) trust the {@link LoopbackCertificate} and nothing else.
 */
final class LoopbackClients {

    /** How long any one benchmark operation may take before it counts as hung. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** The password the responder takes (it takes any). */
    private static final String PASSWORD = "bench";
    /** Commons Net's own buffer size, for {@link #commonsNet(int, String, int)}. */
    static final int DEFAULT_BUFFER = 0;

    private LoopbackClients() {
    }

    /**
     * Returns an ftpflux client for the responder.
     *
     * @param port the responder's control port
     * @param user {@link LoopbackFtpResponder#MLSD_USER} to list with MLSD, any other name to list with LIST
     * @return the client; it connects a session per {@link FtpClient#connect()}
     */
    static FtpClient ftpflux(int port, String user) {
        return FtpClient.builder()
                .host(InetAddress.getLoopbackAddress().getHostAddress())
                .port(port)
                .credentials(FtpCredentials.of(user, PASSWORD))
                .build();
    }

    /**
     * Returns an ftpflux client for the responder over explicit FTPS: {@code AUTH TLS}, then {@code PBSZ 0} and
     * {@code PROT P} after login, trusting only the loopback certificate, with host name verification (ftpflux's
     * default) on the control and every data connection.
     *
     * @param port the responder's control port
     * @param user the user name
     * @return the client
     */
    static FtpClient ftpfluxTls(int port, String user) {
        return ftpflux(port, user).mutate()
                .tls(FtpTls.explicit().withTrustStore(LoopbackCertificate.trustStore()))
                .build();
    }

    /**
     * Connects and logs in a session of ftpflux's blocking facade.
     *
     * @param port the responder's control port
     * @param user the user name
     * @return the session
     */
    static BlockingFtpSession blocking(int port, String user) {
        return BlockingFtpClient.of(ftpflux(port, user)).withDefaultTimeout(TIMEOUT).connect();
    }

    /**
     * Connects and logs in an ftpflux session.
     *
     * @param client the client
     * @return the session
     * @throws IOException if no session came
     */
    static FtpSession session(FtpClient client) throws IOException {
        FtpSession session = client.connect().block(TIMEOUT);
        if (session == null) {
            throw new IOException("ftpflux connected without a session");
        }
        return session;
    }

    /**
     * Connects and logs in a Commons Net client: binary file type, local passive mode.
     *
     * @param port the responder's control port
     * @param user the user name
     * @param bufferSize the buffer size ({@code setBufferSize}), or {@link #DEFAULT_BUFFER} for Commons Net's own
     * @return the logged-in client
     * @throws IOException if it cannot connect or log in
     */
    static FTPClient commonsNet(int port, String user, int bufferSize) throws IOException {
        FTPClient client = new FTPClient();
        if (bufferSize != DEFAULT_BUFFER) {
            client.setBufferSize(bufferSize);
        }
        client.connect(InetAddress.getLoopbackAddress(), port);
        if (!client.login(user, PASSWORD) || !client.setFileType(FTP.BINARY_FILE_TYPE)) {
            String reply = client.getReplyString();
            client.disconnect();
            throw new IOException("Commons Net could not log in: " + reply);
        }
        client.enterLocalPassiveMode();
        return client;
    }

    /**
     * Connects and logs in a Commons Net {@code FTPSClient} over explicit FTPS in its documented setup:
     * {@code AUTH TLS} on connect, a trust manager for the loopback certificate, endpoint checking (host name
     * verification; Commons Net applies it to the control connection), {@code PBSZ 0} and {@code PROT P} after
     * login, binary file type, local passive mode. Its data connections do not resume the control connection's TLS
     * session; the responder does not ask them to.
     *
     * @param port the responder's control port
     * @param user the user name
     * @param bufferSize the buffer size ({@code setBufferSize}), or {@link #DEFAULT_BUFFER} for Commons Net's own
     * @param protocols the TLS versions it may use ({@code setEnabledProtocols}); none for the JDK's defaults
     * @return the logged-in client
     * @throws IOException if it cannot connect, negotiate TLS or log in
     */
    static FTPSClient commonsNetTls(int port, String user, int bufferSize, String... protocols) throws IOException {
        FTPSClient client = new FTPSClient(false);
        client.setTrustManager(LoopbackCertificate.trustManager());
        client.setEndpointCheckingEnabled(true);
        if (protocols.length > 0) {
            client.setEnabledProtocols(protocols);
        }
        if (bufferSize != DEFAULT_BUFFER) {
            client.setBufferSize(bufferSize);
        }
        client.connect(InetAddress.getLoopbackAddress(), port);
        try {
            if (!client.login(user, PASSWORD)) {
                throw new IOException("Commons Net FTPSClient could not log in: " + client.getReplyString());
            }
            client.execPBSZ(0);
            client.execPROT("P");
            if (!client.setFileType(FTP.BINARY_FILE_TYPE)) {
                throw new IOException("Commons Net FTPSClient could not set binary: " + client.getReplyString());
            }
        } catch (IOException e) {
            client.disconnect();
            throw e;
        }
        client.enterLocalPassiveMode();
        return client;
    }

    /**
     * Logs a Commons Net client out and disconnects it, if it is connected.
     *
     * @param client the client
     * @throws IOException if logging out fails; the client is disconnected all the same
     */
    static void close(FTPClient client) throws IOException {
        if (client.isConnected()) {
            try {
                client.logout();
            } finally {
                client.disconnect();
            }
        }
    }
}
