///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.ftpflux:ftp-blocking:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36

// Lists a directory of an FTP server with ftpflux's blocking API.
//
// Until ftpflux is published, install it to your local Maven repository first: ./mvnw install -DskipTests
//
//   jbang examples/jbang/FtpList.java ftp.example.com /pub
//   FTP_USER=alice FTP_PASSWORD=... jbang examples/jbang/FtpList.java ftp.example.com 2121 /reports
//
// Without FTP_USER the login is anonymous. The build compiles and runs this script (BlockingJBangExampleIT).

import io.ftpflux.blocking.BlockingFtpClient;
import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import java.io.PrintStream;
import java.util.stream.Stream;

/** Prints one line per entry of a remote directory: type, size, modification time and name. */
public final class FtpList {

    private FtpList() {
    }

    /**
     * Runs the script.
     *
     * @param args the host, then optionally the port (21 unless given) and the directory (the login directory
     *     unless given)
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: FtpList <host> [port] [directory]  (FTP_USER and FTP_PASSWORD from the environment)");
            System.exit(2);
        }
        boolean hasPort = args.length > 1 && args[1].chars().allMatch(Character::isDigit);
        int port = hasPort ? Integer.parseInt(args[1]) : 21;
        String directory = args.length > (hasPort ? 2 : 1) ? args[hasPort ? 2 : 1] : "";
        String user = System.getenv("FTP_USER");
        FtpCredentials credentials = user == null
                ? FtpCredentials.anonymous()
                : FtpCredentials.of(user, System.getenv().getOrDefault("FTP_PASSWORD", ""));
        list(args[0], port, credentials, directory, System.out);
    }

    /**
     * Lists a directory.
     *
     * @param host the server
     * @param port its control port
     * @param credentials who logs in
     * @param directory the directory, or an empty string for the login directory
     * @param out where the lines go
     */
    public static void list(String host, int port, FtpCredentials credentials, String directory, PrintStream out) {
        BlockingFtpClient client = BlockingFtpClient.of(FtpClient.builder()
                .host(host)
                .port(port)
                .credentials(credentials)
                .build());
        try (BlockingFtpSession session = client.connect();
                Stream<FtpEntry> entries = directory.isEmpty() ? session.listStream() : session.listStream(directory)) {
            entries.forEach(entry -> out.printf("%-9s %12s  %-20s  %s%n",
                    entry.type(),
                    entry.size() == null ? "-" : entry.size().toString(),
                    entry.modified() == null ? "-" : entry.modified().toString(),
                    entry.name()));
        }
    }
}
