package io.ftpflux.cli;

import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.reactive.DownloadOptions;
import io.ftpflux.reactive.DownloadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ftpflux get URL [DEST|-]}: downloads a file (RETR, RFC 959 §4.1.3) through a {@code .part} file, checked
 * against the remote size; {@code -c} resumes (REST, RFC 3659 §5); {@code -} streams it to standard output.
 */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Download a file (to DEST, a directory, or '-' for standard output).")
final class GetCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "URL", description = "The remote file.")
    FtpUrl url;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST",
            description = "The local file or directory (default: the remote name, here); '-' for standard output.")
    @Nullable String destination;

    @Option(names = {"-c", "--continue"}, description = "Resume from the DEST.part file an interrupted download left.")
    boolean resume;

    @Option(names = "--json", description = "Print a JSON summary (bytes, seconds, sizeVerified, resumed).")
    boolean json;

    @Override
    public Integer call() throws IOException {
        String path = requiredPath(url);
        if ("-".equals(destination)) {
            if (resume || json) {
                throw new ParameterException(spec.commandLine(), "-c and --json do not apply to '-' (standard output)");
            }
            return toStandardOutput(path);
        }
        Path target = target(path);
        long start = System.nanoTime();
        DownloadResult result;
        try (BlockingFtpSession session = connect(url)) {
            long total = progressShown() ? remoteSize(session, path) : -1;
            Path part = target.resolveSibling(target.getFileName() + ".part");
            try (Progress progress = Progress.start(progressShown(), err(), lastName(path), total,
                    () -> sizeOf(part))) {
                result = session.download(path, target, DownloadOptions.defaults().withResume(resume));
                progress.complete(result.bytes());
            }
        }
        TransferSummary summary = new TransferSummary(result.bytes(), result.transferred(), System.nanoTime() - start,
                result.sizeVerified(), result.resumed() ? result.resumedFrom() : -1);
        report(summary, "Downloaded " + SafeNames.printable(target.toString()), json);
        return ExitCodes.OK;
    }

    private Integer toStandardOutput(String path) throws IOException {
        OutputStream stdout = root.binaryOut();
        AtomicLong written = new AtomicLong();
        try (BlockingFtpSession session = connect(url)) {
            long total = progressShown() ? remoteSize(session, path) : -1;
            try (Progress progress = Progress.start(progressShown(), err(), lastName(path), total, written::get);
                    InputStream in = session.openInputStream(path)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    stdout.write(buffer, 0, read);
                    written.addAndGet(read);
                }
                stdout.flush();
            }
        }
        return ExitCodes.OK;
    }

    private Path target(String path) {
        String name = lastName(path);
        if (destination == null || Files.isDirectory(Path.of(destination))) {
            if (SafeNames.problem(name).isPresent()) {
                throw new ParameterException(spec.commandLine(), "cannot name a local file after '"
                        + SafeNames.printable(name) + "' (" + SafeNames.problem(name).get() + "); give DEST");
            }
            return destination == null ? Path.of(name) : Path.of(destination).resolve(name);
        }
        return Path.of(destination);
    }

    /** The remote size for the progress line, or -1 when the server cannot tell. */
    private static long remoteSize(BlockingFtpSession session, String path) {
        try {
            return session.size(path);
        } catch (FtpReplyException unknown) {
            return -1;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException notYetOrAlreadyMoved) {
            return 0;
        }
    }
}
