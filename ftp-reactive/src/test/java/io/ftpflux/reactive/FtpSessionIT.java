package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The session's operations against a real server: the embedded Apache MINA FtpServer on loopback. */
@Timeout(30)
class FtpSessionIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    private FtpSession session;

    @BeforeEach
    void connect() {
        session = client().connect().block(WAIT);
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close().block(WAIT);
        }
    }

    static FtpClient client() {
        return EmbeddedClients.client(server);
    }

    @Test
    void logsInAndReadsFeatures() {
        assertThat(session.isOpen()).isTrue();
        assertThat(session.greeting().code().value()).isEqualTo(220);
        assertThat(session.features().supportsSize()).isTrue();
        assertThat(session.workingDirectory().block(WAIT)).isEqualTo("/");
    }

    @Test
    void refusedLoginIsAPermanentReplyErrorWithoutThePassword() {
        FtpClient wrong = client().mutate().credentials(FtpCredentials.of(server.user(), "not-the-secret")).build();
        assertThatThrownBy(() -> wrong.connect().block(WAIT))
                .isInstanceOf(FtpPermanentReplyException.class)
                .hasMessageContaining("530")
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void uploadsAndDownloadsTheSameBytes() throws Exception {
        byte[] content = randomBytes(3 * 1024 * 1024 + 17);
        Long sent = session.upload("data.bin", chunks(content, 64 * 1024)).block(WAIT);

        assertThat(sent).isEqualTo(content.length);
        byte[] stored = Files.readAllBytes(server.root().resolve("data.bin"));
        assertThat(stored.length).isEqualTo(content.length);
        assertThat(firstDifference(stored, content)).isEqualTo(-1);
        assertThat(session.size("data.bin").block(WAIT)).isEqualTo(content.length);
        byte[] downloaded = download("data.bin");
        assertThat(downloaded.length).isEqualTo(content.length);
        assertThat(firstDifference(downloaded, content)).isEqualTo(-1);
    }

    @Test
    void fileOperationsRoundTrip() throws Exception {
        assertThat(session.makeDirectory("dir one").block(WAIT)).endsWith("dir one");
        session.changeWorkingDirectory("dir one").block(WAIT);
        assertThat(session.workingDirectory().block(WAIT)).isEqualTo("/dir one");
        session.upload("a.txt", Flux.just(Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8))).block(WAIT);
        session.rename("a.txt", "b.txt").block(WAIT);
        assertThat(Files.readString(server.root().resolve("dir one/b.txt"))).isEqualTo("hello");
        assertThat(session.modificationTime("b.txt").block(WAIT)).isNotNull();
        session.delete("b.txt").block(WAIT);
        session.changeWorkingDirectory("/").block(WAIT);
        session.removeDirectory("dir one").block(WAIT);
        assertThat(server.root().resolve("dir one")).doesNotExist();
    }

    @Test
    void aRefusedDownloadFailsWithTheReplyAndLeavesTheSessionUsable() {
        StepVerifier.create(session.download("missing.bin"))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpPermanentReplyException.class)
                        .hasMessageContaining("550"))
                .verify(WAIT);
        assertThat(session.isOpen()).isTrue();
        session.noop().block(WAIT);
    }

    @Test
    void aRefusedUploadFailsWithTheReplyAndLeavesTheSessionUsable() {
        // MINA says 150 before it finds out it cannot create the file, then 550/553.
        assertThatThrownBy(() -> session.upload("no/such/dir/file.txt",
                        Flux.just(Unpooled.copiedBuffer("x", StandardCharsets.UTF_8))).block(WAIT))
                .isInstanceOf(FtpPermanentReplyException.class);
        session.noop().block(WAIT);
    }

    @Test
    void cancellingADownloadLeavesTheSessionUsable() throws Exception {
        byte[] content = randomBytes(32 * 1024 * 1024);
        Files.write(server.root().resolve("big.bin"), content);

        StepVerifier.create(session.download("big.bin"), 1)
                .expectNextCount(1)
                .thenCancel()
                .verify(WAIT);

        assertThat(session.size("big.bin").block(WAIT)).isEqualTo(content.length);
        byte[] small = randomBytes(1000);
        Files.write(server.root().resolve("small.bin"), small);
        assertThat(download("small.bin")).isEqualTo(small);
    }

    @Test
    void operationsQueueInSubscriptionOrder() throws Exception {
        Files.writeString(server.root().resolve("one.txt"), "1");
        Files.writeString(server.root().resolve("two.txt"), "22");
        Mono<Long> one = session.size("one.txt");
        Mono<Long> two = session.size("two.txt");
        var sizes = Mono.zip(one, two).block(WAIT);
        assertThat(sizes.getT1()).isEqualTo(1L);
        assertThat(sizes.getT2()).isEqualTo(2L);
    }

    private byte[] download(String path) {
        return session.download(path)
                .map(ByteBufUtil::getBytes)
                .reduce(new java.io.ByteArrayOutputStream(), (out, bytes) -> {
                    out.writeBytes(bytes);
                    return out;
                })
                .map(java.io.ByteArrayOutputStream::toByteArray)
                .block(WAIT);
    }

    static int firstDifference(byte[] a, byte[] b) {
        return java.util.Arrays.mismatch(a, b);
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static Flux<ByteBuf> chunks(byte[] content, int chunk) {
        return Flux.range(0, (content.length + chunk - 1) / chunk)
                .map(i -> Unpooled.wrappedBuffer(content, i * chunk, Math.min(chunk, content.length - i * chunk)));
    }

}
