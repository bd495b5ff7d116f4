package io.ftpflux.cli;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.blocking.BlockingFtpClient;
import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ftpflux demo}: starts an FTP server in this process on 127.0.0.1 and tours the SDK against it: login,
 * a streamed upload and download checked by SHA-256, file operations, a refused command and a cancelled transfer
 * that leave the session usable, all through the blocking facade ({@link BlockingFtpSession}). It ends by itself and
 * leaves nothing running.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded FTP server on 127.0.0.1 and tour the SDK against it.")
final class DemoCommand implements Callable<Integer> {

    private static final int CHUNK = 64 * 1024;

    @Spec
    private CommandSpec spec;

    @Option(names = "--size-mib", defaultValue = "256", description = "Size of the demo file in MiB (default: ${DEFAULT-VALUE}).")
    private int sizeMib;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long size = (long) sizeMib * 1024 * 1024;
        try (DemoServer server = DemoServer.start()) {
            out.printf("Started Apache MINA FtpServer on %s:%d, serving %s%n", DemoServer.HOST, server.port(), server.root());
            BlockingFtpClient client = BlockingFtpClient.of(FtpClient.builder()
                    .host(DemoServer.HOST)
                    .port(server.port())
                    .credentials(FtpCredentials.of(DemoServer.USER, DemoServer.PASSWORD))
                    .timeouts(FtpTimeouts.of(Duration.ofSeconds(10)))
                    .build());
            try (BlockingFtpSession session = client.connect()) {
                out.printf("Logged in as %s; the server offers %s%n", DemoServer.USER, session.features().names());
                out.printf("Working directory: %s%n", session.workingDirectory());
                session.makeDirectory("demo");

                MessageDigest sent = sha256();
                long start = System.nanoTime();
                try (OutputStream upload = session.openOutputStream("demo/data.bin")) {
                    writeGenerated(upload, size, sent);
                }
                out.printf("Uploaded %s through an OutputStream of %d KiB writes: %s%n", mib(size), CHUNK / 1024,
                        rate(size, System.nanoTime() - start));

                MessageDigest received = sha256();
                start = System.nanoTime();
                long downloaded = 0;
                try (InputStream download = session.openInputStream("demo/data.bin")) {
                    byte[] buffer = new byte[CHUNK];
                    for (int read = download.read(buffer); read >= 0; read = download.read(buffer)) {
                        received.update(buffer, 0, read);
                        downloaded += read;
                    }
                }
                out.printf("Downloaded %s through an InputStream: %s%n", mib(downloaded),
                        rate(downloaded, System.nanoTime() - start));
                String sentHash = HexFormat.of().formatHex(sent.digest());
                String receivedHash = HexFormat.of().formatHex(received.digest());
                out.printf("SHA-256 sent     %s%nSHA-256 received %s -> %s%n", sentHash, receivedHash,
                        sentHash.equals(receivedHash) ? "identical" : "DIFFERENT");
                if (!sentHash.equals(receivedHash)) {
                    return 1;
                }

                out.printf("SIZE says %s; renaming, then asking for a file that is not there...%n",
                        mib(session.size("demo/data.bin")));
                session.rename("demo/data.bin", "demo/renamed.bin");
                try {
                    session.size("demo/data.bin");
                } catch (FtpPermanentReplyException refused) {
                    out.printf("  refused as expected (%s), the session is still open: %s%n",
                            refused.reply().code(), session.isOpen());
                }

                long taken;
                try (InputStream partial = session.openInputStream("demo/renamed.bin")) {
                    taken = partial.readNBytes(4 * CHUNK).length;
                }
                out.printf("Closed a download after %d KiB of %s; the next command still works: NOOP -> ",
                        taken / 1024, mib(size));
                session.noop();
                out.println("200");

                session.delete("demo/renamed.bin");
                session.removeDirectory("demo");
            }
            out.println("Closed the session (QUIT) and stopped the server. Done.");
        }
        out.flush();
        return 0;
    }

    /** Writes a deterministic stream of bytes, hashed as it is produced. */
    private static void writeGenerated(OutputStream target, long size, MessageDigest digest) throws IOException {
        byte[] pattern = new byte[CHUNK];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + (i >>> 8));
        }
        for (long index = 0; index * CHUNK < size; index++) {
            int length = (int) Math.min(CHUNK, size - index * CHUNK);
            pattern[0] = (byte) index;
            digest.update(pattern, 0, length);
            target.write(pattern, 0, length);
        }
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String rate(long bytes, long nanos) {
        double seconds = nanos / 1e9;
        return String.format("%.2f s, %.0f MiB/s", seconds, bytes / (1024.0 * 1024.0) / seconds);
    }
}
