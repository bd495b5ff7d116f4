package io.ftpflux.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to a server shares: security, data connection mode, timeout, output.
 */
final class ConnectionOptions {

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trust the certificates in this PEM file for ftpes:// and ftps:// (instead of the JDK's).")
    @Nullable Path caFile;

    @Option(names = "--insecure",
            description = "Trust any TLS certificate and host name (prints a warning; for tests only).")
    boolean insecure;

    @Option(names = "--active", description = "Use active mode: the server connects back to this host (EPRT/PORT).")
    boolean active;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Timeout of each phase: connect, reply, data connection, stalled data (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--netrc", paramLabel = "FILE",
            description = "Read credentials from this netrc file (default: $NETRC, else ~/.netrc).")
    @Nullable Path netrc;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress and no warnings.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"},
            description = "Print the protocol transcript (passwords redacted) and stack traces on stderr.")
    boolean verbose;
}
