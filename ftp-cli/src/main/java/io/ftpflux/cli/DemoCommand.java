package io.ftpflux.cli;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpSession;
import io.ftpflux.reactive.FtpTimeouts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import reactor.core.publisher.Flux;

/**
 * {@code ftpflux demo}: starts an FTP server in this process on 127.0.0.1 and tours the SDK against it: login,
 * a streamed upload and download checked by SHA-256, file operations, a refused command and a cancelled transfer
 * that leave the session usable. It ends by itself and leaves nothing running.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded FTP server on 127.0.0.1 and tour the SDK against it.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration WAIT = Duration.ofSeconds(60);
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
            FtpClient client = FtpClient.builder()
                    .host(DemoServer.HOST)
                    .port(server.port())
                    .credentials(FtpCredentials.of(DemoServer.USER, DemoServer.PASSWORD))
                    .timeouts(FtpTimeouts.of(Duration.ofSeconds(10)))
                    .build();
            FtpSession session = client.connect().block(WAIT);
            try {
                out.printf("Logged in as %s; the server offers %s%n", DemoServer.USER, session.features().names());
                out.printf("Working directory: %s%n", session.workingDirectory().block(WAIT));
                session.makeDirectory("demo").block(WAIT);

                MessageDigest sent = sha256();
                long start = System.nanoTime();
                long uploaded = session.upload("demo/data.bin", generated(size, sent)).block(WAIT);
                out.printf("Uploaded %s in a stream of %d KiB buffers: %s%n", mib(uploaded), CHUNK / 1024,
                        rate(uploaded, System.nanoTime() - start));

                MessageDigest received = sha256();
                start = System.nanoTime();
                long downloaded = session.download("demo/data.bin")
                        .map(buf -> {
                            received.update(buf.nioBuffer());
                            return (long) buf.readableBytes();
                        })
                        .reduce(0L, Long::sum)
                        .block(WAIT);
                out.printf("Downloaded %s: %s%n", mib(downloaded), rate(downloaded, System.nanoTime() - start));
                String sentHash = HexFormat.of().formatHex(sent.digest());
                String receivedHash = HexFormat.of().formatHex(received.digest());
                out.printf("SHA-256 sent     %s%nSHA-256 received %s -> %s%n", sentHash, receivedHash,
                        sentHash.equals(receivedHash) ? "identical" : "DIFFERENT");
                if (!sentHash.equals(receivedHash)) {
                    return 1;
                }

                out.printf("SIZE says %s; renaming, then asking for a file that is not there...%n",
                        mib(session.size("demo/data.bin").block(WAIT)));
                session.rename("demo/data.bin", "demo/renamed.bin").block(WAIT);
                try {
                    session.size("demo/data.bin").block(WAIT);
                } catch (FtpPermanentReplyException refused) {
                    out.printf("  refused as expected (%s), the session is still open: %s%n",
                            refused.reply().code(), session.isOpen());
                }

                long taken = session.download("demo/renamed.bin").take(4).count().block(WAIT);
                out.printf("Cancelled a download after %d buffers; the next command still works: NOOP -> ", taken);
                session.noop().block(WAIT);
                out.println("200");

                session.delete("demo/renamed.bin").block(WAIT);
                session.removeDirectory("demo").block(WAIT);
            } finally {
                session.close().block(WAIT);
            }
            out.println("Closed the session (QUIT) and stopped the server. Done.");
        }
        out.flush();
        return 0;
    }

    /** A deterministic stream of buffers, hashed as it is produced. */
    private static Flux<ByteBuf> generated(long size, MessageDigest digest) {
        byte[] pattern = new byte[CHUNK];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + (i >>> 8));
        }
        long chunks = (size + CHUNK - 1) / CHUNK;
        return Flux.range(0, (int) chunks).map(index -> {
            int length = (int) Math.min(CHUNK, size - (long) index * CHUNK);
            pattern[0] = index.byteValue();
            digest.update(pattern, 0, length);
            return Unpooled.copiedBuffer(pattern, 0, length);
        });
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
