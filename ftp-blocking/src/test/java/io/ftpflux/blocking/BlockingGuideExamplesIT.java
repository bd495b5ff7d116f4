package io.ftpflux.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.DownloadOptions;
import io.ftpflux.reactive.DownloadResult;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpTimeouts;
import io.ftpflux.reactive.UploadOptions;
import io.ftpflux.reactive.UploadResult;
import io.ftpflux.testkit.docs.DocSnippets;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example of {@code docs/blocking.md} against the embedded Apache MINA FtpServer, and checks that the
 * guide quotes each one verbatim, in this file's order, and holds no other {@code java} block.
 */
@Timeout(30)
class BlockingGuideExamplesIT {

    private static final Path GUIDE = Path.of("..", "docs", "blocking.md");
    private static final Path THIS_SOURCE =
            Path.of("src", "test", "java", "io", "ftpflux", "blocking", "BlockingGuideExamplesIT.java");

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    @TempDir
    Path downloads;

    private final String host = server.host();
    private final String user = server.user();
    private final String password = server.password();
    private int port;
    private BlockingFtpClient client;
    private BlockingFtpSession session;
    private byte[] bigBin;

    @BeforeEach
    void serverFilesAndSession() throws IOException {
        port = server.port();
        Path logs = Files.createDirectories(server.root().resolve("logs"));
        for (String name : List.of("a.log", "b.log", "c.log")) {
            Files.writeString(logs.resolve(name), name.substring(0, 1).repeat(5), StandardCharsets.UTF_8);
        }
        bigBin = new byte[1 << 20];
        new Random(42).nextBytes(bigBin);
        Files.write(logs.resolve("big.bin"), bigBin);
        Files.createDirectories(server.root().resolve("inbox"));
        client = BlockingFtpClient.of(FtpClient.builder()
                .host(host)
                .port(port)
                .credentials(FtpCredentials.of(user, password))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)))
                .build());
        session = client.connect();
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    @Test
    void theGuideQuotesEveryExampleOfThisFileAndNoOtherJavaCode() throws IOException {
        List<String> examples = DocSnippets.taggedRegions(THIS_SOURCE);

        assertThat(examples).hasSizeGreaterThan(7);
        assertThat(DocSnippets.javaBlocks(GUIDE)).containsExactlyElementsOf(examples);
    }

    @Test
    void configuresAClient() {
        // tag::configure[]
        BlockingFtpClient client = BlockingFtpClient.of(FtpClient.builder()
                        .host(host)
                        .port(port)
                        .credentials(FtpCredentials.of(user, password))
                        .timeouts(FtpTimeouts.defaults().withConnect(Duration.ofSeconds(5)))
                        .build())
                .withDefaultTimeout(Duration.ofMinutes(10));   // the longest any one call may wait
        // end::configure[]

        assertThat(client.defaultTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(client.reactive().timeouts().connect()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void runsWorkInASessionAndClosesIt() throws IOException {
        // tag::with-session[]
        List<String> logs = client.withSession(session -> session.list("/logs").stream()
                .filter(entry -> entry.type() == EntryType.FILE)
                .map(FtpEntry::name)
                .toList());   // a.log, b.log, big.bin, c.log; the session has sent QUIT and closed
        // end::with-session[]

        assertThat(logs).containsExactlyInAnyOrder("a.log", "b.log", "big.bin", "c.log");
    }

    @Test
    void connectHandsOutASessionToClose() {
        // tag::connect[]
        String current;
        try (BlockingFtpSession session = client.connect()) {   // logged in, FEAT read
            session.makeDirectory("/reports");
            session.changeWorkingDirectory("/reports");
            current = session.workingDirectory();   // "/reports"
        }   // QUIT, then the connection closes
        // end::connect[]

        assertThat(current).isEqualTo("/reports");
        assertThat(server.root().resolve("reports")).isDirectory();
    }

    @Test
    void streamsALargeListingLazily() {
        // tag::list-stream[]
        Optional<FtpEntry> firstLog;
        try (Stream<FtpEntry> entries = session.listStream("/logs")) {   // close it: it holds the session
            firstLog = entries.filter(entry -> entry.name().endsWith(".log")).findFirst();
        }   // the rest of the listing is cancelled; the session is back in step
        // end::list-stream[]

        assertThat(firstLog).hasValueSatisfying(entry -> assertThat(entry.name()).endsWith(".log"));
        session.noop();
    }

    @Test
    void transfersFilesAndResumes() throws IOException {
        Files.write(downloads.resolve("big.bin.part"), Arrays.copyOf(bigBin, 1000));

        // tag::files[]
        DownloadResult log = session.download("/logs/a.log", downloads.resolve("a.log"));   // via a.log.part
        DownloadResult big = session.download("/logs/big.bin", downloads.resolve("big.bin"),
                DownloadOptions.defaults().withResume(true));   // big.bin.part had 1000 bytes: REST 1000
        UploadResult stored = session.upload("/inbox/big.bin", downloads.resolve("big.bin"));   // sendfile
        // end::files[]

        assertThat(log.bytes()).isEqualTo(5);
        assertThat(big.resumedFrom()).isEqualTo(1000);
        assertThat(stored.sizeVerified()).isTrue();
        assertThat(server.root().resolve("inbox/big.bin")).hasBinaryContent(bigBin);
    }

    @Test
    void readsADownloadAsAnInputStream() throws IOException, NoSuchAlgorithmException {
        // tag::input-stream[]
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(session.openInputStream("/logs/big.bin"), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());   // a few buffers at a time, never the whole file
        }   // the 226 has arrived; a 426 or 451 would have been thrown by the read
        byte[] digest = sha256.digest();

        String firstLine;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(session.openInputStream("/logs/b.log"), StandardCharsets.UTF_8))) {
            firstLine = reader.readLine();   // "bbbbb"
        }   // had the file been longer, close() would have aborted the rest
        // end::input-stream[]

        assertThat(digest).isEqualTo(MessageDigest.getInstance("SHA-256").digest(bigBin));
        assertThat(firstLine).isEqualTo("bbbbb");
    }

    @Test
    void writesAnUploadAsAnOutputStream() throws IOException {
        // tag::output-stream[]
        try (Writer out = new OutputStreamWriter(session.openOutputStream("/inbox/report.csv"),
                StandardCharsets.UTF_8)) {
            out.write("day,files\n");
            out.write("monday,3\n");
        }   // close() sent the last bytes and waited for the server's 226
        // end::output-stream[]

        assertThat(server.root().resolve("inbox/report.csv")).hasContent("day,files\nmonday,3\n");
    }

    @Test
    void uploadsAnInputStream() throws IOException {
        // tag::upload-input[]
        InputStream data = new ByteArrayInputStream("line 1\nline 2\n".getBytes(StandardCharsets.UTF_8));
        UploadResult stored = session.upload("/inbox/lines.txt", data, UploadOptions.defaults());   // read here
        long appended = session.append("/inbox/lines.txt",
                new ByteArrayInputStream("line 3\n".getBytes(StandardCharsets.UTF_8)));   // 7
        // end::upload-input[]

        assertThat(stored.bytes()).isEqualTo(14);
        assertThat(stored.sizeVerified()).isTrue();
        assertThat(appended).isEqualTo(7);
        assertThat(server.root().resolve("inbox/lines.txt")).hasContent("line 1\nline 2\nline 3\n");
    }

    @Test
    void aRefusalIsTypedAndLeavesTheSessionOpen() {
        // tag::errors[]
        long size;
        try {
            size = session.size("/no/such/file");
        } catch (FtpPermanentReplyException refused) {   // 550: the same exception as the reactive API's
            size = -1;
        }
        boolean usable = session.isOpen();   // true: a refusal leaves the session in step
        // end::errors[]

        assertThat(size).isEqualTo(-1);
        assertThat(usable).isTrue();
    }
}
