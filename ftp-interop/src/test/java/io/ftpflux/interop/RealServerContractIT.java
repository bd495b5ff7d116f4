package io.ftpflux.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against the real servers that {@code scripts/servers/servers.sh} runs on loopback: vsftpd, ProFTPD and
 * Pure-FTPd, in every cell of {@link Server#cells()}.
 *
 * <p>When they do not answer, the whole class is skipped with one message, so that {@code ./mvnw verify} passes on a
 * machine without them; with {@code FTPFLUX_INTEROP=required} (as CI sets it) it fails instead.
 */
class RealServerContractIT extends InteropContractIT {

    private final Map<Server, String> versions = new EnumMap<>(Server.class);

    @BeforeAll
    void requireTheServers() {
        List<String> missing = new ArrayList<>();
        for (Server server : RealServers.ALL) {
            Optional<String> greeting = RealServers.greeting(server);
            if (greeting.isPresent()) {
                versions.put(server, RealServers.version(server, greeting.get()));
            } else {
                missing.add(server.scriptName() + " (127.0.0.1:" + InteropSettings.port(server) + ")");
            }
        }
        if (!missing.isEmpty()) {
            String message = "real FTP servers not running: " + String.join(", ", missing)
                    + "; start them with `sudo scripts/servers/servers.sh start`"
                    + (InteropSettings.serversRequired() ? "" : " (with " + InteropSettings.MODE_VARIABLE + "="
                            + InteropSettings.REQUIRED + " this fails instead of skipping)");
            for (Server server : RealServers.ALL) {
                ResultTable.recordNotRun(server, versions.getOrDefault(server, "?"), message);
            }
            if (InteropSettings.serversRequired()) {
                Assertions.fail(message);
            }
            // Surefire and Failsafe print no reason for a skipped class; this line is the one message in the log.
            System.err.println("[ftp-interop] skipped: " + message);
            Assumptions.abort(message);
        }
        Path certificate = InteropSettings.serverCertificate();
        if (!Files.isReadable(certificate)) {
            Assertions.fail("the servers answer, but their certificate " + certificate + " is not readable: point "
                    + "-Dinterop.serversDir at the .ftpflux/servers directory of the checkout that started them");
        }
    }

    @Override
    Stream<Target> targets() {
        return RealServers.ALL.stream().flatMap(server -> server.cells().stream().filter(Cell::runsInThisJvm)
                .map(cell -> new Target(server, versions.get(server), cell, InteropSettings.port(server),
                        RealServers.CREDENTIALS, InteropSettings.serverCertificate())));
    }
}
