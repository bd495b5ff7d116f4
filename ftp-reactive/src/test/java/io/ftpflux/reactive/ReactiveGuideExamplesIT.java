package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.address.PassiveAddressPolicy;
import io.ftpflux.core.address.PassiveHostPolicy;
import io.ftpflux.core.command.NameCodec;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.event.FtpEvent;
import io.ftpflux.testkit.docs.DocSnippets;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.ftpflux.testkit.tls.LocalhostCertificate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs every example of {@code docs/reactive.md} against the embedded Apache MINA FtpServer, and checks that the
 * guide quotes each one verbatim, in this file's order, and holds no other {@code java} block.
 */
@Timeout(30)
class ReactiveGuideExamplesIT {

    private static final Path GUIDE = Path.of("..", "docs", "reactive.md");
    private static final Path THIS_SOURCE =
            Path.of("src", "test", "java", "io", "ftpflux", "reactive", "ReactiveGuideExamplesIT.java");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant A_LOG_MODIFIED = Instant.parse("2026-01-02T03:04:05Z");

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    @TempDir
    Path downloads;

    private final String host = server.host();
    private final String user = server.user();
    private final String password = server.password();
    private int port;
    private FtpClient client;
    private FtpSession session;
    private byte[] bigBin;

    @BeforeEach
    void serverFilesAndSession() throws IOException {
        port = server.port();
        Path logs = Files.createDirectories(server.root().resolve("logs"));
        Files.createDirectories(logs.resolve("archive"));
        for (String name : List.of("a.log", "b.log", "c.log")) {
            Files.writeString(logs.resolve(name), name.substring(0, 1).repeat(5), StandardCharsets.UTF_8);
        }
        Files.setLastModifiedTime(logs.resolve("a.log"), FileTime.from(A_LOG_MODIFIED));
        bigBin = new byte[1 << 20];
        new Random(42).nextBytes(bigBin);
        Files.write(logs.resolve("big.bin"), bigBin);
        Files.createDirectories(server.root().resolve("inbox"));
        client = FtpClient.builder()
                .host(host)
                .port(port)
                .credentials(FtpCredentials.of(user, password))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)))
                .build();
        session = client.connect().block(WAIT);
    }

    @AfterEach
    void closeSession() {
        if (session != null) {
            session.close().block(WAIT);
        }
    }

    @Test
    void theGuideQuotesEveryExampleOfThisFileAndNoOtherJavaCode() throws IOException {
        List<String> examples = DocSnippets.taggedRegions(THIS_SOURCE);

        assertThat(examples).hasSizeGreaterThan(10);
        assertThat(DocSnippets.javaBlocks(GUIDE)).containsExactlyElementsOf(examples);
    }

    @Test
    void configuresAClientAndDerivesAnother() {
        // tag::configure[]
        FtpClient client = FtpClient.builder()
                .host(host)                                  // required; everything else has a default
                .port(port)                                  // 21 unless set
                .credentials(FtpCredentials.of(user, password))   // anonymous unless set
                .timeouts(FtpTimeouts.defaults()             // 30 s for each phase
                        .withConnect(Duration.ofSeconds(5))
                        .withDataIdle(Duration.ofMinutes(2)))
                .passiveAddressPolicy(PassiveAddressPolicy.of(PassiveHostPolicy.REFUSE_MISMATCH))
                .keepAlive(Duration.ofMinutes(1))            // NOOP after a minute idle; off unless set
                .maxListingEntries(100_000)                  // a longer listing fails; 1,000,000 unless set
                .controlCharset(StandardCharsets.UTF_8)      // commands, replies and names; UTF-8 unless set
                .build();

        // A client is an immutable value that opens no connection by itself: derive variants from it.
        FtpClient patient = client.mutate()
                .timeouts(client.timeouts().withReply(Duration.ofMinutes(5)))
                .build();
        // end::configure[]

        assertThat(client.timeouts().connect()).isEqualTo(Duration.ofSeconds(5));
        assertThat(client.timeouts().reply()).isEqualTo(Duration.ofSeconds(30));
        assertThat(patient.timeouts().reply()).isEqualTo(Duration.ofMinutes(5));
        assertThat(patient.timeouts().dataIdle()).isEqualTo(Duration.ofMinutes(2));
        assertThat(patient.passiveAddressPolicy().hostPolicy()).isEqualTo(PassiveHostPolicy.REFUSE_MISMATCH);
        assertThat(patient.keepAlive()).isEqualTo(Duration.ofMinutes(1));
        assertThat(patient.maxListingEntries()).isEqualTo(100_000);
        assertThat(patient.withSession(FtpSession::noop).then().thenReturn(true).block(WAIT)).isTrue();
    }

    @Test
    void configuresActiveMode() {
        // tag::active-mode[]
        FtpClient active = client.mutate()
                .dataConnectionMode(DataConnectionMode.ACTIVE)   // the server connects back; passive unless set
                .activePortRange(50_000, 50_099)                 // a free port of the range for each transfer
                .build();
        List<String> logs = active.withSession(session -> session.names("/logs"))   // EPRT, then NLST
                .collectList()
                .block(Duration.ofSeconds(10));
        // end::active-mode[]

        assertThat(logs).containsExactlyInAnyOrder("a.log", "b.log", "c.log", "big.bin", "archive");
        assertThat(active.activeModeOptions().firstPort()).isEqualTo(50_000);
        assertThat(client.dataConnectionMode()).isEqualTo(DataConnectionMode.PASSIVE);
    }

    @Test
    void withSessionRunsWorkAndClosesTheSession() {
        // tag::with-session[]
        Mono<String> directory = client.withSession(FtpSession::workingDirectory).single();
        String home = directory.block(Duration.ofSeconds(10));   // "/"; the session has sent QUIT and closed
        // end::with-session[]

        assertThat(home).isEqualTo("/");
        AtomicReference<FtpSession> used = new AtomicReference<>();
        client.withSession(session -> {
            used.set(session);
            return session.workingDirectory();
        }).blockLast(WAIT);
        assertThat(used.get().isOpen()).isFalse();
    }

    @Test
    void connectHandsOutASessionTheCallerCloses() {
        // tag::connect[]
        FtpSession session = client.connect().block(Duration.ofSeconds(10));   // logged in, FEAT read
        session.makeDirectory("/reports")
                .then(session.changeWorkingDirectory("/reports"))
                .block(Duration.ofSeconds(10));
        String current = session.workingDirectory().block(Duration.ofSeconds(10));   // "/reports"
        session.close().block(Duration.ofSeconds(10));   // QUIT, then the connection closes
        // end::connect[]

        assertThat(current).isEqualTo("/reports");
        assertThat(session.isOpen()).isFalse();
        assertThat(server.root().resolve("reports")).isDirectory();
    }

    @Test
    void listsADirectoryAsAStreamOfEntries() {
        // tag::list[]
        List<String> logFiles = session.list("/logs")    // MLSD when the server has it, else LIST
                .filter(entry -> entry.type() == EntryType.FILE)
                .map(FtpEntry::name)
                .collectList()
                .block(Duration.ofSeconds(10));   // a.log, b.log, big.bin, c.log, in the server's order
        // end::list[]

        assertThat(logFiles).containsExactlyInAnyOrder("a.log", "b.log", "big.bin", "c.log");
    }

    @Test
    void takingTheFirstEntriesCancelsTheListingAndKeepsTheSession() {
        // tag::list-take[]
        FtpEntry first = session.list("/logs").next().block(Duration.ofSeconds(10));   // cancels the rest
        session.noop().block(Duration.ofSeconds(10));   // the session is still in step with the server
        // end::list-take[]

        assertThat(first).isNotNull();
        assertThat(first.name()).isIn("a.log", "b.log", "c.log", "big.bin", "archive");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void namesThatAreNotUtf8GoBackAsTheServersBytes() {
        // MINA cannot serve a name that is not UTF-8; the fault server, byte-transparent in ISO-8859-1, can.
        try (FaultServer legacy = FaultServer.builder().charset(StandardCharsets.ISO_8859_1).build()) {
            legacy.fileSystem().putFile("/reports/caf\u00e9.txt", "Latin-1".getBytes(StandardCharsets.US_ASCII));
            legacy.start();
            FtpSession session = client.mutate().host(legacy.host()).port(legacy.port())
                    .credentials(FtpCredentials.of("test", "test")).build().connect().block(WAIT);
            try {
                // tag::non-utf8-names[]
                String dir = "/reports";
                FtpEntry entry = session.list(dir).next().block(Duration.ofSeconds(10));
                String name = entry.name();                     // "caf\uDCE9.txt": byte E9 is not UTF-8
                boolean escaped = NameCodec.isEscaped(name);    // true
                byte[] exact = entry.nameBytes();               // 63 61 66 e9 2e 74 78 74, as listed
                session.rename(dir + "/" + name, dir + "/old-" + name)    // RNFR/RNTO send byte E9 back
                        .then(session.delete(dir + "/old-" + name))
                        .block(Duration.ofSeconds(10));
                // end::non-utf8-names[]

                assertThat(name).isEqualTo("caf\uDCE9.txt");
                assertThat(escaped).isTrue();
                assertThat(exact).isEqualTo("caf\u00e9.txt".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(legacy.awaitCommand("DELE", WAIT).argument().getBytes(StandardCharsets.ISO_8859_1))
                        .isEqualTo("/reports/old-caf\u00e9.txt".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(legacy.fileSystem().paths()).containsExactly("/", "/reports");
            } finally {
                session.close().block(WAIT);
            }
        }
    }

    @Test
    void describesOneFile() {
        // tag::stat[]
        FtpEntry entry = session.stat("/logs/a.log").block(Duration.ofSeconds(10));   // FILE, size 5
        Long size = session.size("/logs/a.log").block(Duration.ofSeconds(10));        // 5
        Instant modified = session.modificationTime("/logs/a.log").block(Duration.ofSeconds(10));   // UTC
        // end::stat[]

        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.size()).isEqualTo(5L);
        assertThat(size).isEqualTo(5L);
        assertThat(modified).isEqualTo(A_LOG_MODIFIED);
        assertThat(entry.modified()).isEqualTo(A_LOG_MODIFIED);
    }

    @Test
    void streamsADownloadThroughADigest() throws NoSuchAlgorithmException {
        // tag::download-stream[]
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Long bytes = session.download("/logs/big.bin")
                .doOnNext(buffer -> sha256.update(buffer.nioBuffer()))   // use the buffer within onNext...
                .map(buffer -> (long) buffer.readableBytes())          // ...and keep only what you derived
                .reduce(0L, Long::sum)
                .block(Duration.ofSeconds(10));   // 1048576
        byte[] digest = sha256.digest();
        // end::download-stream[]

        assertThat(bytes).isEqualTo(bigBin.length);
        assertThat(digest).isEqualTo(MessageDigest.getInstance("SHA-256").digest(bigBin));
    }

    @Test
    void retainsBuffersToKeepThem() {
        // tag::download-retain[]
        List<ByteBuf> kept = session.download("/logs/a.log")
                .map(ByteBuf::retain)                            // now also yours: release it when done
                .collectList()
                .doOnDiscard(ByteBuf.class, ByteBuf::release)    // what a failure or cancellation leaves
                .block(Duration.ofSeconds(10));
        String text;
        try {
            text = kept.stream()
                    .map(buffer -> buffer.toString(StandardCharsets.UTF_8))
                    .reduce("", String::concat);   // "aaaaa"
        } finally {
            kept.forEach(ByteBuf::release);
        }
        // end::download-retain[]

        assertThat(text).isEqualTo("aaaaa");
        assertThat(kept).isNotEmpty().allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void downloadsToAFileAndResumes() throws IOException {
        Files.write(downloads.resolve("big.bin.part"), Arrays.copyOf(bigBin, 1000));

        // tag::download-file[]
        Path target = downloads.resolve("a.log");
        DownloadResult result = session.download("/logs/a.log", target).block(Duration.ofSeconds(10));
        // result.bytes() == 5, result.sizeVerified(): the count matched SIZE; a.log.part is gone

        Path big = downloads.resolve("big.bin");   // an earlier attempt left big.bin.part, 1000 bytes long
        DownloadResult resumed = session.download("/logs/big.bin", big, DownloadOptions.defaults().withResume(true))
                .block(Duration.ofSeconds(10));   // REST 1000, then RETR: resumed.resumedFrom() == 1000
        // end::download-file[]

        assertThat(result.bytes()).isEqualTo(5);
        assertThat(result.sizeVerified()).isTrue();
        assertThat(target).hasContent("aaaaa");
        assertThat(downloads.resolve("a.log.part")).doesNotExist();
        assertThat(resumed.resumedFrom()).isEqualTo(1000);
        assertThat(resumed.bytes()).isEqualTo(bigBin.length);
        assertThat(big).hasBinaryContent(bigBin);
    }

    @Test
    void uploadsAPublisherAndAppends() {
        // tag::upload-publisher[]
        Flux<ByteBuf> lines = Flux.range(1, 3)
                .map(i -> Unpooled.copiedBuffer("line " + i + "\n", StandardCharsets.UTF_8));
        Long sent = session.upload("/inbox/lines.txt", lines)   // lines is subscribed after the 150 reply
                .block(Duration.ofSeconds(10));   // 21
        UploadResult checked = session.upload("/inbox/lines.txt", lines, UploadOptions.defaults())
                .block(Duration.ofSeconds(10));   // SIZE afterwards: checked.sizeVerified()
        Long appended = session.append("/inbox/lines.txt",
                        Mono.fromSupplier(() -> Unpooled.copiedBuffer("line 4\n", StandardCharsets.UTF_8)))
                .block(Duration.ofSeconds(10));   // 7; the file now has 28 bytes
        // end::upload-publisher[]

        assertThat(sent).isEqualTo(21);
        assertThat(checked.sizeVerified()).isTrue();
        assertThat(checked.bytes()).isEqualTo(21);
        assertThat(appended).isEqualTo(7);
        assertThat(server.root().resolve("inbox/lines.txt")).hasContent("line 1\nline 2\nline 3\nline 4\n");
    }

    @Test
    void uploadsAFileAndResumes() throws IOException {
        Path report = Files.write(downloads.resolve("report.bin"), bigBin);
        Files.write(server.root().resolve("inbox/partial.bin"), Arrays.copyOf(bigBin, 4096));

        // tag::upload-file[]
        UploadResult stored = session.upload("/inbox/report.bin", report)   // sendfile: no copy in the JVM
                .block(Duration.ofSeconds(10));   // stored.sizeVerified(): SIZE matched the local size

        // The server has the first 4096 bytes of partial.bin from an earlier attempt.
        UploadResult resumed = session.upload("/inbox/partial.bin", report, UploadOptions.defaults().withResume(true))
                .block(Duration.ofSeconds(10));   // REST 4096 and STOR (or APPE): resumed.resumedFrom() == 4096
        // end::upload-file[]

        assertThat(stored.bytes()).isEqualTo(bigBin.length);
        assertThat(stored.sizeVerified()).isTrue();
        assertThat(resumed.resumedFrom()).isEqualTo(4096);
        assertThat(resumed.sizeVerified()).isTrue();
        assertThat(server.root().resolve("inbox/report.bin")).hasBinaryContent(bigBin);
        assertThat(server.root().resolve("inbox/partial.bin")).hasBinaryContent(bigBin);
    }

    @Test
    void cancellingATransferKeepsTheSession() {
        // tag::cancel[]
        byte[] head = session.download("/logs/big.bin")
                .map(ByteBufUtil::getBytes)
                .next()                                   // cancels the download after its first buffer
                .block(Duration.ofSeconds(10));
        Long size = session.size("/logs/big.bin").block(Duration.ofSeconds(10));   // 1048576: still usable
        // end::cancel[]

        assertThat(head).isNotEmpty().hasSizeLessThan(bigBin.length);
        assertThat(head).isEqualTo(Arrays.copyOf(bigBin, head.length));
        assertThat(size).isEqualTo(bigBin.length);
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void aRefusalIsTypedAndLeavesTheSessionOpen() {
        // tag::errors[]
        Long size = session.size("/no/such/file")
                .onErrorResume(FtpPermanentReplyException.class, refused -> Mono.just(-1L))   // 550
                .block(Duration.ofSeconds(10));   // -1
        boolean usable = session.isOpen();       // true: a refusal leaves the session in step
        // end::errors[]

        assertThat(size).isEqualTo(-1L);
        assertThat(usable).isTrue();
        assertThatThrownBy(() -> session.size("/no/such/file").block(WAIT))
                .isInstanceOf(FtpPermanentReplyException.class)
                .satisfies(error -> assertThat(((FtpPermanentReplyException) error).reply().code().value())
                        .isEqualTo(550));
        assertThat(session.noop().thenReturn(true).block(WAIT)).isTrue();
    }

    @Test
    void blockingWorkMovesOffTheEventLoop() throws IOException {
        // tag::threading[]
        Path copy = downloads.resolve("copy.bin");
        Long written = session.download("/logs/big.bin")
                .map(ByteBufUtil::getBytes)                 // copy the borrowed buffer, on the event loop
                .publishOn(Schedulers.boundedElastic())     // what follows may block
                .concatMap(chunk -> Mono.fromCallable(() -> Files.write(copy, chunk,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)).thenReturn((long) chunk.length))
                .reduce(0L, Long::sum)
                .block(Duration.ofSeconds(10));   // 1048576
        // end::threading[]

        assertThat(written).isEqualTo(bigBin.length);
        assertThat(copy).hasBinaryContent(bigBin);
    }

    @Test
    void ftpsWithTheServersCertificateResumesTheControlSessionOnDataConnections() throws IOException {
        try (EmbeddedFtpServer tlsServer = EmbeddedFtpServer.explicitTls()) {
            tlsServer.start();
            int tlsPort = tlsServer.port();
            Path serverCertificate = Files.writeString(downloads.resolve("server.crt"),
                    LocalhostCertificate.certificatePem(), StandardCharsets.US_ASCII);
            Files.writeString(tlsServer.root().resolve("report.txt"), "secret", StandardCharsets.UTF_8);
            // tag::ftps[]
            List<FtpEvent.TlsDetails> handshakes = new CopyOnWriteArrayList<>();
            FtpClient secure = FtpClient.builder()
                    .host(host)
                    .port(tlsPort)
                    .credentials(FtpCredentials.of(user, password))
                    .tls(FtpTls.explicit()                                  // AUTH TLS, then PBSZ 0 and PROT P
                            .withTrustedCertificates(serverCertificate))    // else the JDK's default trust store
                    .eventListener(event -> {
                        if (event.type() == FtpEvent.Type.TLS_HANDSHAKE && event.tls() != null) {
                            handshakes.add(event.tls());   // the control connection's, then one per data connection
                        }
                    })
                    .build();
            List<String> names = secure.withSession(session -> session.names("/"))
                    .collectList()
                    .block(Duration.ofSeconds(10));     // [report.txt]
            boolean resumed = handshakes.get(1).resumed();   // true: the listing's TLS session resumed the control's
            // end::ftps[]

            assertThat(names).containsExactly("report.txt");
            assertThat(handshakes).hasSize(2);
            assertThat(handshakes.get(0).resumed()).isFalse();
            assertThat(resumed).isTrue();

            // tag::ftps-results[]
            DownloadResult copy = secure.withSession(session -> session.download("/report.txt",
                            downloads.resolve("report.txt")))
                    .single()
                    .block(Duration.ofSeconds(10));
            boolean encrypted = copy.encrypted();            // true: the data connection was private (PROT P)
            boolean reused = copy.tlsSessionResumed();       // true: its TLS session resumed the control's
            String protocol = copy.dataTls().protocol();     // "TLSv1.3"
            // end::ftps-results[]

            assertThat(Files.readString(downloads.resolve("report.txt"), StandardCharsets.UTF_8)).isEqualTo("secret");
            assertThat(encrypted).isTrue();
            assertThat(reused).isTrue();
            assertThat(protocol).isEqualTo("TLSv1.3");
        }
    }
}
