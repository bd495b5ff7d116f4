package io.ftpflux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ftpflux.core.address.DataAddress;
import io.ftpflux.core.address.PassiveAddress;
import io.ftpflux.core.address.PassiveAddressPolicy;
import io.ftpflux.core.address.PassiveHostPolicy;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.command.NameCodec;
import io.ftpflux.core.command.StandardVerb;
import io.ftpflux.core.command.Verb;
import io.ftpflux.core.feature.FeatureOption;
import io.ftpflux.core.feature.Features;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.ListingOptions;
import io.ftpflux.core.listing.ListingParser;
import io.ftpflux.core.listing.ListingParsers;
import io.ftpflux.core.listing.ListingReader;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyAssembler;
import io.ftpflux.core.reply.ReplyCategory;
import io.ftpflux.core.reply.ReplyCode;
import io.ftpflux.core.reply.ReplyFunction;
import io.ftpflux.core.reply.ReplyLimits;
import io.ftpflux.core.reply.ReplyPayloads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Runs every example of {@code docs/core.md} and checks that the guide quotes each one verbatim, in this file's
 * order, and holds no other {@code java} block.
 */
class CoreGuideExamplesTest {

    private static final Path GUIDE = Path.of("..", "docs", "core.md");
    private static final Path THIS_SOURCE =
            Path.of("src", "test", "java", "io", "ftpflux", "core", "CoreGuideExamplesTest.java");

    @Test
    void theGuideQuotesEveryExampleOfThisFileAndNoOtherJavaCode() throws IOException {
        List<String> examples = DocSnippets.taggedRegions(THIS_SOURCE);

        assertThat(examples).hasSizeGreaterThan(10);
        assertThat(DocSnippets.javaBlocks(GUIDE)).containsExactlyElementsOf(examples);
    }

    @Test
    void commandsAreSentAsGivenAndLoggedRedacted() {
        // tag::commands[]
        FtpCommand retr = FtpCommands.retr("  two leading spaces.txt");   // the path is sent as given
        FtpCommand pass = FtpCommands.pass("s3cret");
        String logged = pass.toString();   // "PASS ****": what logs and exception messages show
        String wire = pass.line();         // "PASS s3cret": for the encoder only
        Verb site = Verb.of("site");       // StandardVerb.SITE: any case, ASCII letters and digits
        FtpCommand custom = FtpCommand.of(Verb.of("XQUOTA"), "/home");   // an extension verb
        // end::commands[]

        assertThat(retr.line()).isEqualTo("RETR   two leading spaces.txt");
        assertThat(logged).isEqualTo("PASS ****");
        assertThat(wire).isEqualTo("PASS s3cret");
        assertThat(site).isSameAs(StandardVerb.SITE);
        assertThat(custom.verb()).isNotInstanceOf(StandardVerb.class);
        assertThat(custom.line()).isEqualTo("XQUOTA /home");
    }

    @Test
    void anInjectedLineEndIsRefusedBeforeAnythingIsSent() {
        Throwable thrown = catchThrowable(() -> {
            // tag::injection[]
            String name = "report.txt\r\nDELE important.txt";   // a listing name, as a server sent it
            FtpCommands.retr(name);
            // throws FtpUnsafeArgumentException:
            // "RETR argument contains CR at index 10, which would inject a command"
            // end::injection[]
        });

        assertThat(thrown).isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessage("RETR argument contains CR at index 10, which would inject a command");
    }

    @Test
    void replyCodesAreValuesWithTwoDigitsToDecideOn() {
        // tag::reply-codes[]
        ReplyCode busy = ReplyCode.of(450);
        ReplyCategory category = busy.category();   // TRANSIENT_NEGATIVE: may succeed later
        ReplyFunction function = busy.function();   // FILE_SYSTEM
        String meaning = busy.description();        // the RFC 959 text: "Requested file action not taken. ..."
        ReplyCode odd = ReplyCode.of(299);          // in no RFC table, kept as it is
        String oddMeaning = odd.description();      // "Non-standard positive completion reply (unspecified)"
        // end::reply-codes[]

        assertThat(busy).isSameAs(ReplyCode.FILE_ACTION_NOT_TAKEN);
        assertThat(category).isEqualTo(ReplyCategory.TRANSIENT_NEGATIVE);
        assertThat(function).isEqualTo(ReplyFunction.FILE_SYSTEM);
        assertThat(meaning).isEqualTo("Requested file action not taken. File unavailable (e.g., file busy).");
        assertThat(odd.value()).isEqualTo(299);
        assertThat(oddMeaning).isEqualTo("Non-standard positive completion reply (unspecified)");
    }

    // tag::retry-policy[]
    /** Tells whether an operation that failed so is worth another try (on a new session if need be). */
    static boolean worthRetrying(Throwable error) {
        if (error instanceof FtpReplyException refused) {
            ReplyCode code = refused.reply().code();
            // 4yz may succeed later (425 no data connection, 450 file busy), but a refused
            // login is not cured by sending the same credentials again.
            return code.isTransient() && !code.isAuthenticationRelated();
        }
        // A lost connection or a stalled phase may go better on a new session; a protocol
        // violation, a security refusal or an unsafe argument will fail the same way again.
        return error instanceof FtpConnectionException || error instanceof FtpTimeoutException;
    }
    // end::retry-policy[]

    @Test
    void theRetryPolicyDecidesOnTypesAndDigits() {
        FtpCommand retr = FtpCommands.retr("a.bin");

        assertThat(worthRetrying(FtpReplyException.of(retr, FtpReply.of(450, "File busy.")))).isTrue();
        assertThat(worthRetrying(FtpReplyException.of(retr, FtpReply.of(425, "No data connection.")))).isTrue();
        assertThat(worthRetrying(FtpReplyException.of(retr, FtpReply.of(550, "No such file.")))).isFalse();
        assertThat(worthRetrying(FtpReplyException.of(FtpCommands.pass("x"), FtpReply.of(430, "Try later."))))
                .isFalse();
        assertThat(worthRetrying(new FtpConnectionException("connection reset", null))).isTrue();
        assertThat(worthRetrying(new FtpTimeoutException(FtpTimeoutException.Phase.REPLY, Duration.ofSeconds(30),
                "RETR a.bin"))).isTrue();
        assertThat(worthRetrying(new FtpProtocolException("malformed reply"))).isFalse();
        assertThat(worthRetrying(new FtpSecurityException("data port 22 refused"))).isFalse();
        assertThat(worthRetrying(new IllegalStateException("not an FTP failure"))).isFalse();
    }

    @Test
    void aReplyKeepsEveryLineAndGivesItsText() {
        // tag::reply-text[]
        FtpReply stat = new FtpReply(ReplyCode.of(211), List.of(
                "211-Status of example.org:",
                "    Logged in as alice",
                "    TYPE: BINARY",
                "211 End of status"));
        String text = stat.text();               // the lines without "211-" and "211 ", joined by '\n'
        List<String> inner = stat.innerLines();  // ["    Logged in as alice", "    TYPE: BINARY"]
        boolean ends = stat.isFinal();           // true: only after a 1yz does another reply follow
        // end::reply-text[]

        assertThat(text).isEqualTo("Status of example.org:\n    Logged in as alice\n    TYPE: BINARY\nEnd of status");
        assertThat(inner).containsExactly("    Logged in as alice", "    TYPE: BINARY");
        assertThat(ends).isTrue();
        assertThat(stat.isPreliminary()).isFalse();
    }

    @Test
    void chunkBoundariesDoNotMatterToTheAssembler() {
        // tag::assembler[]
        ReplyAssembler assembler = new ReplyAssembler(ReplyLimits.defaults(), StandardCharsets.UTF_8);
        List<FtpReply> replies = new ArrayList<>();
        byte[] bytes = "150 Opening data connection.\r\n226 Transfer complete.\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            assembler.feed(bytes, i, 1, replies::add);   // one byte at a time, or all at once: same replies
        }
        // replies: "150 Opening data connection.", "226 Transfer complete."
        boolean cutOff = assembler.hasPartialReply();   // false: nothing is left half-received
        // end::assembler[]

        assertThat(replies).extracting(reply -> reply.code().value()).containsExactly(150, 226);
        assertThat(replies).extracting(FtpReply::toString)
                .containsExactly("150 Opening data connection.", "226 Transfer complete.");
        assertThat(cutOff).isFalse();
    }

    @Test
    void anEndlessLineFailsAtTheLimit() {
        List<FtpReply> replies = new ArrayList<>();
        Throwable thrown = catchThrowable(() -> {
            // tag::assembler-limits[]
            ReplyAssembler assembler = new ReplyAssembler(
                    ReplyLimits.defaults().withMaxLineLength(512), StandardCharsets.UTF_8);
            byte[] endless = new byte[1 << 20];
            Arrays.fill(endless, (byte) 'x');
            assembler.feed(StandardCharsets.US_ASCII.encode("220-"), replies::add);
            assembler.feed(ByteBuffer.wrap(endless), replies::add);
            // throws FtpProtocolException as byte 513 of the line arrives, having buffered 512:
            // "a reply line exceeds the limit of 512 bytes: "220-xxx...xxx" (truncated, 512 bytes)"
            // end::assembler-limits[]
        });

        assertThat(thrown).isInstanceOf(FtpProtocolException.class)
                .hasMessageStartingWith("a reply line exceeds the limit of 512 bytes: \"220-xxx")
                .hasMessageEndingWith("xxx\" (truncated, 512 bytes)");
        assertThat(replies).isEmpty();
    }

    @Test
    void payloadsAreReadFromReplyText() {
        // tag::payloads[]
        String directory = ReplyPayloads.pathname(
                FtpReply.of(257, "\"/pub/say \"\"hi\"\"\" is the current directory"));   // /pub/say "hi"
        long size = ReplyPayloads.size(FtpReply.of(213, "5000000000"));
        Instant modified = ReplyPayloads.modificationTime(FtpReply.of(213, "20250102030405.250"));
        OptionalLong announced = ReplyPayloads.announcedByteCount(
                FtpReply.of(150, "Opening BINARY mode data connection for big.iso (5000000000 bytes)."));
        // end::payloads[]

        assertThat(directory).isEqualTo("/pub/say \"hi\"");
        assertThat(size).isEqualTo(5_000_000_000L);
        assertThat(modified).isEqualTo(Instant.parse("2025-01-02T03:04:05.250Z"));
        assertThat(announced).hasValue(5_000_000_000L);
    }

    @Test
    void passiveAddressesResolveAgainstTheControlHost() {
        // tag::passive[]
        String controlHost = "192.0.2.10";   // the address the control connection is connected to
        PassiveAddress pasv = PassiveAddress.parsePasvReply(
                FtpReply.of(227, "Entering Passive Mode (10,0,0,99,195,80)."));
        PassiveAddress epsv = PassiveAddress.parseEpsvReply(
                FtpReply.of(229, "Entering Extended Passive Mode (|||50001|)"));

        DataAddress safe = pasv.resolve(controlHost, PassiveAddressPolicy.DEFAULT);   // 192.0.2.10:50000
        DataAddress trusted = pasv.resolve(controlHost,
                PassiveAddressPolicy.of(PassiveHostPolicy.TRUST_ANNOUNCED));        // 10.0.0.99:50000
        DataAddress extended = epsv.resolve(controlHost, PassiveAddressPolicy.DEFAULT); // 192.0.2.10:50001
        boolean worthALogLine = pasv.hostDiffersFrom(controlHost);                     // true
        // end::passive[]

        assertThat(safe).hasToString("192.0.2.10:50000");
        assertThat(trusted).hasToString("10.0.0.99:50000");
        assertThat(extended).hasToString("192.0.2.10:50001");
        assertThat(worthALogLine).isTrue();
        assertThat(epsv.namesHost()).isFalse();
    }

    @Test
    void aPrivilegedPortIsRefused() {
        Throwable thrown = catchThrowable(() -> {
            // tag::passive-refused[]
            PassiveAddress toSsh = PassiveAddress.parsePasvReply(
                    FtpReply.of(227, "Entering Passive Mode (192,0,2,10,0,22)."));
            toSsh.resolve("192.0.2.10", PassiveAddressPolicy.DEFAULT);
            // throws FtpSecurityException: "server announced data port 22, below 1024 where system
            // services listen; refused by the passive address policy"
            // end::passive-refused[]
        });

        assertThat(thrown).isInstanceOf(FtpSecurityException.class).hasMessage("server announced data port 22,"
                + " below 1024 where system services listen; refused by the passive address policy");
    }

    @Test
    void activeModeAddressesFormatAndParse() {
        // tag::active[]
        String port = new DataAddress("192.0.2.7", 50123).portArgument();      // "192,0,2,7,195,203"
        String eprt = new DataAddress("2001:db8::7", 50123).eprtArgument();    // "|2|2001:db8::7|50123|"
        DataAddress parsed = DataAddress.parseEprtArgument("|1|192.0.2.7|50123|");   // 192.0.2.7:50123
        // end::active[]

        assertThat(port).isEqualTo("192,0,2,7,195,203");
        assertThat(eprt).isEqualTo("|2|2001:db8::7|50123|");
        assertThat(parsed).isEqualTo(new DataAddress("192.0.2.7", 50123));
        assertThat(FtpCommands.port(port).line()).isEqualTo("PORT 192,0,2,7,195,203");
    }

    @Test
    void featuresAreReadFromTheFeatReply() {
        // tag::features[]
        Features features = Features.parse(new FtpReply(ReplyCode.of(211), List.of(
                "211-Features:",
                " EPSV",
                " MLST type*;size*;modify*;UNIX.mode;",
                " REST STREAM",
                " AUTH TLS",
                " UTF8",
                "211 End")));
        boolean resumable = features.supportsRestStream();    // true
        boolean ftps = features.supportsAuth("tls");          // true: names ignore case
        List<FeatureOption> facts = features.mlstFacts();     // [type*, size*, modify*, UNIX.mode]
        Features none = Features.parse(FtpReply.of(502, "Command not implemented."));   // empty
        // end::features[]

        assertThat(features.supportsEpsv()).isTrue();
        assertThat(features.supportsUtf8()).isTrue();
        assertThat(resumable).isTrue();
        assertThat(ftps).isTrue();
        assertThat(facts).extracting(FeatureOption::toString).containsExactly("type*", "size*", "modify*", "UNIX.mode");
        assertThat(none).isSameAs(Features.none());
    }

    @Test
    void aListingIsReadFromBytesInChunks() {
        // tag::listing-reader[]
        ListingOptions options = ListingOptions.defaults()   // English month names, times in UTC
                .withClock(Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));
        ListingReader reader = new ListingReader(
                ListingParsers.autodetect(options), StandardVerb.LIST, StandardCharsets.UTF_8);
        byte[] listing = ("total 12\r\n"
                + "drwxr-xr-x   2 ftp ftp     4096 Dec 24 18:00 old stuff\r\n"
                + "-rw-r--r--   1 ftp ftp       24 Feb 29 10:00 leap.txt\r\n"
                + "-rw-r--r--   1 ftp ftp       24 Feb 28 09:15 café.txt\r\n"
                + "lrwxrwxrwx   1 ftp ftp        9 Jan 02  2025 latest -> old stuff\r\n"
                + "?? a line only this server understands\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);   // é is the byte E9 here: not UTF-8
        List<FtpEntry> entries = new ArrayList<>();
        reader.feed(ByteBuffer.wrap(listing, 0, 50), entries::add);   // chunks split lines anywhere
        reader.feed(ByteBuffer.wrap(listing, 50, listing.length - 50), entries::add);
        reader.finish(entries::add);
        String format = reader.detectedFormat();   // "unix"
        // end::listing-reader[]

        // tag::listing-entries[]
        FtpEntry directory = entries.get(0);  // DIRECTORY "old stuff", 2025-12-24T18:00:00Z: not yet in 2026
        FtpEntry leapDay = entries.get(1);    // 2024-02-29T10:00:00Z: the latest Feb 29 not in the future
        FtpEntry latin1 = entries.get(2);     // "caf\uDCE9.txt": the byte E9 is not UTF-8, so it is escaped
        byte[] exactName = latin1.nameBytes();   // 63 61 66 e9 2e 74 78 74: the server's own bytes
        FtpEntry link = entries.get(3);       // SYMLINK "latest", linkTarget "old stuff"
        FtpEntry unknown = entries.get(4);    // UNPARSED: rawLine "?? a line only this server understands"
        // end::listing-entries[]

        assertThat(entries).hasSize(5);
        assertThat(format).isEqualTo("unix");
        assertThat(directory.type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(directory.name()).isEqualTo("old stuff");
        assertThat(directory.modified()).isEqualTo(Instant.parse("2025-12-24T18:00:00Z"));
        assertThat(leapDay.name()).isEqualTo("leap.txt");
        assertThat(leapDay.modified()).isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
        assertThat(latin1.name()).isEqualTo("caf\uDCE9.txt");
        assertThat(latin1.nameCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(latin1.modified()).isEqualTo(Instant.parse("2026-02-28T09:15:00Z"));
        assertThat(exactName).isEqualTo(HexFormat.of().parseHex("636166e92e747874"));
        assertThat(directory.nameCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(link.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(link.name()).isEqualTo("latest");
        assertThat(link.linkTarget()).isEqualTo("old stuff");
        assertThat(unknown.type()).isEqualTo(EntryType.UNPARSED);
        assertThat(unknown.rawLine()).isEqualTo("?? a line only this server understands");
        assertThat(unknown.name()).isEqualTo(unknown.rawLine());
    }

    @Test
    void autodetectionReadsEveryBuiltInFormat() {
        // tag::autodetect[]
        ListingParser any = ListingParsers.autodetect(ListingOptions.defaults());
        FtpEntry iis = any.parse("01-16-24  02:15PM       <DIR>          Some Dir");   // DIRECTORY "Some Dir"
        FtpEntry eplf = any.parse("+i8388621.48594,m825718503,r,s280,\tdjb.html");   // FILE "djb.html", 280 bytes
        FtpEntry nonsense = any.parse("?? a line only this server understands");    // null: no format fits
        // end::autodetect[]

        assertThat(iis.type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(iis.name()).isEqualTo("Some Dir");
        assertThat(iis.modified()).isEqualTo(Instant.parse("2024-01-16T14:15:00Z"));
        assertThat(eplf.type()).isEqualTo(EntryType.FILE);
        assertThat(eplf.name()).isEqualTo("djb.html");
        assertThat(eplf.size()).isEqualTo(280L);
        assertThat(nonsense).isNull();
    }

    @Test
    void mlsdFactsFillTheEntry() {
        // tag::mlsd[]
        FtpEntry entry = ListingParsers.mlsd().parse(
                "type=file;size=1024;modify=20250102030405;UNIX.mode=0644; notes; draft 2.txt");
        // FILE "notes; draft 2.txt", 1024 bytes, modified 2025-01-02T03:04:05Z
        Integer mode = entry.unixMode();          // 0644, from the UNIX.mode fact
        String owner = entry.fact("UNIX.owner");  // null: this server did not send it
        // end::mlsd[]

        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.name()).isEqualTo("notes; draft 2.txt");
        assertThat(entry.size()).isEqualTo(1024L);
        assertThat(entry.modified()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(entry.facts()).containsEntry("unix.mode", "0644");
        assertThat(mode).isEqualTo(0644);
        assertThat(owner).isNull();
    }

    @Test
    void namesThatAreNotUtf8RoundTripThroughTheNameCodec() {
        // tag::name-codec[]
        byte[] listed = {'c', 'a', 'f', (byte) 0xE9, '.', 't', 'x', 't'};   // Latin-1 on a UTF-8 session
        String name = NameCodec.decode(listed, StandardCharsets.UTF_8);      // "caf\uDCE9.txt"
        boolean escaped = NameCodec.isEscaped(name);                         // true
        byte[] sent = NameCodec.encode("/pub/" + name, StandardCharsets.UTF_8);
        // 2f 70 75 62 2f 63 61 66 e9 2e 74 78 74: "/pub/" and the listed bytes, E9 unchanged
        // end::name-codec[]

        assertThat(name).isEqualTo("caf\uDCE9.txt");
        assertThat(escaped).isTrue();
        assertThat(sent).isEqualTo(HexFormat.of().parseHex("2f7075622f636166e92e747874"));
    }

    @Test
    void aReplyExceptionCarriesTheRedactedCommandAndTheReply() {
        // tag::reply-exception[]
        FtpReplyException refused = FtpReplyException.of(FtpCommands.pass("s3cret"),
                FtpReply.of(530, "Login incorrect."));
        // an FtpPermanentReplyException (5yz) whose message names the command but never the password:
        String message = refused.getMessage();   // "PASS **** refused: 530 Login incorrect."
        // end::reply-exception[]

        assertThat(refused).isInstanceOf(FtpPermanentReplyException.class);
        assertThat(message).isEqualTo("PASS **** refused: 530 Login incorrect.");
        assertThat(refused.reply().code()).isEqualTo(ReplyCode.NOT_LOGGED_IN);
        assertThat(refused.command()).isEqualTo(FtpCommands.pass("s3cret"));
    }
}
