package io.ftpflux.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.address.DataAddress;
import io.ftpflux.core.address.PassiveAddress;
import io.ftpflux.core.address.PassiveAddressPolicy;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.ListingOptions;
import io.ftpflux.core.listing.ListingParser;
import io.ftpflux.core.listing.ListingParsers;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyAssembler;
import io.ftpflux.core.reply.ReplyCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the first example of the README and checks that the README quotes it, and the reactive example that
 * {@code ReadmeReactiveExampleIT} runs, verbatim: every {@code java} block of the README is compiled code.
 */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_SOURCE =
            Path.of("src", "test", "java", "io", "ftpflux", "core", "ReadmeExampleTest.java");
    private static final Path REACTIVE_EXAMPLE = Path.of("..", "ftp-reactive", "src", "test", "java", "io", "ftpflux",
            "reactive", "ReadmeReactiveExampleIT.java");

    @Test
    void everyJavaBlockOfTheReadmeIsATaggedExample() throws IOException {
        List<String> examples = new ArrayList<>(DocSnippets.taggedRegions(THIS_SOURCE));
        examples.addAll(DocSnippets.taggedRegions(REACTIVE_EXAMPLE));

        assertThat(examples).hasSize(2);
        assertThat(DocSnippets.javaBlocks(README)).containsExactlyElementsOf(examples);
    }

    @Test
    void greetingAddressAndListingLineComeOutAsTheReadmeSays() {
        // tag::readme-core[]
        // Replies: bytes arrive in chunks split anywhere; a reply comes out once its last line is in.
        ReplyAssembler assembler = new ReplyAssembler();
        List<FtpReply> replies = new ArrayList<>();
        assembler.feed(StandardCharsets.US_ASCII.encode(
                "220-Welcome to example.org.\r\n230 is a lo"), replies::add);
        assembler.feed(StandardCharsets.US_ASCII.encode(
                "gin reply, but inside a 220- reply it is text.\r\n220 Ready.\r\n"), replies::add);
        FtpReply greeting = replies.get(0);   // the only reply: 220, three lines

        // PASV: a 227 names whatever host the server likes (a private address behind NAT, or
        // someone else's). By default the data connection goes to the control connection's peer.
        FtpReply pasv = FtpReply.of(227, "Entering Passive Mode (10,0,0,99,195,80).");
        PassiveAddress announced = PassiveAddress.parsePasvReply(pasv);   // 10.0.0.99, port 50000
        DataAddress target = announced.resolve("192.0.2.10", PassiveAddressPolicy.DEFAULT); // 192.0.2.10:50000

        // LIST: a line becomes an entry; the name keeps its spaces.
        ListingParser parser = ListingParsers.autodetect(ListingOptions.defaults());
        FtpEntry entry = parser.parse("-rw-r--r--   1 ftp ftp   123456 Jan 02  2025 annual report.pdf");
        // FILE "annual report.pdf", 123456 bytes, modified 2025-01-02T00:00:00Z, unix.mode 0644
        // end::readme-core[]

        assertThat(replies).containsExactly(greeting);
        assertThat(greeting.code()).isEqualTo(ReplyCode.SERVICE_READY);
        assertThat(greeting.lines()).containsExactly("220-Welcome to example.org.",
                "230 is a login reply, but inside a 220- reply it is text.", "220 Ready.");
        assertThat(assembler.hasPartialReply()).isFalse();

        assertThat(announced.announcedHost()).isEqualTo("10.0.0.99");
        assertThat(announced.port()).isEqualTo(50000);
        assertThat(target).isEqualTo(new DataAddress("192.0.2.10", 50000));
        assertThat(target).hasToString("192.0.2.10:50000");

        assertThat(entry).isNotNull();
        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.name()).isEqualTo("annual report.pdf");
        assertThat(entry.size()).isEqualTo(123456L);
        assertThat(entry.modified()).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
        assertThat(entry.unixMode()).isEqualTo(0644);
    }
}
