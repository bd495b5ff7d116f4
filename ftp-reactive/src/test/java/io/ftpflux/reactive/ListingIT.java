package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** Listings and file descriptions against the embedded Apache MINA FtpServer, which offers MLST and MLSD. */
@Timeout(30)
class ListingIT {

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
    void listsADirectoryWithMlsdFacts() throws IOException {
        Path dir = Files.createDirectories(server.root().resolve("listed"));
        Files.write(dir.resolve("a.bin"), new byte[1234]);
        Instant modified = Instant.parse("2021-03-04T05:06:07Z");
        Files.setLastModifiedTime(dir.resolve("a.bin"), FileTime.from(modified));
        Files.createDirectory(dir.resolve("sub dir"));

        assertThat(session.features().supportsMlsd()).isTrue();
        Map<String, FtpEntry> entries = byName(session.list("listed").collectList().block(WAIT));

        assertThat(entries).containsOnlyKeys("a.bin", "sub dir");
        assertThat(entries.get("a.bin").type()).isEqualTo(EntryType.FILE);
        assertThat(entries.get("a.bin").size()).isEqualTo(1234L);
        assertThat(entries.get("a.bin").modified()).isEqualTo(modified);
        assertThat(entries.get("sub dir").type()).isEqualTo(EntryType.DIRECTORY);
    }

    @Test
    void listsTheWorkingDirectory() throws IOException {
        Path dir = Files.createDirectories(server.root().resolve("cwd"));
        Files.writeString(dir.resolve("here.txt"), "x");
        session.changeWorkingDirectory("cwd").block(WAIT);

        assertThat(session.list().map(FtpEntry::name).collectList().block(WAIT)).containsExactly("here.txt");
        assertThat(session.names().collectList().block(WAIT)).containsExactly("here.txt");
    }

    @Test
    void streamsAListingOfManyBuffers() throws IOException {
        // Ten thousand entries and more stream from the fault server (ListingFaultIT): files on disk are slow here.
        Path dir = Files.createDirectories(server.root().resolve("many"));
        int count = 1_000;
        for (int i = 0; i < count; i++) {
            Files.createFile(dir.resolve(String.format("file-%05d.txt", i)));
        }

        List<FtpEntry> entries = session.list("many").collectList().block(WAIT);

        assertThat(entries).hasSize(count);
        assertThat(entries).allSatisfy(entry -> assertThat(entry.type()).isEqualTo(EntryType.FILE));
        assertThat(entries.stream().map(FtpEntry::name).collect(Collectors.toSet()))
                .containsAll(IntStream.range(0, count).mapToObj(i -> String.format("file-%05d.txt", i)).toList());
        assertThat(session.names("many").count().block(WAIT)).isEqualTo(count);
        session.noop().block(WAIT);
    }

    @Test
    void takingTheFirstEntriesCancelsTheListingAndLeavesTheSessionUsable() throws IOException {
        Path dir = Files.createDirectories(server.root().resolve("taken"));
        for (int i = 0; i < 1000; i++) {
            Files.createFile(dir.resolve("f" + i));
        }

        StepVerifier.create(session.list("taken"), 0)
                .thenRequest(3)
                .expectNextCount(3)
                .thenCancel()
                .verify(WAIT);
        assertThat(session.list("taken").take(5).collectList().block(WAIT)).hasSize(5);

        assertThat(session.isOpen()).isTrue();
        assertThat(session.workingDirectory().block(WAIT)).isEqualTo("/");
    }

    @Test
    void aListingOverTheLimitFailsAndLeavesTheSessionUsable() throws IOException {
        Path dir = Files.createDirectories(server.root().resolve("capped"));
        for (int i = 0; i < 20; i++) {
            Files.createFile(dir.resolve("f" + i));
        }
        FtpSession capped = client().mutate().maxListingEntries(19).build().connect().block(WAIT);
        try {
            StepVerifier.create(capped.list("capped"))
                    .expectNextCount(19)
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(FtpProtocolException.class)
                            .hasMessageContaining("more than 19 entries")
                            .hasMessageContaining("maxListingEntries"))
                    .verify(WAIT);
            assertThat(capped.isOpen()).isTrue();
            assertThat(capped.list("capped").take(19).count().block(WAIT)).isEqualTo(19);
            assertThat(FtpClient.builder().host("h").build().maxListingEntries())
                    .isEqualTo(FtpClient.Builder.DEFAULT_MAX_LISTING_ENTRIES);
            assertThatThrownBy(() -> FtpClient.builder().maxListingEntries(0))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            capped.close().block(WAIT);
        }
    }

    @Test
    void describesFilesAndDirectoriesWithMlst() throws IOException {
        Path dir = Files.createDirectories(server.root().resolve("described"));
        Files.write(dir.resolve("f.bin"), new byte[77]);
        Instant modified = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(3));
        Files.setLastModifiedTime(dir.resolve("f.bin"), FileTime.from(modified));

        FtpEntry file = session.stat("described/f.bin").block(WAIT);
        assertThat(file.type()).isEqualTo(EntryType.FILE);
        assertThat(file.size()).isEqualTo(77L);
        assertThat(file.modified()).isEqualTo(modified);
        assertThat(file.name()).endsWith("f.bin");

        assertThat(session.stat("described").block(WAIT).type()).isEqualTo(EntryType.DIRECTORY);
        assertThatThrownBy(() -> session.stat("described/missing").block(WAIT))
                .isInstanceOf(FtpPermanentReplyException.class);
        session.noop().block(WAIT);
    }

    private static Map<String, FtpEntry> byName(List<FtpEntry> entries) {
        return entries.stream().collect(Collectors.toMap(FtpEntry::name, Function.identity()));
    }
}
