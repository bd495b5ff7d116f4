package io.ftpflux.reactive;

import static io.ftpflux.reactive.FtpSessionIT.chunks;
import static io.ftpflux.reactive.FtpSessionIT.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpDataIntegrityException;
import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Downloads to files, uploads from files, resume and append against the embedded Apache MINA FtpServer. */
@Timeout(30)
class FileTransferIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    @TempDir
    Path local;

    private FtpSession session;

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
    void downloadsToAFileThroughAPartFile() throws Exception {
        byte[] content = randomBytes(3 * 1024 * 1024 + 5);
        Files.write(server.root().resolve("remote.bin"), content);
        Path target = local.resolve("copy.bin");

        DownloadResult result = session.download("remote.bin", target).block(WAIT);

        assertThat(result.target()).isEqualTo(target);
        assertThat(result.bytes()).isEqualTo(content.length);
        assertThat(result.transferred()).isEqualTo(content.length);
        assertThat(result.resumed()).isFalse();
        assertThat(result.sizeVerified()).isTrue();
        assertThat(result.encrypted()).isFalse();
        assertThat(result.tlsSessionResumed()).isFalse();
        assertThat(result.dataTls()).isNull();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(partOf(target)).doesNotExist();
    }

    @Test
    void downloadsAnEmptyFileAndReplacesAnExistingTarget() throws Exception {
        Files.write(server.root().resolve("empty.bin"), new byte[0]);
        Path target = Files.writeString(local.resolve("old.txt"), "old content");

        DownloadResult result = session.download("empty.bin", target).block(WAIT);

        assertThat(result.bytes()).isZero();
        assertThat(target).isEmptyFile();
    }

    @Test
    void refusesToReplaceATargetWhenOverwriteIsOff() throws Exception {
        Files.writeString(server.root().resolve("remote.txt"), "new");
        Path target = Files.writeString(local.resolve("kept.txt"), "old");

        StepVerifier.create(session.download("remote.txt", target, DownloadOptions.defaults().withOverwrite(false)))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FileAlreadyExistsException.class)
                        .hasMessageContaining("overwrite"))
                .verify(WAIT);
        assertThat(target).hasContent("old");
        assertThat(partOf(target)).doesNotExist();
        assertThat(server.root().resolve("remote.txt")).exists();
    }

    @Test
    void aMissingRemoteFileLeavesTheTargetUntouched() throws Exception {
        Path target = Files.writeString(local.resolve("untouched.txt"), "still here");

        assertThatThrownBy(() -> session.download("no-such-file.bin", target).block(WAIT))
                .isInstanceOf(FtpPermanentReplyException.class)
                .hasMessageContaining("550");
        assertThat(target).hasContent("still here");
        assertThat(partOf(target)).doesNotExist();
        session.noop().block(WAIT);
    }

    @Test
    void resumesADownloadFromItsPartFile() throws Exception {
        byte[] content = randomBytes(2 * 1024 * 1024 + 3);
        Files.write(server.root().resolve("resumed.bin"), content);
        Path target = local.resolve("resumed.bin");
        int kept = 1024 * 1024 + 1;
        Files.write(partOf(target), Arrays.copyOf(content, kept));

        DownloadResult result = session.download("resumed.bin", target, DownloadOptions.defaults().withResume(true))
                .block(WAIT);

        assertThat(result.resumed()).isTrue();
        assertThat(result.resumedFrom()).isEqualTo(kept);
        assertThat(result.transferred()).isEqualTo(content.length - kept);
        assertThat(result.bytes()).isEqualTo(content.length);
        assertThat(result.sizeVerified()).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(partOf(target)).doesNotExist();
    }

    @Test
    void aPartFileLongerThanTheRemoteFileIsStartedOver() throws Exception {
        byte[] content = randomBytes(1000);
        Files.write(server.root().resolve("shrunk.bin"), content);
        Path target = local.resolve("shrunk.bin");
        Files.write(partOf(target), randomBytes(5000));

        DownloadResult result = session.download("shrunk.bin", target, DownloadOptions.defaults().withResume(true))
                .block(WAIT);

        assertThat(result.resumed()).isFalse();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }

    @Test
    void withoutResumeAPartFileIsStartedOver() throws Exception {
        byte[] content = randomBytes(4000);
        Files.write(server.root().resolve("fresh.bin"), content);
        Path target = local.resolve("fresh.bin");
        Files.write(partOf(target), new byte[3000]);

        DownloadResult result = session.download("fresh.bin", target).block(WAIT);

        assertThat(result.resumedFrom()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }

    @Test
    void cancellingADownloadToAFileKeepsThePartFileAndTheSession() throws Exception {
        byte[] content = randomBytes(32 * 1024 * 1024);
        Files.write(server.root().resolve("big.bin"), content);
        Path target = local.resolve("big.bin");

        Disposable download = session.download("big.bin", target).subscribe();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(partOf(target)) || Files.size(partOf(target)) == 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
        download.dispose();

        assertThat(session.size("big.bin").block(WAIT)).isEqualTo(content.length);
        assertThat(target).doesNotExist();
        byte[] kept = Files.readAllBytes(partOf(target));
        assertThat(kept.length).isPositive().isLessThanOrEqualTo(content.length);
        assertThat(kept).isEqualTo(Arrays.copyOf(content, kept.length));
        DownloadResult resumed = session.download("big.bin", target, DownloadOptions.defaults().withResume(true))
                .block(WAIT);
        assertThat(resumed.resumedFrom()).isEqualTo(kept.length);
        assertThat(Arrays.mismatch(Files.readAllBytes(target), content)).isEqualTo(-1);
    }

    @Test
    void downloadsFromAnOffset() throws Exception {
        byte[] content = randomBytes(300_000);
        Files.write(server.root().resolve("offset.bin"), content);

        byte[] tail = collect(session.download("offset.bin", 100_000));

        assertThat(tail).isEqualTo(Arrays.copyOfRange(content, 100_000, content.length));
        assertThat(collect(session.download("offset.bin", content.length))).isEmpty();
        assertThat(collect(session.download("offset.bin", 0))).isEqualTo(content);
        assertThatThrownBy(() -> session.download("offset.bin", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOffsetPastTheEndFailsBeforeTheTransfer() throws Exception {
        Files.write(server.root().resolve("short.bin"), new byte[10]);

        assertThatThrownBy(() -> collect(session.download("short.bin", 11)))
                .isInstanceOf(FtpDataIntegrityException.class)
                .hasMessageContaining("10 bytes");
        assertThatThrownBy(() -> collect(session.download("absent.bin", 11)))
                .isInstanceOf(FtpPermanentReplyException.class);
        session.noop().block(WAIT);
    }

    @Test
    void uploadsAFileAndVerifiesTheStoredSize() throws Exception {
        byte[] content = randomBytes(2 * 1024 * 1024 + 9);
        Path source = Files.write(local.resolve("source.bin"), content);

        UploadResult result = session.upload("stored.bin", source).block(WAIT);

        assertThat(result.path()).isEqualTo("stored.bin");
        assertThat(result.bytes()).isEqualTo(content.length);
        assertThat(result.sizeVerified()).isTrue();
        assertThat(result.resumed()).isFalse();
        assertThat(result.encrypted()).isFalse();
        assertThat(Files.readAllBytes(server.root().resolve("stored.bin"))).isEqualTo(content);
    }

    @Test
    void uploadingAMissingLocalFileFailsBeforeAnyCommand() {
        StepVerifier.create(session.upload("x.bin", local.resolve("absent.bin")))
                .expectError(NoSuchFileException.class)
                .verify(WAIT);
        assertThat(server.root().resolve("x.bin")).doesNotExist();
        session.noop().block(WAIT);
    }

    @Test
    void resumesAnUploadWithRestAndStor() throws Exception {
        assertThat(session.features().supportsRestStream()).isTrue();
        byte[] content = randomBytes(1024 * 1024 + 77);
        Path source = Files.write(local.resolve("resume-up.bin"), content);
        Files.write(server.root().resolve("resume-up.bin"), Arrays.copyOf(content, 300_000));

        UploadResult result = session.upload("resume-up.bin", source, UploadOptions.defaults().withResume(true))
                .block(WAIT);

        assertThat(result.resumedFrom()).isEqualTo(300_000);
        assertThat(result.transferred()).isEqualTo(content.length - 300_000);
        assertThat(result.sizeVerified()).isTrue();
        assertThat(Files.readAllBytes(server.root().resolve("resume-up.bin"))).isEqualTo(content);
    }

    @Test
    void resumingAnUploadThatIsCompleteSendsNothing() throws Exception {
        byte[] content = randomBytes(5000);
        Path source = Files.write(local.resolve("done.bin"), content);
        Files.write(server.root().resolve("done.bin"), content);

        UploadResult result = session.upload("done.bin", source, UploadOptions.defaults().withResume(true))
                .block(WAIT);

        assertThat(result.transferred()).isZero();
        assertThat(result.sizeVerified()).isTrue();
    }

    @Test
    void resumingAnUploadOfAMissingRemoteFileSendsItWhole() throws Exception {
        byte[] content = randomBytes(5000);
        Path source = Files.write(local.resolve("new.bin"), content);

        UploadResult result = session.upload("new.bin", source, UploadOptions.defaults().withResume(true))
                .block(WAIT);

        assertThat(result.resumedFrom()).isZero();
        assertThat(Files.readAllBytes(server.root().resolve("new.bin"))).isEqualTo(content);
    }

    @Test
    void aRemoteFileLongerThanTheLocalOneCannotBeResumed() throws Exception {
        Path source = Files.write(local.resolve("small.bin"), randomBytes(10));
        Files.write(server.root().resolve("small.bin"), randomBytes(20));

        assertThatThrownBy(() -> session.upload("small.bin", source, UploadOptions.defaults().withResume(true))
                        .block(WAIT))
                .isInstanceOf(FtpDataIntegrityException.class)
                .hasMessageContaining("20 bytes");
        assertThat(Files.size(server.root().resolve("small.bin"))).isEqualTo(20);
    }

    @Test
    void appendsToAFile() throws Exception {
        Files.writeString(server.root().resolve("log.txt"), "one\n");

        Long sent = session.append("log.txt", Flux.just(Unpooled.copiedBuffer("two\n", StandardCharsets.UTF_8)))
                .block(WAIT);
        session.append("new-log.txt", Flux.just(Unpooled.copiedBuffer("first\n", StandardCharsets.UTF_8)))
                .block(WAIT);

        assertThat(sent).isEqualTo(4);
        assertThat(server.root().resolve("log.txt")).hasContent("one\ntwo\n");
        assertThat(server.root().resolve("new-log.txt")).hasContent("first\n");
    }

    @Test
    void uploadsAPublisherAndVerifiesWhenAsked() throws Exception {
        byte[] content = randomBytes(200_000);

        UploadResult verified = session.upload("published.bin", chunks(content, 8192),
                UploadOptions.defaults()).block(WAIT);
        UploadResult unverified = session.upload("published2.bin", chunks(content, 8192),
                UploadOptions.defaults().withVerifySize(false)).block(WAIT);

        assertThat(verified.sizeVerified()).isTrue();
        assertThat(verified.bytes()).isEqualTo(content.length);
        assertThat(unverified.sizeVerified()).isFalse();
        assertThat(Files.readAllBytes(server.root().resolve("published.bin"))).isEqualTo(content);
        assertThatThrownBy(() -> session.upload("x", chunks(content, 8192), UploadOptions.defaults().withResume(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("append");
    }

    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    private static byte[] collect(Flux<io.netty.buffer.ByteBuf> data) {
        return data.map(ByteBufUtil::getBytes)
                .reduce(new ByteArrayOutputStream(), (out, bytes) -> {
                    out.writeBytes(bytes);
                    return out;
                })
                .map(ByteArrayOutputStream::toByteArray)
                .block(WAIT);
    }
}
