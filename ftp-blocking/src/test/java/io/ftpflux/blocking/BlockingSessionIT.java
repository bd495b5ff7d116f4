package io.ftpflux.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.DownloadOptions;
import io.ftpflux.reactive.DownloadResult;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpTimeouts;
import io.ftpflux.reactive.UploadOptions;
import io.ftpflux.reactive.UploadResult;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The blocking session's own shapes against the embedded Apache MINA FtpServer: uploads from input streams (read on
 * the caller's thread), lazy listings, files, {@code withSession}, and the refusal to block an event loop.
 */
@Timeout(30)
class BlockingSessionIT {

    private static final int MANY = 300;

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    @TempDir
    Path local;

    private BlockingFtpClient client;
    private BlockingFtpSession session;

    @BeforeAll
    static void manyFiles() throws IOException {
        Path many = Files.createDirectories(server.root().resolve("many"));
        for (int i = 0; i < MANY; i++) {
            Files.writeString(many.resolve(String.format("file-%03d.txt", i)), "x", StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void open() {
        client = BlockingFtpClient.of(FtpClient.builder()
                .host(server.host())
                .port(server.port())
                .credentials(FtpCredentials.of(server.user(), server.password()))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)))
                .build());
        session = client.connect();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void readsAnUploadsInputOnTheCallersThreadOnly() throws IOException {
        byte[] content = new byte[5 * 1024 * 1024 + 17];
        new Random(3).nextBytes(content);
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        InputStream recording = new FilterInputStream(new ByteArrayInputStream(content)) {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                readers.add(Thread.currentThread());
                return super.read(bytes, offset, length);
            }

            @Override
            public int read() throws IOException {
                readers.add(Thread.currentThread());
                return super.read();
            }
        };

        long sent = session.upload("/threads.bin", recording);

        assertThat(sent).isEqualTo(content.length);
        assertThat(readers).containsExactly(Thread.currentThread());
        assertThat(server.root().resolve("threads.bin")).hasBinaryContent(content);
    }

    @Test
    void uploadsAnInputWithASizeCheckAndAppends() throws IOException {
        UploadResult stored = session.upload("/lines.txt",
                new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)), UploadOptions.defaults());
        long appended = session.append("/lines.txt", new ByteArrayInputStream("three\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(stored.bytes()).isEqualTo(8);
        assertThat(stored.sizeVerified()).isTrue();
        assertThat(appended).isEqualTo(6);
        assertThat(server.root().resolve("lines.txt")).hasContent("one\ntwo\nthree\n");
        assertThatThrownBy(() -> session.upload("/lines.txt", InputStream.nullInputStream(),
                UploadOptions.defaults().withResume(true))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyInputUploadsAnEmptyFile() throws IOException {
        assertThat(session.upload("/empty.bin", InputStream.nullInputStream())).isZero();
        assertThat(server.root().resolve("empty.bin")).isEmptyFile();
        try (InputStream in = session.openInputStream("/empty.bin")) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void streamsAListingLazilyAndClosingItEarlyKeepsTheSession() {
        List<String> firstThree;
        try (Stream<FtpEntry> entries = session.listStream("/many")) {
            firstThree = entries.map(FtpEntry::name).limit(3).toList();
        }
        assertThat(firstThree).hasSize(3).allSatisfy(name -> assertThat(name).startsWith("file-"));
        assertThat(session.isOpen()).isTrue();

        long count;
        try (Stream<FtpEntry> entries = session.listStream("/many")) {
            count = entries.filter(entry -> entry.type() == EntryType.FILE).count();
        }
        assertThat(count).isEqualTo(MANY);
        assertThat(session.names("/many")).hasSize(MANY);
    }

    @Test
    void transfersFilesDescribesThemAndRunsAnyCommand() throws IOException {
        byte[] content = new byte[200_000];
        new Random(5).nextBytes(content);
        Path source = Files.write(local.resolve("source.bin"), content);
        Instant modified = Instant.parse("2025-06-07T08:09:10Z");

        UploadResult stored = session.upload("/file.bin", source);
        session.setModificationTime("/file.bin", modified);
        DownloadResult fetched = session.download("/file.bin", local.resolve("copy.bin"));
        FtpEntry entry = session.stat("/file.bin");

        assertThat(stored.sizeVerified()).isTrue();
        assertThat(fetched.bytes()).isEqualTo(content.length);
        assertThat(local.resolve("copy.bin")).hasBinaryContent(content);
        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.size()).isEqualTo(content.length);
        assertThat(session.modificationTime("/file.bin")).isEqualTo(modified);
        assertThat(session.execute(FtpCommands.pwd()).code().value()).isEqualTo(257);
        assertThat(session.features().supportsMlst()).isTrue();
        assertThat(session.list()).extracting(FtpEntry::name).contains("file.bin", "many");
        assertThat(session.names()).contains("file.bin");
        try (Stream<FtpEntry> entries = session.listStream()) {
            assertThat(entries.map(FtpEntry::name)).contains("file.bin");
        }
        assertThatThrownBy(() -> session.download("/file.bin", local.resolve("copy.bin"),
                DownloadOptions.defaults().withOverwrite(false))).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void withSessionClosesTheSessionWhetherTheWorkReturnsOrThrows() throws IOException {
        AtomicReference<BlockingFtpSession> used = new AtomicReference<>();

        String directory = client.withSession(work -> {
            used.set(work);
            return work.workingDirectory();
        });
        assertThat(directory).isEqualTo("/");
        assertThat(used.get().isOpen()).isFalse();

        assertThatThrownBy(() -> client.withSession(work -> {
            used.set(work);
            return work.size("/no/such/file");
        })).isInstanceOf(FtpPermanentReplyException.class);
        assertThat(used.get().isOpen()).isFalse();
    }

    @Test
    void refusesToBlockAThreadThatMustNotBlock() {
        Mono<Object> onParallelWorker = Mono.fromRunnable(session::noop).subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> onParallelWorker.block(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not block");
        session.noop();
    }

    @Test
    void theDefaultTimeoutFollowsTheReactiveClient() {
        FtpClient reactive = client.reactive();

        assertThat(BlockingFtpClient.of(reactive).defaultTimeout())
                .isEqualTo(BlockingFtpClient.UNBOUNDED_OPERATION_DEFAULT_TIMEOUT);
        assertThat(BlockingFtpClient.of(reactive.mutate()
                        .timeouts(reactive.timeouts().withOperation(Duration.ofMinutes(3))).build()).defaultTimeout())
                .isEqualTo(Duration.ofMinutes(3));
        assertThat(client.withDefaultTimeout(Duration.ofSeconds(9)).defaultTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThatThrownBy(() -> client.withDefaultTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
