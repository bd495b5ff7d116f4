package io.ftpflux.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ftpflux.blocking.BlockingFtpSession;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command that talks to a server has: the connection options, the way to connect, and its output.
 * Failures propagate as the engine's exceptions; {@link FtpfluxCli} reports them and maps them to exit codes.
 */
abstract class RemoteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @ParentCommand
    FtpfluxCli root;

    /**
     * Returns the connector for this command's options.
     *
     * @return the connector
     */
    final Connector connector() {
        return new Connector(connection, root.environment(), spec);
    }

    /**
     * Connects and logs in to the URL's server.
     *
     * @param url the server
     * @return the session; close it
     */
    final BlockingFtpSession connect(FtpUrl url) {
        return connector().connect(url);
    }

    /**
     * Returns standard output.
     *
     * @return picocli's output writer
     */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * Returns standard error.
     *
     * @return picocli's error writer
     */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Tells whether progress lines should be drawn: on a terminal and without {@code --quiet}.
     *
     * @return {@code true} to draw progress
     */
    final boolean progressShown() {
        return !connection.quiet && Progress.onTerminal();
    }

    /**
     * Prints one JSON document on stdout, followed by a line end.
     *
     * @param json the document
     */
    final void printJson(JsonNode json) {
        try {
            out().println(EntryFormat.JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out().flush();
    }

    /**
     * Reports a finished transfer: its JSON summary with {@code --json}, else one line for people unless
     * {@code --quiet}.
     *
     * @param summary what the transfer did
     * @param what what was transferred, such as {@code Downloaded a.bin}
     * @param json whether {@code --json} was given
     */
    final void report(TransferSummary summary, String what, boolean json) {
        if (json) {
            printJson(summary.toJson());
        } else if (!connection.quiet) {
            out().println(what + ": " + summary.describe());
            out().flush();
        }
    }

    /**
     * Returns the path to send for a URL: its decoded path, or {@code .} for the login directory.
     *
     * @param url the URL
     * @return the remote path
     */
    static String remotePath(FtpUrl url) {
        return url.path().isEmpty() ? "." : url.path();
    }

    /**
     * Runs one command on the URL's path in a session of its own.
     *
     * @param url the server and the path, which must not be empty
     * @param command what to do with the path
     * @return {@link ExitCodes#OK}; a failure is thrown
     */
    final int onPath(FtpUrl url, BiConsumer<BlockingFtpSession, String> command) {
        String path = requiredPath(url);
        try (BlockingFtpSession session = connect(url)) {
            command.accept(session, path);
        }
        return ExitCodes.OK;
    }

    /**
     * Returns the URL's path, which this command needs to be non-empty.
     *
     * @param url the URL
     * @return the remote path
     * @throws ParameterException if the URL names no path
     */
    final String requiredPath(FtpUrl url) {
        if (url.path().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "the URL names no file or directory: " + url);
        }
        return url.path();
    }

    /**
     * Joins a directory and a name as a remote path.
     *
     * @param directory the directory ({@code .} or empty for the login directory)
     * @param name a single name
     * @return the child's path
     */
    static String child(String directory, String name) {
        if (directory.isEmpty() || directory.equals(".")) {
            return name;
        }
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    /**
     * Returns the last element of a remote path, the name a downloaded file gets by default.
     *
     * @param path the remote path
     * @return the name, empty for a path that ends in a slash
     */
    static String lastName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
