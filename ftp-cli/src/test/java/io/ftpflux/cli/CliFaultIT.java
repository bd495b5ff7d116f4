package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each class of failure from the scripted fault server, seen as a person or a script sees it: exit code and stderr. */
@Timeout(30)
class CliFaultIT {

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    @TempDir
    Path local;

    private String url(String path) {
        return "ftp://test@127.0.0.1:" + ftp.port() + "/" + path;
    }

    private Cli.Result run(String... args) {
        return Cli.run(Map.of(Connector.PASSWORD_VARIABLE, "test"), args);
    }

    private static void assertOneLineError(Cli.Result result, int exitCode, String... fragments) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err().lines()).as(result.toString()).hasSize(1);
        assertThat(result.err()).startsWith("ftpflux: ");
        for (String fragment : fragments) {
            assertThat(result.err()).contains(fragment);
        }
        assertThat(result.out()).isEmpty();
    }

    @Test
    void a421GreetingIsAConnectionFailure() {
        ftp.server().onConnect(Fault.reply("421 Too many connections, try later\r\n"));
        assertOneLineError(run("ls", url("")), ExitCodes.CONNECTION, "421");
    }

    @Test
    void aClosedControlConnectionIsAConnectionFailure() {
        ftp.server().onCommand("MLSD", Fault.closeControl());
        assertOneLineError(run("ls", url("")), ExitCodes.CONNECTION);
    }

    @Test
    void aRefusedPasswordIsALoginRefusal() {
        ftp.server().onCommand("PASS", Fault.reply("530 Login incorrect.\r\n"));
        assertOneLineError(run("ls", url("")), ExitCodes.LOGIN_REFUSED, "530", "Login incorrect");
    }

    @Test
    void aMissingFileIsAPermanentRefusal() {
        assertOneLineError(run("get", url("absent.bin"), local.resolve("x").toString()), ExitCodes.PERMANENT_REFUSAL,
                "550");
    }

    @Test
    void aBusyServerIsATransientRefusal() {
        ftp.server().onCommand("DELE", Fault.reply("450 File busy\r\n"));
        assertOneLineError(run("rm", url("f")), ExitCodes.TRANSIENT_REFUSAL, "450", "File busy");
    }

    @Test
    void aMalformedReplyIsAProtocolViolation() {
        ftp.server().fileSystem().putFile("/f", new byte[] {1});
        ftp.server().onCommand("DELE", Fault.reply("2x0 what is this\r\n"));
        assertOneLineError(run("rm", url("f")), ExitCodes.PROTOCOL);
    }

    @Test
    void aStalledTransferTimesOut() {
        ftp.server().fileSystem().putFile("/slow.bin", new byte[100_000]);
        ftp.server().onCommand("RETR", Fault.stallDataAfter(1000));
        Path target = local.resolve("slow.bin");
        assertOneLineError(run("get", "--timeout", "1", url("slow.bin"), target.toString()), ExitCodes.TIMEOUT);
        assertThat(target).doesNotExist();
    }

    @Test
    void aShortTransferIsADataIntegrityFailure() {
        ftp.server().fileSystem().putFile("/short.bin", new byte[10_000]);
        ftp.server().onCommand("RETR", Fault.closeDataAfter(1000));
        Path target = local.resolve("short.bin");
        assertOneLineError(run("get", url("short.bin"), target.toString()), ExitCodes.DATA_INTEGRITY);
        assertThat(target).doesNotExist();
    }

    @Test
    void aShortTransferToStandardOutputFailsToo() {
        ftp.server().fileSystem().putFile("/short.bin", new byte[10_000]);
        ftp.server().onCommand("RETR", Fault.closeDataAfter(1000));
        Cli.Result result = run("get", url("short.bin"), "-");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DATA_INTEGRITY);
    }

    @Test
    void mirrorSkipsHostileNamesAndNeverWritesOutsideItsTarget() throws Exception {
        ftp.server().fileSystem().putFile("/tree/good.txt", "good".getBytes(StandardCharsets.UTF_8));
        String listing = Stream.of("../escaped.txt", "/etc/passwd", "a/b", "C:\\x", "..", ".", "esc\u001b[2Jname",
                        "good.txt")
                .map(name -> "type=file;size=4;modify=20240101000000; " + name + "\r\n")
                .reduce("type=dir;modify=20240101000000; sub\\dir\r\n", String::concat);
        ftp.server().listing("MLSD", "/tree", listing.getBytes(StandardCharsets.UTF_8));
        Path target = Files.createDirectories(local.resolve("inside/target"));

        Cli.Result result = run("mirror", "--parallel", "2", url("tree"), target.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(target.resolve("good.txt")).hasContent("good");
        try (Stream<Path> everything = Files.walk(local)) {
            assertThat(everything.filter(Files::isRegularFile)).containsExactly(target.resolve("good.txt"));
        }
        assertThat(result.err()).contains("skipping 'tree/../escaped.txt'", "skipping 'tree//etc/passwd'",
                "skipping 'tree/a/b'", "skipping 'tree/C:\\x'", "skipping 'tree/esc\\u001b[2Jname'",
                "skipping 'tree/sub\\dir'").doesNotContain("\u001b");
        assertThat(result.out()).contains("Downloaded 1 files").contains("8 skipped");
    }

    @Test
    void mirrorFollowsServerLinksOnlyWhenAsked() throws Exception {
        ftp.server().fileSystem().putFile("/tree/plain.txt", "plain".getBytes(StandardCharsets.UTF_8));
        ftp.server().fileSystem().putFile("/tree/link", "target".getBytes(StandardCharsets.UTF_8));
        ftp.server().listing("MLSD", "/tree", ("type=file;size=5; plain.txt\r\n"
                + "type=OS.unix=slink:/elsewhere; link\r\n"
                + "type=OS.unix=slink:/nowhere; dangling\r\n").getBytes(StandardCharsets.UTF_8));

        Path unfollowed = local.resolve("unfollowed");
        Cli.Result result = run("mirror", url("tree"), unfollowed.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(unfollowed.resolve("plain.txt")).hasContent("plain");
        assertThat(unfollowed.resolve("link")).doesNotExist();
        assertThat(result.err()).contains("skipping 'tree/link': a symbolic link (use --follow-links");

        Path followed = local.resolve("followed");
        Cli.Result following = run("mirror", "--follow-links", url("tree"), followed.toString());
        assertThat(following.exitCode()).as(following.toString()).isZero();
        assertThat(followed.resolve("link")).hasContent("target");
        assertThat(following.err()).contains("skipping 'tree/dangling': a symbolic link the server does not resolve");
    }

    @Test
    void mirrorReportsEachFailedFileAndExitsWithTheFirstFailuresCode() {
        ftp.server().fileSystem().putFile("/tree/a.bin", new byte[5000]);
        ftp.server().fileSystem().putFile("/tree/b.bin", new byte[5000]);
        ftp.server().onCommand("RETR", 1, Fault.closeDataAfter(100));
        Cli.Result result = run("mirror", "--parallel", "1", url("tree"), local.resolve("copy").toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DATA_INTEGRITY);
        assertThat(result.err()).contains("could not download", "1 of 2 transfers failed");
        assertThat(result.out()).contains("Downloaded 1 files");
    }

    @Test
    void aMirrorWhoseWalkFailsLeavesNoSessionOpen() {
        for (int i = 0; i < 6; i++) {
            ftp.server().fileSystem().putFile("/tree/f" + i, new byte[50_000]);
        }
        ftp.server().fileSystem().createDirectories("/tree/sub");
        ftp.server().onCommand("RETR", Fault.throttle(20_000));
        ftp.server().onCommand("MLSD", 2, Fault.reply("550 Permission denied\r\n"));
        // Short phase timeouts bound how long the interrupted transfers may take to give their sessions back on a
        // busy machine; the point is that every session is closed, not how fast.
        Cli.Result result = run("mirror", "--timeout", "3", "--parallel", "3", url("tree"),
                local.resolve("copy").toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PERMANENT_REFUSAL);
        assertThat(result.err()).contains("550 Permission denied");
        ftp.server().awaitNoOpenConnections(java.time.Duration.ofSeconds(15));
    }

    @Test
    void aServerThatRefusesTlsIsASecurityFailure() {
        ftp.server().onCommand("AUTH", Fault.reply("502 AUTH not implemented\r\n"));
        Cli.Result result = run("ls", "--insecure", "ftpes://test@127.0.0.1:" + ftp.port() + "/");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SECURITY);
        assertThat(result.err()).contains("502");
        assertThat(ftp.server().commands()).noneMatch(command -> command.verb().equals("USER"));
    }
}
