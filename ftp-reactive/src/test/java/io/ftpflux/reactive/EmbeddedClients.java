package io.ftpflux.reactive;

import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import java.time.Duration;

/** Clients for the embedded MINA server, as every integration test against it configures them. */
final class EmbeddedClients {

    private EmbeddedClients() {
    }

    /**
     * Returns a client logged in as the server's user, with 5 s for every phase.
     *
     * @param server the running embedded server
     * @return the client
     */
    static FtpClient client(EmbeddedFtpServer server) {
        return FtpClient.builder()
                .host(server.host())
                .port(server.port())
                .credentials(FtpCredentials.of(server.user(), server.password()))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)))
                .build();
    }
}
