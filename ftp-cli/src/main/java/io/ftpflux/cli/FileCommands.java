package io.ftpflux.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The one-command file operations: {@code rm}, {@code mkdir}, {@code rmdir}, {@code mv} (RFC 959 §4.1.3). */
final class FileCommands {

    private FileCommands() {
    }

    /** {@code ftpflux rm URL}: deletes a file (DELE). */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a file (DELE).")
    static final class Rm extends RemoteCommand {
        @Parameters(index = "0", paramLabel = "URL", description = "The file.")
        FtpUrl url;

        @Override
        public Integer call() {
            return onPath(url, (session, path) -> session.delete(path));
        }
    }

    /** {@code ftpflux mkdir URL}: creates a directory (MKD). */
    @Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Create a directory (MKD).")
    static final class Mkdir extends RemoteCommand {
        @Parameters(index = "0", paramLabel = "URL", description = "The directory to create.")
        FtpUrl url;

        @Override
        public Integer call() {
            return onPath(url, (session, path) -> session.makeDirectory(path));
        }
    }

    /** {@code ftpflux rmdir URL}: removes an empty directory (RMD). */
    @Command(name = "rmdir", mixinStandardHelpOptions = true, description = "Remove an empty directory (RMD).")
    static final class Rmdir extends RemoteCommand {
        @Parameters(index = "0", paramLabel = "URL", description = "The directory to remove.")
        FtpUrl url;

        @Override
        public Integer call() {
            return onPath(url, (session, path) -> session.removeDirectory(path));
        }
    }

    /** {@code ftpflux mv URL NEW_PATH}: renames a file or directory (RNFR/RNTO). */
    @Command(name = "mv", mixinStandardHelpOptions = true,
            description = "Rename a file or directory on the server (RNFR/RNTO).")
    static final class Mv extends RemoteCommand {
        @Parameters(index = "0", paramLabel = "URL", description = "What to rename.")
        FtpUrl url;

        @Parameters(index = "1", paramLabel = "NEW_PATH",
                description = "The new path on the same server, as the server reads it (not a URL).")
        String newPath;

        @Override
        public Integer call() {
            return onPath(url, (session, path) -> session.rename(path, newPath));
        }
    }
}
