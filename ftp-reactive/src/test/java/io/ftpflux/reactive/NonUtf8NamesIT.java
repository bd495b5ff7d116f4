package io.ftpflux.reactive;

import static io.ftpflux.reactive.FaultClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpUnsafeArgumentException;
import io.ftpflux.core.command.NameCodec;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.ReceivedCommand;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names that are not UTF-8 on a UTF-8 session (RFC 2640 §3, RFC 959 §3.1.1.5): listed, then downloaded, renamed
 * and deleted by {@code dir + "/" + entry.name()}, against a byte-transparent fault server whose command log shows
 * the exact bytes each command carried.
 */
@Timeout(60)
class NonUtf8NamesIT {

    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
    private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");
    private static final String DIR = "/d";
    /** The server's names by their bytes: Latin-1 (E9), Shift_JIS, Latin-1 with the Telnet IAC byte FF, UTF-8. */
    private static final List<byte[]> NAMES = List.of(
            "caf\u00e9.txt".getBytes(LATIN_1),
            "\u65e5\u672c\u8a9e.txt".getBytes(SHIFT_JIS),
            "\u00ff.bin".getBytes(LATIN_1),
            "na\u00efve.txt".getBytes(StandardCharsets.UTF_8));

    private FaultServer server;
    private FtpSession session;

    private void start(boolean mlst, Charset clientCharset) {
        FaultServer.Builder builder = FaultServer.builder().charset(LATIN_1);
        if (!mlst) {
            builder.features("EPSV", "MDTM", "PASV", "REST STREAM", "SIZE", "UTF8");
        }
        server = builder.build();
        server.start();
        for (byte[] name : NAMES) {
            server.fileSystem().putFile(DIR + "/" + onServer(name), content(name));
        }
        session = FaultClients.connect(FtpClient.builder()
                .host(server.host())
                .port(server.port())
                .credentials(FtpCredentials.of("test", "test"))
                .timeouts(FtpTimeouts.of(WAIT))
                .controlCharset(clientCharset)
                .build());
    }

    @AfterEach
    void stop() {
        FaultClients.closeQuietly(session);
        if (server != null) {
            server.close();
        }
    }

    /** The byte-transparent server holds each byte as one char. */
    private static String onServer(byte[] bytes) {
        return new String(bytes, LATIN_1);
    }

    private static byte[] content(byte[] name) {
        return ("content of " + HexFormat.of().formatHex(name)).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(String prefix, byte[] name, String suffix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(name);
        out.writeBytes(suffix.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The exact argument bytes, in hex, of every command with this verb the server received, in order. */
    private List<String> argumentsOf(String verb) {
        return server.commands().stream()
                .filter(command -> command.is(verb))
                .map(ReceivedCommand::argument)
                .map(argument -> HexFormat.of().formatHex(argument.getBytes(LATIN_1)))
                .toList();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @ParameterizedTest(name = "listed with MLSD: {0}")
    @ValueSource(booleans = {true, false})
    void namesListedFromAUtf8SessionAreDownloadedRenamedAndDeletedByTheirExactBytes(boolean mlst) {
        start(mlst, StandardCharsets.UTF_8);

        List<FtpEntry> entries = session.list(DIR).collectList().block(WAIT);

        assertThat(argumentsOf(mlst ? "MLSD" : "LIST")).containsExactly(hex(DIR.getBytes(LATIN_1)));
        Map<String, FtpEntry> byBytes = new TreeMap<>();
        entries.forEach(entry -> byBytes.put(hex(entry.nameBytes()), entry));
        assertThat(byBytes.keySet()).containsExactlyInAnyOrderElementsOf(NAMES.stream().map(NonUtf8NamesIT::hex).toList());
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.FILE);
            assertThat(entry.nameCharset()).isEqualTo(StandardCharsets.UTF_8);
        });
        assertThat(byBytes.get(hex(NAMES.get(0))).name()).isEqualTo("caf\udce9.txt");
        assertThat(byBytes.get(hex(NAMES.get(1))).name()).isEqualTo(NameCodec.decode(NAMES.get(1), StandardCharsets.UTF_8));
        assertThat(byBytes.get(hex(NAMES.get(2))).name()).isEqualTo("\udcff.bin");
        assertThat(byBytes.get(hex(NAMES.get(3))).name()).isEqualTo("na\u00efve.txt");
        assertThat(NameCodec.isEscaped(byBytes.get(hex(NAMES.get(3))).name())).isFalse();

        for (byte[] name : NAMES) {
            FtpEntry entry = byBytes.get(hex(name));
            String path = DIR + "/" + entry.name();

            byte[] downloaded = session.download(path)
                    .map(ByteBufUtil::getBytes)
                    .reduce(new ByteArrayOutputStream(), (out, bytes) -> {
                        out.writeBytes(bytes);
                        return out;
                    })
                    .map(ByteArrayOutputStream::toByteArray)
                    .block(WAIT);
            assertThat(downloaded).as("content of %s", hex(name)).isEqualTo(content(name));
            session.rename(path, path + ".old").block(WAIT);
            assertThat(server.fileSystem().isFile(DIR + "/" + onServer(name) + ".old")).isTrue();
            session.delete(path + ".old").block(WAIT);
            assertThat(server.fileSystem().isFile(DIR + "/" + onServer(name) + ".old")).isFalse();
        }

        List<String> expectedPaths = NAMES.stream().map(name -> hex(concat(DIR + "/", name, ""))).toList();
        List<String> expectedOld = NAMES.stream().map(name -> hex(concat(DIR + "/", name, ".old"))).toList();
        assertThat(argumentsOf("RETR")).containsExactlyElementsOf(expectedPaths);
        assertThat(argumentsOf("RNFR")).containsExactlyElementsOf(expectedPaths);
        assertThat(argumentsOf("RNTO")).containsExactlyElementsOf(expectedOld);
        assertThat(argumentsOf("DELE")).containsExactlyElementsOf(expectedOld);
        assertThat(server.fileSystem().paths()).containsExactly("/", DIR);
    }

    @Test
    void nlstNamesAndMlstPathsGoBackAsTheServersBytes() {
        start(true, StandardCharsets.UTF_8);

        List<String> names = session.names(DIR).collectList().block(WAIT);
        FtpEntry stat = session.stat(DIR + "/" + NameCodec.decode(NAMES.get(1), StandardCharsets.UTF_8)).block(WAIT);

        assertThat(names).extracting(name -> hex(NameCodec.encode(name, StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrderElementsOf(NAMES.stream().map(NonUtf8NamesIT::hex).toList());
        assertThat(stat.nameBytes()).isEqualTo(concat(DIR + "/", NAMES.get(1), ""));
        assertThat(stat.size()).isEqualTo((long) content(NAMES.get(1)).length);
        for (String name : names) {
            session.delete(DIR + "/" + name).block(WAIT);
        }
        assertThat(server.fileSystem().paths()).containsExactly("/", DIR);
    }

    @Test
    void aWorkingDirectoryThatIsNotUtf8IsReportedAndEnteredAgainByItsBytes() {
        start(true, StandardCharsets.UTF_8);
        byte[] latin1Dir = "/r\u00e9pertoire".getBytes(LATIN_1);
        server.fileSystem().createDirectories(onServer(latin1Dir));

        String made = session.makeDirectory(NameCodec.decode(latin1Dir, StandardCharsets.UTF_8) + "/sub").block(WAIT);
        FtpEntry listed = session.list("/").filter(entry -> entry.type() == EntryType.DIRECTORY)
                .filter(entry -> NameCodec.isEscaped(entry.name())).single().block(WAIT);
        session.changeWorkingDirectory("/" + listed.name()).block(WAIT);
        String pwd = session.workingDirectory().block(WAIT);
        session.changeWorkingDirectory("/").block(WAIT);
        session.changeWorkingDirectory(pwd).block(WAIT);

        assertThat(made).isEqualTo("/r\udce9pertoire/sub");
        assertThat(pwd).isEqualTo("/r\udce9pertoire");
        assertThat(argumentsOf("CWD")).containsExactly(hex(latin1Dir), "2f", hex(latin1Dir));
        assertThat(server.fileSystem().isDirectory(onServer(latin1Dir) + "/sub")).isTrue();
    }

    @Test
    void anArgumentTheControlCharsetCannotEncodeIsRefusedBeforeAnythingIsSent() {
        start(true, LATIN_1);
        int before = server.commands().size();

        assertThatThrownBy(() -> session.delete(DIR + "/price-\u20ac.txt").block(WAIT))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageContaining("ISO-8859-1")
                .hasMessageContaining("'?'");
        assertThatThrownBy(() -> session.delete(DIR + "/\ud800.txt").block(WAIT))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageContaining("lone surrogate U+D800");

        assertThat(server.commands()).hasSize(before);
        assertThat(session.isOpen()).isTrue();
        // On an ISO-8859-1 session every byte decodes, so nothing is escaped and the names still round-trip.
        List<FtpEntry> entries = session.list(DIR).collectList().block(WAIT);
        assertThat(entries).noneMatch(entry -> NameCodec.isEscaped(entry.name()));
        session.delete(DIR + "/" + entries.get(0).name()).block(WAIT);
        assertThat(argumentsOf("DELE")).containsExactly(hex(concat(DIR + "/", entries.get(0).nameBytes(), "")));
    }
}
