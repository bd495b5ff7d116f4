package io.ftpflux.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ftpflux} command: the entry point of the command-line tool and of the {@code ./ftpflux}
 * launcher at the repository root.
 */
@Command(
        name = "ftpflux",
        mixinStandardHelpOptions = true,
        versionProvider = FtpfluxCli.Version.class,
        description = "A non-blocking FTP/FTPS client for the JVM.",
        subcommands = {DemoCommand.class})
public final class FtpfluxCli {

    private FtpfluxCli() {
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /**
     * Creates the command line, for {@link #main(String[])} and for tests.
     *
     * @return the configured command line
     */
    public static CommandLine newCommandLine() {
        return new CommandLine(new FtpfluxCli());
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
