package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.command.TransferType;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * File transfers in the ASCII type against the embedded Apache MINA FtpServer, which converts line ends on its
 * side too: what it receives to the platform's line separator, what it sends to CRLF.
 */
@Timeout(30)
class AsciiTransferIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TEXT = "first line\nsecond line\n\nlast line, no line end";
    /** Each LF of {@link #TEXT} travels as CRLF. */
    private static final String NETWORK_TEXT = TEXT.replace("\n", "\r\n");

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    @TempDir
    Path local;

    private final List<FtpSession> sessions = new ArrayList<>();

    private FtpSession connect(TransferType type) {
        FtpSession session = FtpClient.builder()
                .host(server.host())
                .port(server.port())
                .credentials(FtpCredentials.of(server.user(), server.password()))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)))
                .transferType(type)
                .build()
                .connect()
                .block(WAIT);
        sessions.add(session);
        return session;
    }

    @AfterEach
    void close() {
        sessions.forEach(session -> session.close().block(WAIT));
    }

    @Test
    void uploadSendsCrlfAndMinaStoresPlatformLineEnds() throws Exception {
        Path source = local.resolve("notes.txt");
        Files.writeString(source, TEXT, StandardCharsets.UTF_8);

        UploadResult result = connect(TransferType.ASCII).upload("notes.txt", source).block(WAIT);

        // MINA turns each received CRLF into its platform's line separator.
        assertThat(Files.readString(server.root().resolve("notes.txt"), StandardCharsets.UTF_8))
                .isEqualTo(TEXT.replace("\n", System.lineSeparator()));
        assertThat(result.bytes()).isEqualTo(NETWORK_TEXT.length());
        // MINA's SIZE reports the stored file, not the network form RFC 3659 §4 asks for: not a failure.
        assertThat(result.sizeVerified()).isEqualTo(System.lineSeparator().equals("\r\n"));
    }

    @Test
    void downloadConvertsCrlfToLf() throws Exception {
        Files.writeString(server.root().resolve("notes.txt"), TEXT, StandardCharsets.UTF_8);
        FtpSession session = connect(TransferType.ASCII);
        Path target = local.resolve("copy.txt");

        DownloadResult result = session.download("notes.txt", target).block(WAIT);

        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(TEXT);
        assertThat(result.bytes()).isEqualTo(TEXT.length());
        assertThat(result.sizeVerified()).isFalse();
        // The stream stays byte-exact: it brings the network form.
        assertThat(streamed(session, "notes.txt")).isEqualTo(NETWORK_TEXT);
    }

    @Test
    void roundTripsALargeTextAcrossManyBuffers() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < 600_000; line++) {
            text.append("line ").append(line).append(" é".repeat(line % 7)).append('\n');
        }
        String content = text.toString();
        Path source = local.resolve("big.txt");
        Files.writeString(source, content, StandardCharsets.UTF_8);
        FtpSession session = connect(TransferType.ASCII);

        session.upload("big.txt", source).block(WAIT);
        Path copy = local.resolve("big-copy.txt");
        DownloadResult result = session.download("big.txt", copy).block(WAIT);

        assertThat(Files.readString(copy, StandardCharsets.UTF_8)).isEqualTo(content);
        assertThat(result.bytes()).isEqualTo(Files.size(source));
    }

    @Test
    void aBareCrIsSentAsItIsAndMinaStoresItAsALineEnd() throws Exception {
        Path source = local.resolve("cr.txt");
        Files.writeString(source, "a\rb\n", StandardCharsets.US_ASCII);

        UploadResult result = connect(TransferType.ASCII).upload("cr.txt", source).block(WAIT);

        // "a\rb\r\n" went out; MINA reads any CR, bare or before LF, as a line end.
        assertThat(result.bytes()).isEqualTo(5);
        assertThat(Files.readString(server.root().resolve("cr.txt"), StandardCharsets.US_ASCII))
                .isEqualTo("a" + System.lineSeparator() + "b" + System.lineSeparator());
    }

    @Test
    void downloadKeepsATrailingCr() throws Exception {
        // MINA sends a CR that no LF follows as it is; the decoder holds it back until the data ends.
        Files.write(server.root().resolve("cr.txt"), "a\nb\r".getBytes(StandardCharsets.US_ASCII));
        Path target = local.resolve("cr.txt");

        connect(TransferType.ASCII).download("cr.txt", target).block(WAIT);

        assertThat(Files.readString(target, StandardCharsets.US_ASCII)).isEqualTo("a\nb\r");
    }

    @Test
    void binaryTransfersStayExact() throws Exception {
        String mixed = "dos\r\nunix\nmac\rend";
        Path source = local.resolve("mixed.txt");
        Files.writeString(source, mixed, StandardCharsets.US_ASCII);
        FtpSession session = connect(TransferType.IMAGE);

        UploadResult uploaded = session.upload("mixed.txt", source).block(WAIT);
        Path copy = local.resolve("mixed-copy.txt");
        DownloadResult downloaded = session.download("mixed.txt", copy).block(WAIT);

        assertThat(Files.readString(server.root().resolve("mixed.txt"), StandardCharsets.US_ASCII)).isEqualTo(mixed);
        assertThat(Files.readString(copy, StandardCharsets.US_ASCII)).isEqualTo(mixed);
        assertThat(uploaded.sizeVerified()).isTrue();
        assertThat(downloaded.sizeVerified()).isTrue();
    }

    @Test
    void resumeIsRefusedInAscii() throws Exception {
        FtpSession session = connect(TransferType.ASCII);
        Path file = local.resolve("notes.txt");
        Files.writeString(file, TEXT, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> session.download("notes.txt", file, new DownloadOptions(true, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ASCII");
        assertThatThrownBy(() -> session.upload("notes.txt", file, new UploadOptions(true, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ASCII");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void aFailedAsciiDownloadLeavesNoPartFile() {
        Path target = local.resolve("missing.txt");

        assertThatThrownBy(() -> connect(TransferType.ASCII).download("missing.txt", target).block(WAIT))
                .isInstanceOf(io.ftpflux.core.FtpPermanentReplyException.class);

        assertThat(target).doesNotExist();
        assertThat(PartFile.partOf(target)).doesNotExist();
    }

    private static String streamed(FtpSession session, String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        session.download(path).doOnNext(buffer -> bytes.writeBytes(ByteBufUtil.getBytes(buffer))).blockLast(WAIT);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
