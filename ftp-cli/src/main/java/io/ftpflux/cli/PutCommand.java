package io.ftpflux.cli;

import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.reactive.UploadOptions;
import io.ftpflux.reactive.UploadResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ftpflux put SRC URL}: uploads a file (STOR, RFC 959 §4.1.3) and checks the stored size when the server can
 * tell it (SIZE or MLST); {@code -c} resumes (REST STREAM, RFC 3659 §5, else APPE).
 */
@Command(name = "put", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Upload a file, then check the stored size when the server can tell it.")
final class PutCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "SRC", description = "The local file.")
    Path source;

    @Parameters(index = "1", paramLabel = "URL",
            description = "The remote file, or a directory ending in '/' to keep the local name.")
    FtpUrl url;

    @Option(names = {"-c", "--continue"}, description = "Resume: send only what the remote file lacks.")
    boolean resume;

    @Option(names = "--json", description = "Print a JSON summary (bytes, seconds, sizeVerified, resumed).")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (Files.isDirectory(source)) {
            throw new ParameterException(spec.commandLine(), source + " is a directory; to upload a tree, use "
                    + "mirror --reverse");
        }
        if (!Files.exists(source)) {
            throw new NoSuchFileException(source.toString());
        }
        String path = url.path().isEmpty() || url.path().endsWith("/")
                ? url.path() + source.getFileName()
                : url.path();
        long start = System.nanoTime();
        UploadResult result;
        try (BlockingFtpSession session = connect(url)) {
            result = upload(session, path);
        }
        TransferSummary summary = new TransferSummary(result.bytes(), result.transferred(), System.nanoTime() - start,
                result.sizeVerified(), result.resumed() ? result.resumedFrom() : -1);
        report(summary, "Uploaded " + SafeNames.printable(path), json);
        return ExitCodes.OK;
    }

    /**
     * Uploads with the size check. On a terminal, a fresh upload is read through a counting stream so the progress
     * line has bytes to show; otherwise, and to resume, the file goes zero-copy, where no byte passes through here.
     */
    private UploadResult upload(BlockingFtpSession session, String path) throws IOException {
        UploadOptions options = UploadOptions.defaults().withVerifySize(true).withResume(resume);
        if (!progressShown() || resume) {
            return session.upload(path, source, options);
        }
        AtomicLong sent = new AtomicLong();
        try (InputStream in = new CountingInputStream(Files.newInputStream(source), sent);
                Progress progress = Progress.start(true, err(), source.getFileName().toString(),
                        Files.size(source), sent::get)) {
            return session.upload(path, in, options);
        }
    }

    /** Counts the bytes read, for the progress line. */
    private static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong count;

        CountingInputStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            if (read >= 0) {
                count.incrementAndGet();
            }
            return read;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = super.read(bytes, offset, length);
            if (read > 0) {
                count.addAndGet(read);
            }
            return read;
        }
    }
}
