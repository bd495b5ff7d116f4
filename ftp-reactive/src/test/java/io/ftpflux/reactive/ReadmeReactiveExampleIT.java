package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.testkit.docs.DocSnippets;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/**
 * Runs the README's reactive example against the embedded Apache MINA FtpServer, and checks that the README quotes
 * it verbatim ({@code ReadmeExampleTest} in ftp-core checks the README as a whole).
 */
@Timeout(30)
class ReadmeReactiveExampleIT {

    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_SOURCE =
            Path.of("src", "test", "java", "io", "ftpflux", "reactive", "ReadmeReactiveExampleIT.java");

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    @Test
    void uploadsAndDownloadsAsTheReadmeSays() throws IOException {
        String host = server.host();
        int port = server.port();
        String user = server.user();
        String password = server.password();

        // tag::readme-reactive[]
        FtpClient client = FtpClient.builder()
                .host(host)
                .port(port)
                .credentials(FtpCredentials.of(user, password))
                .build();

        byte[] content = "Hello, FTP!\n".getBytes(StandardCharsets.UTF_8);
        Mono<byte[]> roundTrip = client.withSession(session -> session
                        // Uploads subscribe to their source only once the server is ready for the data.
                        .upload("hello.txt", Mono.fromSupplier(() -> Unpooled.wrappedBuffer(content)))
                        // Downloaded buffers are released after onNext: copy what you keep.
                        .thenMany(session.download("hello.txt").map(ByteBufUtil::getBytes)))
                .reduceWith(ByteArrayOutputStream::new, (out, chunk) -> {
                    out.writeBytes(chunk);
                    return out;
                })
                .map(ByteArrayOutputStream::toByteArray);

        byte[] downloaded = roundTrip.block(Duration.ofSeconds(10));   // nothing runs until subscribed
        // end::readme-reactive[]

        assertThat(downloaded).isEqualTo(content);
        assertThat(server.root().resolve("hello.txt")).hasBinaryContent(content);
        assertThat(DocSnippets.taggedRegions(THIS_SOURCE)).hasSize(1);
        assertThat(DocSnippets.javaBlocks(README)).containsAll(DocSnippets.taggedRegions(THIS_SOURCE));
    }
}
