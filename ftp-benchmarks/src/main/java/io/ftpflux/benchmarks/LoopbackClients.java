package io.ftpflux.benchmarks;

import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpSession;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;

/**
 * The clients every benchmark against the {@link LoopbackFtpResponder} uses, set up alike: ftpflux with its
 * defaults (passive, binary), and Apache Commons Net in its documented setup (binary file type, local passive mode),
 * with its default buffer size or a given one.
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
