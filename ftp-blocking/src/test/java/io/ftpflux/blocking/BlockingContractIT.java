package io.ftpflux.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.DownloadOptions;
import io.ftpflux.reactive.DownloadResult;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpSession;
import io.ftpflux.reactive.FtpTimeouts;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * One contract, two facades: the same scenarios run through the reactive {@link FtpSession} and through
 * {@link BlockingFtpSession} against the embedded Apache MINA FtpServer, and must give the same results and the same
 * exception types (RFC 959 §4.1, RFC 3659 §4 and §5).
 */
@Timeout(30)
class BlockingContractIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    static FtpClient client() {
        return FtpClient.builder()
                .host(server.host())
                .port(server.port())
                .credentials(FtpCredentials.of(server.user(), server.password()))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)))
                .build();
    }

    /** What a scenario needs of a session, in the neutral shape both facades can take. */
    interface Facade extends AutoCloseable {
        boolean isOpen();

        void noop();

        String workingDirectory();

        String makeDirectory(String path);

        void removeDirectory(String path);

        void rename(String from, String to);

        void delete(String path);

        long size(String path);

        List<String> listNames(String path);

        void upload(String path, byte[] content) throws IOException;

        byte[] download(String path) throws IOException;

        byte[] download(String path, long offset) throws IOException;

        DownloadResult downloadToFile(String path, Path target, DownloadOptions options) throws IOException;

        @Override
        void close();
    }

    /** The reactive session, each operation awaited in the test. */
    record ReactiveFacade(FtpSession session) implements Facade {
        public boolean isOpen() {
            return session.isOpen();
        }

        public void noop() {
            session.noop().block(WAIT);
        }

        public String workingDirectory() {
            return session.workingDirectory().block(WAIT);
        }

        public String makeDirectory(String path) {
            return session.makeDirectory(path).block(WAIT);
        }

        public void removeDirectory(String path) {
            session.removeDirectory(path).block(WAIT);
        }

        public void rename(String from, String to) {
            session.rename(from, to).block(WAIT);
        }

        public void delete(String path) {
            session.delete(path).block(WAIT);
        }

        public long size(String path) {
            return session.size(path).block(WAIT);
        }

        public List<String> listNames(String path) {
            return session.list(path).map(FtpEntry::name).collectList().block(WAIT);
        }

        public void upload(String path, byte[] content) {
            session.upload(path, Flux.just(Unpooled.wrappedBuffer(content))).block(WAIT);
        }

        public byte[] download(String path) {
            return concat(session.download(path).map(ByteBufUtil::getBytes).collectList().block(WAIT));
        }

        public byte[] download(String path, long offset) {
            return concat(session.download(path, offset).map(ByteBufUtil::getBytes).collectList().block(WAIT));
        }

        public DownloadResult downloadToFile(String path, Path target, DownloadOptions options) {
            return session.download(path, target, options).block(WAIT);
        }

        public void close() {
            session.close().block(WAIT);
        }

        private static byte[] concat(List<byte[]> chunks) {
            return chunks.stream().reduce(new byte[0], (a, b) -> {
                byte[] joined = Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, joined, a.length, b.length);
                return joined;
            });
        }
    }

    /** The blocking session, called as a script would. */
    record BlockingFacade(BlockingFtpSession session) implements Facade {
        public boolean isOpen() {
            return session.isOpen();
        }

        public void noop() {
            session.noop();
        }

        public String workingDirectory() {
            return session.workingDirectory();
        }

        public String makeDirectory(String path) {
            return session.makeDirectory(path);
        }

        public void removeDirectory(String path) {
            session.removeDirectory(path);
        }

        public void rename(String from, String to) {
            session.rename(from, to);
        }

        public void delete(String path) {
            session.delete(path);
        }

        public long size(String path) {
            return session.size(path);
        }

        public List<String> listNames(String path) {
            return session.list(path).stream().map(FtpEntry::name).toList();
        }

        public void upload(String path, byte[] content) throws IOException {
            session.upload(path, new ByteArrayInputStream(content));
        }

        public byte[] download(String path) throws IOException {
            try (InputStream in = session.openInputStream(path)) {
                return in.readAllBytes();
            }
        }

        public byte[] download(String path, long offset) throws IOException {
            try (InputStream in = session.openInputStream(path, offset)) {
                return in.readAllBytes();
            }
        }

        public DownloadResult downloadToFile(String path, Path target, DownloadOptions options) throws IOException {
            return session.download(path, target, options);
        }

        public void close() {
            session.close();
        }
    }

    @Nested
    class Reactive extends Contract {
        @Override
        Facade open() {
            return new ReactiveFacade(client().connect().block(WAIT));
        }
    }

    @Nested
    class Blocking extends Contract {
        @Override
        Facade open() {
            return new BlockingFacade(BlockingFtpClient.of(client()).connect());
        }
    }

    /** The scenarios; each facade runs them all. */
    abstract static class Contract {

        @TempDir
        Path local;

        Facade ftp;
        byte[] content;

        abstract Facade open();

        @BeforeEach
        void openSession() throws IOException {
            content = new byte[300_000];
            new Random(7).nextBytes(content);
            Files.createDirectories(server.root().resolve("docs"));
            Files.write(server.root().resolve("docs/one.bin"), content);
            Files.writeString(server.root().resolve("docs/two.txt"), "two");
            ftp = open();
        }

        @AfterEach
        void closeSession() {
            if (ftp != null) {
                ftp.close();
                assertThat(ftp.isOpen()).isFalse();
            }
        }

        @Test
        void logsInAndTalks() {
            assertThat(ftp.isOpen()).isTrue();
            ftp.noop();
            assertThat(ftp.workingDirectory()).isEqualTo("/");
        }

        @Test
        void listsADirectory() {
            assertThat(ftp.listNames("/docs")).contains("one.bin", "two.txt").doesNotContain(".", "..");
        }

        @Test
        void uploadsAndDownloadsTheSameBytes() throws IOException {
            ftp.upload("/docs/up.bin", content);

            assertThat(server.root().resolve("docs/up.bin")).hasBinaryContent(content);
            assertThat(ftp.size("/docs/up.bin")).isEqualTo(content.length);
            assertThat(ftp.download("/docs/up.bin")).isEqualTo(content);
        }

        @Test
        void createsRenamesDeletesAndRemoves() throws IOException {
            assertThat(ftp.makeDirectory("/made")).isEqualTo("/made");
            ftp.upload("/made/a.txt", new byte[] {'a'});
            ftp.rename("/made/a.txt", "/made/b.txt");
            assertThat(ftp.listNames("/made")).containsExactly("b.txt");

            ftp.delete("/made/b.txt");
            ftp.removeDirectory("/made");

            assertThat(server.root().resolve("made")).doesNotExist();
        }

        @Test
        void aRefusedCommandIsAPermanentReplyAndKeepsTheSession() {
            assertThatThrownBy(() -> ftp.size("/docs/missing.bin"))
                    .isInstanceOfSatisfying(FtpPermanentReplyException.class,
                            refused -> assertThat(refused.reply().code().value()).isEqualTo(550));
            assertThatThrownBy(() -> ftp.rename("/docs/missing.bin", "/docs/other.bin"))
                    .isInstanceOf(FtpPermanentReplyException.class);

            assertThat(ftp.isOpen()).isTrue();
            ftp.noop();
        }

        @Test
        void resumesADownload() throws IOException {
            Path target = local.resolve("one.bin");
            Files.write(local.resolve("one.bin.part"), Arrays.copyOf(content, 100_000));

            DownloadResult result = ftp.downloadToFile("/docs/one.bin", target, DownloadOptions.defaults().withResume(true));

            assertThat(result.resumedFrom()).isEqualTo(100_000);
            assertThat(result.sizeVerified()).isTrue();
            assertThat(target).hasBinaryContent(content);
            assertThat(ftp.download("/docs/one.bin", 250_000))
                    .isEqualTo(Arrays.copyOfRange(content, 250_000, content.length));
        }
    }
}
