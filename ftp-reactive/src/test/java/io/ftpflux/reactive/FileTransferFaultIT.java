package io.ftpflux.reactive;

import static io.ftpflux.reactive.FileTransferIT.partOf;
import static io.ftpflux.reactive.FtpSessionIT.chunks;
import static io.ftpflux.reactive.FtpSessionIT.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpDataIntegrityException;
import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.FtpTransientReplyException;
import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.fault.ReceivedCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * Downloads to files, resume and upload checks against the scripted fault server: servers that ignore REST, cut
 * transfers short, stall, lie about sizes, or lack SIZE, MLST or REST STREAM.
 */
@Timeout(30)
class FileTransferFaultIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    @TempDir
    Path local;

    private FtpSession session;

    @BeforeEach
    void connect() {
        session = client(ftp.port()).connect().block(WAIT);
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close().block(WAIT);
        }
    }

    private static FtpClient client(int port) {
        return FtpClient.builder()
                .host("127.0.0.1")
                .port(port)
                .credentials(FtpCredentials.of("test", "test"))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)))
                .build();
    }

    @Test
    void aServerThatIgnoresRestCannotCorruptThePartFile() throws Exception {
        byte[] content = randomBytes(100_000);
        ftp.server().fileSystem().putFile("/f.bin", content);
        // The fault server sends SendData bytes from their start, whatever REST said.
        ftp.server().onCommand("RETR", Fault.sendData(content));
        Path target = local.resolve("f.bin");
        Files.write(partOf(target), Arrays.copyOf(content, 40_000));

        StepVerifier.create(session.download("/f.bin", target, DownloadOptions.defaults().withResume(true)))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpDataIntegrityException.class)
                        .hasMessageContaining("REST"))
                .verify(WAIT);

        assertThat(ftp.server().commands()).anyMatch(command -> command.line().equals("REST 40000"));
        assertThat(Files.readAllBytes(partOf(target))).isEqualTo(Arrays.copyOf(content, 40_000));
        assertThat(target).doesNotExist();
        session.noop().block(WAIT);
    }

    @Test
    void aStreamFromAnOffsetFailsBeforeEmittingBytesPastTheRemainingSize() {
        byte[] content = randomBytes(100_000);
        ftp.server().fileSystem().putFile("/f.bin", content);
        ftp.server().onCommand("RETR", Fault.sendData(content));
        AtomicLong emitted = new AtomicLong();

        StepVerifier.create(session.download("/f.bin", 40_000)
                        .doOnNext(buffer -> emitted.addAndGet(buffer.readableBytes())))
                .thenConsumeWhile(buffer -> true)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpDataIntegrityException.class)
                        .satisfies(integrity -> assertThat(((FtpDataIntegrityException) integrity).expectedBytes())
                                .isEqualTo(60_000)))
                .verify(WAIT);

        assertThat(emitted.get()).isLessThanOrEqualTo(60_000);
        session.noop().block(WAIT);
    }

    @Test
    void aTransferCutShortButConfirmedFailsTheSizeCheckAndLeavesNoFile() {
        ftp.server().fileSystem().putFile("/short.bin", randomBytes(50_000));
        ftp.server().onCommand("RETR", Fault.closeDataAfter(1000));
        Path target = local.resolve("short.bin");

        StepVerifier.create(session.download("/short.bin", target))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpDataIntegrityException.class)
                        .hasMessageContaining("1000"))
                .verify(WAIT);

        assertThat(target).doesNotExist();
        assertThat(partOf(target)).doesNotExist();
    }

    @Test
    void aBrokenTransferKeepsItsBytesForResume() throws Exception {
        byte[] content = randomBytes(200_000);
        ftp.server().fileSystem().putFile("/broken.bin", content);
        // The late 426 lets all the data arrive first: a negative reply ends a transfer at once, data or not.
        ftp.server().onCommand("RETR", 1, Fault.closeDataAfter(30_000), Fault.delayFinalReply(Duration.ofMillis(300)),
                Fault.finalReply("426 Connection closed; transfer aborted.\r\n"));
        Path target = local.resolve("broken.bin");
        DownloadOptions resume = DownloadOptions.defaults().withResume(true);

        StepVerifier.create(session.download("/broken.bin", target, resume))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpTransientReplyException.class)
                        .hasMessageContaining("426"))
                .verify(WAIT);
        assertThat(target).doesNotExist();
        assertThat(Files.readAllBytes(partOf(target))).isEqualTo(Arrays.copyOf(content, 30_000));

        DownloadResult result = session.download("/broken.bin", target, resume).block(WAIT);

        assertThat(result.resumedFrom()).isEqualTo(30_000);
        assertThat(result.sizeVerified()).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(ftp.server().commands()).anyMatch(command -> command.line().equals("REST 30000"));
    }

    @Test
    void aStalledDownloadToAFileTimesOutAndKeepsWhatArrived() throws Exception {
        byte[] content = randomBytes(100_000);
        ftp.server().fileSystem().putFile("/stall.bin", content);
        ftp.server().onCommand("RETR", Fault.stallDataAfter(10_000));
        FtpSession impatient = client(ftp.port()).mutate()
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(1)).withDataIdle(Duration.ofMillis(300)))
                .build().connect().block(WAIT);
        Path target = local.resolve("stall.bin");
        try {
            StepVerifier.create(impatient.download("/stall.bin", target))
                    .expectError(FtpTimeoutException.class)
                    .verify(WAIT);
        } finally {
            impatient.close().block(WAIT);
        }

        assertThat(target).doesNotExist();
        byte[] kept = Files.readAllBytes(partOf(target));
        assertThat(kept.length).isLessThanOrEqualTo(10_000);
        assertThat(kept).isEqualTo(Arrays.copyOf(content, kept.length));
    }

    @Test
    void withoutSizeOrMlstTheAnnouncedSizeChecksTheDownload() throws Exception {
        withServer(FaultServer.builder().features("EPSV", "REST STREAM", "UTF8"), (server, other) -> {
            byte[] content = randomBytes(20_000);
            server.fileSystem().putFile("/hinted.bin", content);
            Path target = local.resolve("hinted.bin");

            DownloadResult hinted = other.download("/hinted.bin", target).block(WAIT);
            assertThat(hinted.sizeVerified()).isTrue();
            assertThat(Files.readAllBytes(target)).isEqualTo(content);
            assertThat(server.commands()).noneMatch(command -> command.is("SIZE") || command.is("MLST"));

            server.onCommand("RETR", 2, Fault.preliminaryReplies("150 Here it comes.\r\n"));
            assertThat(other.download("/hinted.bin", target).block(WAIT).sizeVerified()).isFalse();

            server.onCommand("RETR", 3, Fault.lieAboutSize(5));
            StepVerifier.create(other.download("/hinted.bin", local.resolve("lied.bin")))
                    .expectError(FtpDataIntegrityException.class)
                    .verify(WAIT);

            // Resume needs the remote size: without it, a part file is started over.
            Files.write(partOf(target), Arrays.copyOf(content, 100));
            DownloadResult restarted = other.download("/hinted.bin", target,
                    DownloadOptions.defaults().withResume(true)).block(WAIT);
            assertThat(restarted.resumedFrom()).isZero();
            assertThat(Files.readAllBytes(target)).isEqualTo(content);

            StepVerifier.create(other.download("/hinted.bin", 10))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(FtpDataIntegrityException.class)
                            .hasMessageContaining("reports no size"))
                    .verify(WAIT);
        });
    }

    @Test
    void withMlstButNoSizeTheMlstSizeChecksTransfers() throws Exception {
        withServer(FaultServer.builder().features("EPSV", "MLST type*;size*;modify*;", "REST STREAM", "UTF8"),
                (server, other) -> {
                    byte[] content = randomBytes(30_000);
                    server.fileSystem().putFile("/m.bin", content);
                    Path target = local.resolve("m.bin");
                    Files.write(partOf(target), Arrays.copyOf(content, 1000));

                    DownloadResult result = other.download("/m.bin", target,
                            DownloadOptions.defaults().withResume(true)).block(WAIT);

                    assertThat(result.resumedFrom()).isEqualTo(1000);
                    assertThat(Files.readAllBytes(target)).isEqualTo(content);
                    UploadResult uploaded = other.upload("/up.bin", target).block(WAIT);
                    assertThat(uploaded.sizeVerified()).isTrue();
                    assertThat(server.commands()).anyMatch(command -> command.is("MLST"))
                            .noneMatch(command -> command.is("SIZE"));
                });
    }

    @Test
    void aStoredSizeThatDiffersFailsTheUpload() throws Exception {
        Path source = Files.write(local.resolve("up.bin"), randomBytes(5000));
        ftp.server().onCommand("SIZE", Fault.reply("213 3\r\n"));

        StepVerifier.create(session.upload("/up.bin", source))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpDataIntegrityException.class)
                        .hasMessageContaining("stored 3 bytes"))
                .verify(WAIT);
        StepVerifier.create(session.upload("/up2.bin", chunks(new byte[100], 10), UploadOptions.defaults()))
                .expectError(FtpDataIntegrityException.class)
                .verify(WAIT);
        assertThat(session.upload("/up3.bin", source, UploadOptions.defaults().withVerifySize(false))
                .block(WAIT).sizeVerified()).isFalse();
        session.noop().block(WAIT);
    }

    @Test
    void resumesAnUploadWithRestAndStorWhenTheServerOffersRestStream() throws Exception {
        byte[] content = randomBytes(40_000);
        Path source = Files.write(local.resolve("r.bin"), content);
        ftp.server().fileSystem().putFile("/r.bin", Arrays.copyOf(content, 12_345));

        UploadResult result = session.upload("/r.bin", source, UploadOptions.defaults().withResume(true)).block(WAIT);

        assertThat(result.resumedFrom()).isEqualTo(12_345);
        assertThat(ftp.server().fileSystem().readFile("/r.bin")).contains(content);
        List<ReceivedCommand> commands = ftp.server().commands();
        ReceivedCommand rest = commands.stream().filter(command -> command.is("REST")).findFirst().orElseThrow();
        assertThat(rest.argument()).isEqualTo("12345");
        assertThat(ftp.server().commandsAfter(rest).get(0).is("STOR")).isTrue();
    }

    @Test
    void resumesAnUploadWithAppeWithoutRestStream() throws Exception {
        withServer(FaultServer.builder().features("EPSV", "SIZE", "UTF8"), (server, other) -> {
            byte[] content = randomBytes(40_000);
            Path source = Files.write(local.resolve("a.bin"), content);
            server.fileSystem().putFile("/a.bin", Arrays.copyOf(content, 777));

            UploadResult result = other.upload("/a.bin", source, UploadOptions.defaults().withResume(true)).block(WAIT);

            assertThat(result.resumedFrom()).isEqualTo(777);
            assertThat(result.sizeVerified()).isTrue();
            assertThat(server.fileSystem().readFile("/a.bin")).contains(content);
            assertThat(server.commands()).anyMatch(command -> command.is("APPE"))
                    .noneMatch(command -> command.is("REST") || command.is("STOR"));
        });
    }

    @Test
    void withoutSizeOrMlstAnUploadIsNotVerified() throws Exception {
        withServer(FaultServer.builder().features("EPSV", "UTF8"), (server, other) -> {
            Path source = Files.write(local.resolve("n.bin"), randomBytes(1000));

            UploadResult result = other.upload("/n.bin", source).block(WAIT);

            assertThat(result.sizeVerified()).isFalse();
            assertThat(result.bytes()).isEqualTo(1000);
        });
    }

    @Test
    void aRefusedUploadFromAFileFailsWithTheReply() throws Exception {
        Path source = Files.write(local.resolve("x.bin"), randomBytes(100));

        StepVerifier.create(session.upload("/no/such/dir/x.bin", source))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpPermanentReplyException.class)
                        .hasMessageContaining("553"))
                .verify(WAIT);
        session.noop().block(WAIT);
    }

    /** Runs a test against a second fault server with other settings. */
    private static void withServer(FaultServer.Builder builder, ServerTest test) throws Exception {
        try (FaultServer server = builder.build()) {
            int port = server.start();
            FtpSession other = client(port).connect().block(WAIT);
            try {
                test.run(server, other);
            } finally {
                other.close().block(WAIT);
            }
        }
    }

    @FunctionalInterface
    private interface ServerTest {
        void run(FaultServer server, FtpSession session) throws Exception;
    }
}
