package io.ftpflux.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * The {@code ftpflux} command: the entry point of the command-line tool and of the {@code ./ftpflux}
 * launcher at the repository root.
 */
@Command(
        name = "ftpflux",
        mixinStandardHelpOptions = true,
        versionProvider = FtpfluxCli.Version.class,
        description = "A non-blocking FTP/FTPS client for the JVM, as a command-line tool.",
        footer = {"",
            "URLs:  ftp://[user[:password]@]host[:port]/path   plain FTP, port 21",
            "       ftpes://...   explicit TLS (AUTH TLS), port 21",
            "       ftps://...    implicit TLS, port 990",
            "Passwords: $FTPFLUX_PASSWORD or ~/.netrc (a password in the URL works, with a warning).",
            "Run 'ftpflux COMMAND --help' for a command's options; see docs/cli.md."},
        subcommands = {
            LsCommand.class, StatCommand.class, GetCommand.class, PutCommand.class,
            FileCommands.Rm.class, FileCommands.Mkdir.class, FileCommands.Rmdir.class, FileCommands.Mv.class,
            MirrorCommand.class, DoctorCommand.class, DemoCommand.class})
public final class FtpfluxCli {

    private static final String TLS12_TICKETS = "jdk.tls.client.enableSessionTicketExtension";

    private final Map<String, String> environment;
    private final OutputStream binaryOut;

    private FtpfluxCli(Map<String, String> environment, OutputStream binaryOut) {
        this.environment = Map.copyOf(environment);
        this.binaryOut = binaryOut;
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        // The tool owns its JVM, so it can make TLS 1.2 resume by session ID: vsftpd issues TLS 1.2 session tickets
        // the JDK discards, and then refuses data connections that do not resume (see docs/reactive.md, FTPS).
        // The library cannot set this JVM-wide flag for its users; a value given on the command line wins.
        if (System.getProperty(TLS12_TICKETS) == null) {
            System.setProperty(TLS12_TICKETS, "false");
        }
        System.exit(newCommandLine().execute(args));
    }

    /**
     * Creates the command line with this process's environment, for {@link #main(String[])} and for tests.
     *
     * @return the configured command line
     */
    public static CommandLine newCommandLine() {
        return newCommandLine(System.getenv());
    }

    /**
     * Creates the command line with a given environment ({@code FTPFLUX_PASSWORD}, {@code NETRC}), for tests.
     *
     * @param environment the environment variables the commands read
     * @return the configured command line
     */
    public static CommandLine newCommandLine(Map<String, String> environment) {
        return newCommandLine(environment, System.out);
    }

    /**
     * Creates the command line with a given environment and a stream for the bytes of {@code get URL -}, for tests.
     *
     * @param environment the environment variables the commands read
     * @param binaryOut where {@code get URL -} writes the file's bytes (standard output)
     * @return the configured command line
     */
    public static CommandLine newCommandLine(Map<String, String> environment, OutputStream binaryOut) {
        CommandLine commandLine = new CommandLine(new FtpfluxCli(environment, binaryOut));
        commandLine.setExecutionExceptionHandler(FtpfluxCli::onFailure);
        commandLine.registerConverter(FtpUrl.class, FtpUrl::parse);
        Map<String, String> exitCodes = ExitCodes.help();
        for (CommandLine command : withSubcommands(commandLine)) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        }
        return commandLine;
    }

    private static java.util.List<CommandLine> withSubcommands(CommandLine commandLine) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>(java.util.List.of(commandLine));
        commandLine.getSubcommands().values().forEach(sub -> all.addAll(withSubcommands(sub)));
        return all;
    }

    /**
     * Returns the environment variables the commands read.
     *
     * @return the environment
     */
    Map<String, String> environment() {
        return environment;
    }

    /**
     * Returns standard output as bytes, for file contents streamed to it.
     *
     * @return the stream
     */
    OutputStream binaryOut() {
        return binaryOut;
    }

    /** Reports a failure in one line (a stack trace only with --verbose) and maps it to its exit code. */
    private static int onFailure(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (verbose(parseResult)) {
            failure.printStackTrace(err);
        }
        err.println("ftpflux: " + ExitCodes.describe(failure));
        err.flush();
        return ExitCodes.of(failure);
    }

    private static boolean verbose(ParseResult parseResult) {
        ParseResult leaf = parseResult;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        return leaf.hasMatchedOption("--verbose");
    }

    /** Reports the version from the jar's manifest, or {@code dev} when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FtpfluxCli.class.getPackage().getImplementationVersion();
            return new String[] {"ftpflux " + (version == null ? "dev" : version)};
        }
    }
}
