package io.ftpflux.interop;

import io.ftpflux.reactive.FtpCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The servers {@code scripts/servers/servers.sh} runs on loopback: whether each answers, and which version it is.
 */
final class RealServers {

    /** The servers the script runs. */
    static final List<Server> ALL = List.of(Server.VSFTPD, Server.PROFTPD, Server.PURE_FTPD);

    /** The test user the script creates on every server. */
    static final FtpCredentials CREDENTIALS = FtpCredentials.of("ftpflux", "ftpflux-secret");

    private static final int PROBE_MILLIS = 2000;
    private static final Pattern VSFTPD_GREETING = Pattern.compile("vsFTPd ([0-9][0-9.]*)");

    private RealServers() {
    }

    /**
     * Connects to a server's IPv4 port and reads its greeting.
     *
     * @param server a real server
     * @return the first line of its 220 greeting, or empty when nothing answers with one
     */
    static Optional<String> greeting(Server server) {
        int port = InteropSettings.port(server);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), PROBE_MILLIS);
            socket.setSoTimeout(PROBE_MILLIS);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = reader.readLine();
            return line != null && line.startsWith("220") ? Optional.of(line) : Optional.empty();
        } catch (IOException notAnswering) {
            return Optional.empty();
        }
    }

    /**
     * Tells a server's version: vsftpd names it in its greeting; ProFTPD and Pure-FTPd, unpacked from Debian's
     * packages by the script, by the package versions the script records.
     *
     * @param server a real server
     * @param greeting its greeting
     * @return the version, with the Debian package version when known
     */
    static String version(Server server, String greeting) {
        if (server == Server.VSFTPD) {
            Matcher matcher = VSFTPD_GREETING.matcher(greeting);
            return matcher.find() ? matcher.group(1) : "unknown (greeting: " + greeting + ")";
        }
        String packageName = server == Server.PROFTPD ? "proftpd-core" : "pure-ftpd";
        Path stamp = InteropSettings.serversDirectory().resolve("pkg").resolve(server.scriptName())
                .resolve(".unpacked");
        try {
            for (String line : Files.readAllLines(stamp, StandardCharsets.UTF_8)) {
                if (line.startsWith(packageName + "=")) {
                    String debian = line.substring(packageName.length() + 1);
                    String upstream = debian.replaceFirst("[+~-].*$", "");
                    return upstream + " (Debian " + debian + ")";
                }
            }
            return "unknown (" + stamp + " names no " + packageName + ")";
        } catch (IOException unreadable) {
            return "unknown (cannot read " + stamp + ")";
        }
    }
}
