package io.ftpflux.cli;

import io.ftpflux.blocking.BlockingFtpClient;
import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpTimeouts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns a URL and the connection options into a configured client and an open session: credentials from the URL,
 * {@code FTPFLUX_PASSWORD} or a netrc file, timeouts, the transcript, and the transport ({@link Transport}).
 */
final class Connector {

    /**
     * How long one blocking call may wait in all. The CLI bounds each phase ({@code --timeout}: connect, reply,
     * stalled data), not whole operations: a large transfer on a slow link that keeps moving is not a fault, so the
     * facade's one-hour default would be wrong here. This is only the backstop.
     */
    static final Duration WHOLE_OPERATION_BACKSTOP = Duration.ofDays(7);

    /** The environment variable that supplies a password without putting it on the command line. */
    static final String PASSWORD_VARIABLE = "FTPFLUX_PASSWORD";

    private final ConnectionOptions options;
    private final Map<String, String> environment;
    private final CommandSpec spec;
    private final PrintWriter err;

    /**
     * Binds the options of one command.
     *
     * @param options the parsed options
     * @param environment the process environment (a map, so tests can supply one)
     * @param spec the command, for usage errors
     */
    Connector(ConnectionOptions options, Map<String, String> environment, CommandSpec spec) {
        this.options = options;
        this.environment = environment;
        this.spec = spec;
        this.err = spec.commandLine().getErr();
    }

    /**
     * Builds the client configuration for a URL.
     *
     * @param url the server
     * @return the configuration
     * @throws ParameterException for an option this build cannot honour or a bad timeout
     */
    FtpClient client(FtpUrl url) {
        if (options.timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second: "
                    + options.timeoutSeconds);
        }
        FtpClient.Builder builder = FtpClient.builder()
                .host(url.host())
                .port(url.port())
                .credentials(credentials(url))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(options.timeoutSeconds)));
        if (options.verbose) {
            builder.eventListener(new Transcript(err));
        }
        Transport.apply(builder, url, options, spec, this::warn);
        return builder.build();
    }

    /**
     * Connects and logs in.
     *
     * @param url the server
     * @return the open session; close it
     */
    BlockingFtpSession connect(FtpUrl url) {
        return blocking(client(url)).connect();
    }

    /**
     * Wraps a client configuration in the blocking facade, with phase timeouts only (see
     * {@link #WHOLE_OPERATION_BACKSTOP}).
     *
     * @param client the configuration
     * @return the blocking client
     */
    static BlockingFtpClient blocking(FtpClient client) {
        return BlockingFtpClient.of(client).withDefaultTimeout(WHOLE_OPERATION_BACKSTOP);
    }

    /**
     * Prints a warning on stderr, unless {@code --quiet}.
     *
     * @param message the warning
     */
    void warn(String message) {
        if (!options.quiet) {
            // Parallel transfers warn from several threads; each warning stays one whole line.
            synchronized (err) {
                err.println("ftpflux: warning: " + message);
                err.flush();
            }
        }
    }

    /**
     * Decides who logs in: the URL's user and password; for a user without a password {@code FTPFLUX_PASSWORD},
     * then the netrc entry of the host; without a user the netrc entry's login, else anonymous.
     *
     * @param url the server
     * @return the credentials
     */
    FtpCredentials credentials(FtpUrl url) {
        if (url.user() != null && url.password() != null) {
            warn("a password in the URL can be seen by other users of this machine (process list, shell history); "
                    + "use " + PASSWORD_VARIABLE + " or a netrc file");
            return FtpCredentials.of(url.user(), url.password());
        }
        String fromEnvironment = environment.get(PASSWORD_VARIABLE);
        Optional<Netrc.Entry> netrc = netrcEntry(url.host());
        if (url.user() != null) {
            if (fromEnvironment != null) {
                return FtpCredentials.of(url.user(), fromEnvironment);
            }
            return netrc.filter(entry -> entry.password() != null)
                    .filter(entry -> entry.login() == null || entry.login().equals(url.user()))
                    .map(entry -> FtpCredentials.of(url.user(), entry.password()))
                    .orElseGet(() -> new FtpCredentials(url.user(), null, null));
        }
        return netrc.filter(entry -> entry.login() != null && !entry.login().equals("anonymous"))
                .map(entry -> entry.password() == null
                        ? new FtpCredentials(entry.login(), fromEnvironment, null)
                        : FtpCredentials.of(entry.login(), entry.password()))
                .orElseGet(FtpCredentials::anonymous);
    }

    private Optional<Netrc.Entry> netrcEntry(String host) {
        Path file = netrcFile();
        try {
            return Netrc.read(file).find(host);
        } catch (IOException | IllegalArgumentException unreadable) {
            warn("ignoring the netrc file " + file + ": " + unreadable.getMessage());
            return Optional.empty();
        }
    }

    private Path netrcFile() {
        if (options.netrc != null) {
            return options.netrc;
        }
        String fromEnvironment = environment.get("NETRC");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(System.getProperty("user.home"), ".netrc");
    }
}
