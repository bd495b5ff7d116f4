package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.fault.ReceivedCommand;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * Listings and file descriptions against the scripted fault server, set up as a server without MLST: LIST with
 * autodetection, the SIZE/MDTM/LIST fallback of stat, and what MINA cannot send (odd bytes, huge listings,
 * refusals, broken data connections).
 */
@Timeout(30)
class ListingFaultIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension(FaultServer.builder()
            .features("EPSV", "MDTM", "PASV", "REST STREAM", "SIZE", "UTF8"));

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

    private FtpClient client() {
        return FtpClient.builder()
                .host("127.0.0.1")
                .port(ftp.port())
                .credentials(FtpCredentials.of("test", "test"))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)))
                .build();
    }

    @Test
    void listsWithListWhenTheServerHasNoMlst() {
        FaultServer server = ftp.server();
        server.fileSystem().putFile("/d/a.txt", "hello".getBytes(StandardCharsets.UTF_8));
        server.fileSystem().createDirectories("/d/sub");

        List<FtpEntry> entries = session.list("/d").collectList().block(WAIT);

        assertThat(entries).extracting(FtpEntry::name).containsExactlyInAnyOrder("a.txt", "sub");
        FtpEntry file = entries.stream().filter(entry -> entry.name().equals("a.txt")).findFirst().orElseThrow();
        assertThat(file.type()).isEqualTo(EntryType.FILE);
        assertThat(file.size()).isEqualTo(5L);
        assertThat(entries.stream().filter(entry -> entry.name().equals("sub")).findFirst().orElseThrow().type())
                .isEqualTo(EntryType.DIRECTORY);
        assertThat(server.commands()).anyMatch(command -> command.is("LIST")).noneMatch(command -> command.is("MLSD"));
    }

    @Test
    void streamsTwentyThousandEntries() {
        int count = 20_000;
        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            listing.writeBytes(String.format(Locale.ROOT,
                    "-rw-r--r--    1 ftp      ftp      %10d Mar 04  2021 entry-%05d.dat\r\n", i, i)
                    .getBytes(StandardCharsets.US_ASCII));
        }
        ftp.server().listing("LIST", "/big", listing.toByteArray());

        List<FtpEntry> entries = session.list("/big").collectList().block(WAIT);

        assertThat(entries).hasSize(count);
        for (int i = 0; i < count; i++) {
            FtpEntry entry = entries.get(i);
            assertThat(entry.name()).isEqualTo(String.format(Locale.ROOT, "entry-%05d.dat", i));
            assertThat(entry.size()).isEqualTo((long) i);
        }
        assertThat(entries.get(0).modified()).isEqualTo(Instant.parse("2021-03-04T00:00:00Z"));
        session.noop().block(WAIT);
    }

    @Test
    void keepsTheBytesOfANameThatIsNotUtf8() {
        byte[] latin1Name = "caf\u00e9.txt".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        listing.writeBytes("-rw-r--r-- 1 ftp ftp 3 Jan 01  2020 ".getBytes(StandardCharsets.US_ASCII));
        listing.writeBytes(latin1Name);
        listing.writeBytes("\r\n-rw-r--r-- 1 ftp ftp 4 Jan 01  2020 na\u00efve.txt\r\n"
                .getBytes(StandardCharsets.UTF_8));
        ftp.server().listing("LIST", "/names", listing.toByteArray());

        List<FtpEntry> entries = session.list("/names").collectList().block(WAIT);

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).name()).isEqualTo("caf\udce9.txt");
        assertThat(entries.get(0).nameCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(entries.get(0).nameBytes()).isEqualTo(latin1Name);
        assertThat(entries.get(0).size()).isEqualTo(3L);
        assertThat(entries.get(1).name()).isEqualTo("na\u00efve.txt");
        assertThat(entries.get(1).nameCharset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void surfacesALineNoFormatUnderstandsAndReadsALastLineWithoutTerminator() {
        ftp.server().listing("LIST", "/odd", ("-rw-r--r-- 1 ftp ftp 1 Jan 01  2020 first\r\n"
                + "this is not a listing line\r\n"
                + "\r\n"
                + "-rw-r--r-- 1 ftp ftp 2 Jan 01  2020 last").getBytes(StandardCharsets.US_ASCII));

        List<FtpEntry> entries = session.list("/odd").collectList().block(WAIT);

        assertThat(entries).extracting(FtpEntry::type)
                .containsExactly(EntryType.FILE, EntryType.UNPARSED, EntryType.FILE);
        assertThat(entries.get(1).rawLine()).isEqualTo("this is not a listing line");
        assertThat(entries.get(2).name()).isEqualTo("last");
    }

    @Test
    void aLineLongerThanTheLimitFailsTheListingAndLeavesTheSessionUsable() {
        byte[] line = new byte[70 * 1024];
        java.util.Arrays.fill(line, (byte) 'x');
        ftp.server().listing("LIST", "/long", line);

        StepVerifier.create(session.list("/long"))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpProtocolException.class)
                        .hasMessageContaining("longer than"))
                .verify(WAIT);
        assertThat(session.isOpen()).isTrue();
        session.noop().block(WAIT);
    }

    @Test
    void aRefusedListingFailsWithTheReply() {
        StepVerifier.create(session.list("/missing"))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpPermanentReplyException.class)
                        .hasMessageContaining("550"))
                .verify(WAIT);
        StepVerifier.create(session.names("/missing"))
                .expectError(FtpPermanentReplyException.class)
                .verify(WAIT);
        session.noop().block(WAIT);
    }

    @Test
    void aListingTheServerAbortsAfterPartOfTheDataFails() {
        ftp.server().fileSystem().putFile("/cut/one", new byte[1]);
        ftp.server().fileSystem().putFile("/cut/two", new byte[2]);
        ftp.server().onCommand("LIST", Fault.closeDataAfter(20), Fault.finalReply("451 Listing aborted.\r\n"));

        StepVerifier.create(session.list("/cut"))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpReplyException.class)
                        .hasMessageContaining("451"))
                .verify(WAIT);
        session.noop().block(WAIT);
    }

    @Test
    void aStalledListingTimesOut() {
        FtpClient impatient = client().mutate()
                // The stalled transfer never gets its final reply: a short reply timeout ends the wait for it.
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(1)).withDataIdle(Duration.ofMillis(300)))
                .build();
        FtpSession other = impatient.connect().block(WAIT);
        try {
            ftp.server().fileSystem().putFile("/slow/a", new byte[1]);
            ftp.server().fileSystem().putFile("/slow/b", new byte[1]);
            ftp.server().onCommand("LIST", Fault.stallDataAfter(10));

            StepVerifier.create(other.list("/slow"))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(FtpTimeoutException.class)
                            .hasMessageContaining("DATA_IDLE"))
                    .verify(WAIT);
        } finally {
            other.close().block(WAIT);
        }
    }

    @Test
    void aSlowConsumerIsNotAStalledServer() {
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            listing.append("-rw-r--r-- 1 ftp ftp 1 Jan 01  2020 f").append(i).append("\r\n");
        }
        ftp.server().listing("LIST", "/paced", listing.toString().getBytes(StandardCharsets.US_ASCII));
        FtpSession paced = client().mutate()
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(5)).withDataIdle(Duration.ofMillis(200)))
                .build().connect().block(WAIT);
        try {
            // Nothing is requested for five data-idle periods: backpressure, which must not look like a stall.
            StepVerifier.create(paced.list("/paced"), 10)
                    .expectNextCount(10)
                    .thenAwait(Duration.ofSeconds(1))
                    .thenRequest(Long.MAX_VALUE)
                    .expectNextCount(20_000 - 10)
                    .verifyComplete();
        } finally {
            paced.close().block(WAIT);
        }
    }

    @Test
    void takingTheFirstEntriesOfAThrottledListingCancelsIt() {
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            listing.append("-rw-r--r-- 1 ftp ftp 1 Jan 01  2020 f").append(i).append("\r\n");
        }
        ftp.server().listing("LIST", "/slow", listing.toString().getBytes(StandardCharsets.US_ASCII));
        ftp.server().onCommand("LIST", Fault.throttle(20_000));

        assertThat(session.list("/slow").take(10).map(FtpEntry::name).collectList().block(WAIT))
                .containsExactly("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
        assertThat(session.workingDirectory().block(WAIT)).isEqualTo("/");
    }

    @Test
    void namesListsWithNlst() {
        ftp.server().fileSystem().putFile("/n/a.txt", new byte[1]);
        ftp.server().fileSystem().createDirectories("/n/sub");

        assertThat(session.names("/n").collectList().block(WAIT)).containsExactlyInAnyOrder("a.txt", "sub");
        assertThat(ftp.server().commands()).anyMatch(command -> command.is("NLST"));
    }

    @Test
    void statFallsBackToSizeAndMdtmForAFile() {
        Instant modified = Instant.parse("2022-02-03T04:05:06Z");
        ftp.server().fileSystem().putFile("/s/file.bin", new byte[42], modified);

        FtpEntry entry = session.stat("/s/file.bin").block(WAIT);

        assertThat(entry.name()).isEqualTo("/s/file.bin");
        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.size()).isEqualTo(42L);
        assertThat(entry.modified()).isEqualTo(modified);
        assertThat(ftp.server().commands()).noneMatch(command -> command.is("MLST") || command.is("CWD"));
    }

    @Test
    void statFindsADirectoryInItsParentsListing() {
        ftp.server().fileSystem().createDirectories("/s/inner dir");
        ftp.server().fileSystem().putFile("/s/other", new byte[1]);

        FtpEntry entry = session.stat("/s/inner dir/").block(WAIT);

        assertThat(entry.name()).isEqualTo("/s/inner dir/");
        assertThat(entry.type()).isEqualTo(EntryType.DIRECTORY);
        List<ReceivedCommand> commands = ftp.server().commands();
        assertThat(commands).anyMatch(command -> command.line().equals("LIST /s"))
                .noneMatch(command -> command.is("CWD"));
        session.noop().block(WAIT);
    }

    @Test
    void statOfAMissingPathFailsWithTheRefusalOfSize() {
        ftp.server().fileSystem().putFile("/s/present", new byte[1]);

        assertThatThrownBy(() -> session.stat("/s/absent").block(WAIT))
                .isInstanceOf(FtpPermanentReplyException.class)
                .hasMessageContaining("SIZE")
                .hasMessageContaining("550");
        assertThatThrownBy(() -> session.stat("/").block(WAIT))
                .isInstanceOf(FtpPermanentReplyException.class);
        assertThat(session.stat("/s/present").block(WAIT).size()).isEqualTo(1L);
    }
}
