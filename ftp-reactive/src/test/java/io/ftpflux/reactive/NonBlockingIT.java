package io.ftpflux.reactive;

import static io.ftpflux.reactive.FileTransferIT.partOf;
import static io.ftpflux.reactive.FtpSessionIT.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.command.TransferType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.testkit.blockhound.BlockHoundSupport;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's operations never block an event loop: BlockHound watches (ftp-testkit's extension fails a test
 * that made a blocking call on a non-blocking thread), and each operation is subscribed from an event loop, after
 * a NOOP, as it is when operations are chained.
 */
@Timeout(30)
class NonBlockingIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    @TempDir
    Path local;

    private FtpSession session;

    @BeforeAll
    static void installBlockHound() {
        BlockHoundSupport.install();
    }

    @BeforeEach
    void connect() {
        session = EmbeddedClients.client(server)
                .connect()
                .block(WAIT);
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close().block(WAIT);
        }
    }

    @Test
    void downloadsToFilesAndResumesOnEventLoops() throws Exception {
        byte[] content = randomBytes(4 * 1024 * 1024 + 1);
        Files.write(server.root().resolve("nb.bin"), content);
        Path target = local.resolve("nb.bin");
        Files.write(partOf(target), Arrays.copyOf(content, 1000));

        DownloadResult result = session.noop()
                .then(session.download("nb.bin", target, DownloadOptions.defaults().withResume(true)))
                .block(WAIT);

        assertThat(result.resumedFrom()).isEqualTo(1000);
        assertThat(Arrays.mismatch(Files.readAllBytes(target), content)).isEqualTo(-1);
        assertThat(session.noop().then(session.download("nb.bin", 4 * 1024 * 1024).count()).block(WAIT))
                .isPositive();
    }

    @Test
    void uploadsFilesAndResumesOnEventLoops() throws Exception {
        byte[] content = randomBytes(3 * 1024 * 1024);
        Path source = Files.write(local.resolve("up.bin"), content);
        Files.write(server.root().resolve("up.bin"), Arrays.copyOf(content, 5000));

        UploadResult resumed = session.noop()
                .then(session.upload("up.bin", source, UploadOptions.defaults().withResume(true)))
                .block(WAIT);
        UploadResult whole = session.noop().then(session.upload("whole.bin", source)).block(WAIT);

        assertThat(resumed.resumedFrom()).isEqualTo(5000);
        assertThat(resumed.sizeVerified()).isTrue();
        assertThat(whole.sizeVerified()).isTrue();
        assertThat(Files.readAllBytes(server.root().resolve("up.bin"))).isEqualTo(content);
    }

    @Test
    void convertsAsciiFilesOnEventLoops() throws Exception {
        String text = "a line of text\n".repeat(64 * 1024);
        Path source = Files.writeString(local.resolve("up.txt"), text, StandardCharsets.US_ASCII);
        Path target = local.resolve("down.txt");
        FtpSession ascii = FtpClient.builder()
                .host(server.host())
                .port(server.port())
                .credentials(FtpCredentials.of(server.user(), server.password()))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)))
                .transferType(TransferType.ASCII)
                .build()
                .connect()
                .block(WAIT);
        try {
            UploadResult uploaded = ascii.noop().then(ascii.upload("up.txt", source)).block(WAIT);
            DownloadResult downloaded = ascii.noop().then(ascii.download("up.txt", target)).block(WAIT);

            assertThat(uploaded.bytes()).isEqualTo(text.length() + 64 * 1024);
            assertThat(downloaded.bytes()).isEqualTo(text.length());
            assertThat(Files.readString(target, StandardCharsets.US_ASCII)).isEqualTo(text);
        } finally {
            ascii.close().block(WAIT);
        }
    }

    @Test
    void listsAndDescribesOnEventLoops() throws Exception {
        Path dir = Files.createDirectories(server.root().resolve("nb-dir"));
        for (int i = 0; i < 200; i++) {
            Files.createFile(dir.resolve("f" + i));
        }

        assertThat(session.noop().thenMany(session.list("nb-dir")).map(FtpEntry::name).count().block(WAIT))
                .isEqualTo(200);
        assertThat(session.noop().thenMany(session.names("nb-dir")).count().block(WAIT)).isEqualTo(200);
        assertThat(session.noop().then(session.stat("nb-dir/f7")).block(WAIT).size()).isZero();
    }
}
