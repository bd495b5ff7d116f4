package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The commands against Apache MINA FtpServer on loopback, run in process as a user would type them. */
@Timeout(60)
class CliIT {

    @RegisterExtension
    static final EmbeddedFtpServer SERVER = EmbeddedFtpServer.plain();

    @TempDir
    Path local;

    private Path remoteDir;
    private String base;
    private Map<String, String> env;

    @BeforeEach
    void directoryPerTest(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        remoteDir = Files.createDirectories(SERVER.root().resolve(name));
        base = "ftp://" + SERVER.user() + "@" + SERVER.host() + ":" + SERVER.port() + "/" + name;
        env = Map.of(Connector.PASSWORD_VARIABLE, SERVER.password());
    }

    private Cli.Result run(String... args) {
        return Cli.run(env, args);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void lsListsNamesLongAndAsJson() throws Exception {
        Files.write(remoteDir.resolve("a.txt"), "hello".getBytes(StandardCharsets.UTF_8));
        Files.createDirectory(remoteDir.resolve("sub"));

        Cli.Result names = run("ls", base);
        assertThat(names.exitCode()).as(names.toString()).isZero();
        assertThat(names.out().lines()).containsExactlyInAnyOrder("a.txt", "sub/");

        Cli.Result longFormat = run("ls", "-l", base);
        assertThat(longFormat.out().lines()).anySatisfy(line -> assertThat(line).startsWith("-").contains("  5  ").endsWith("a.txt"));

        Cli.Result json = run("ls", "--json", base);
        JsonNode array = EntryFormat.JSON.readTree(json.out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        JsonNode file = Arrays.stream(EntryFormat.JSON.treeToValue(array, JsonNode[].class))
                .filter(entry -> entry.get("name").asText().equals("a.txt")).findFirst().orElseThrow();
        assertThat(file.get("type").asText()).isEqualTo("file");
        assertThat(file.get("size").asLong()).isEqualTo(5);
        assertThat(file.get("modified").asText()).endsWith("Z");
        assertThat(file.get("facts").isObject()).isTrue();
        assertThat(json.err()).isEmpty();
    }

    @Test
    void statShowsOneEntry() throws Exception {
        Files.write(remoteDir.resolve("f.bin"), random(1234));
        Cli.Result result = run("stat", "--json", base + "/f.bin");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode entry = EntryFormat.JSON.readTree(result.out());
        assertThat(entry.get("type").asText()).isEqualTo("file");
        assertThat(entry.get("size").asLong()).isEqualTo(1234);

        assertThat(run("stat", base + "/f.bin").out()).contains("size:").contains("1234");
    }

    @Test
    void getDownloadsToAFileADirectoryOrStandardOutput() throws Exception {
        byte[] content = random(300_000);
        Files.write(remoteDir.resolve("data.bin"), content);

        Cli.Result toFile = run("get", "--json", base + "/data.bin", local.resolve("copy.bin").toString());
        assertThat(toFile.exitCode()).as(toFile.toString()).isZero();
        assertThat(Files.readAllBytes(local.resolve("copy.bin"))).isEqualTo(content);
        JsonNode summary = EntryFormat.JSON.readTree(toFile.out());
        assertThat(summary.get("bytes").asLong()).isEqualTo(content.length);
        assertThat(summary.get("sizeVerified").asBoolean()).isTrue();
        assertThat(summary.get("resumed").asBoolean()).isFalse();
        assertThat(summary.get("seconds").isNumber()).isTrue();

        Cli.Result toDirectory = run("get", base + "/data.bin", local.toString());
        assertThat(toDirectory.exitCode()).as(toDirectory.toString()).isZero();
        assertThat(Files.readAllBytes(local.resolve("data.bin"))).isEqualTo(content);
        assertThat(toDirectory.out()).contains("size verified");

        Cli.Result toStdout = run("get", base + "/data.bin", "-");
        assertThat(toStdout.exitCode()).as(toStdout.toString()).isZero();
        assertThat(toStdout.bytes()).isEqualTo(content);
        assertThat(toStdout.out()).isEmpty();
        assertThat(toStdout.err()).isEmpty();
    }

    @Test
    void getDashContinueResumesFromThePartFile() throws Exception {
        byte[] content = random(200_000);
        Files.write(remoteDir.resolve("big.bin"), content);
        Path target = local.resolve("big.bin");
        Files.write(local.resolve("big.bin.part"), Arrays.copyOf(content, 50_000));

        Cli.Result result = run("get", "-c", "--json", base + "/big.bin", target.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        JsonNode summary = EntryFormat.JSON.readTree(result.out());
        assertThat(summary.get("resumed").asBoolean()).isTrue();
        assertThat(summary.get("transferred").asLong()).isEqualTo(150_000);
    }

    @Test
    void putUploadsAndVerifiesAndResumes() throws Exception {
        byte[] content = random(250_000);
        Path source = Files.write(local.resolve("up.bin"), content);

        Cli.Result result = run("put", "--json", source.toString(), base + "/");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readAllBytes(remoteDir.resolve("up.bin"))).isEqualTo(content);
        assertThat(EntryFormat.JSON.readTree(result.out()).get("sizeVerified").asBoolean()).isTrue();

        Files.write(remoteDir.resolve("half.bin"), Arrays.copyOf(content, 100_000));
        Cli.Result resumed = run("put", "-c", "--json", source.toString(), base + "/half.bin");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(Files.readAllBytes(remoteDir.resolve("half.bin"))).isEqualTo(content);
        assertThat(EntryFormat.JSON.readTree(resumed.out()).get("resumed").asBoolean()).isTrue();
    }

    @Test
    void fileOperationsChangeTheServersTree() throws Exception {
        assertThat(run("mkdir", base + "/made").exitCode()).isZero();
        assertThat(remoteDir.resolve("made")).isDirectory();
        Files.write(remoteDir.resolve("made/f"), new byte[] {1});
        assertThat(run("mv", base + "/made/f", "/" + remoteDir.getFileName() + "/g").exitCode()).isZero();
        assertThat(remoteDir.resolve("g")).exists();
        assertThat(run("rmdir", base + "/made").exitCode()).isZero();
        assertThat(remoteDir.resolve("made")).doesNotExist();
        assertThat(run("rm", base + "/g").exitCode()).isZero();
        assertThat(remoteDir.resolve("g")).doesNotExist();
    }

    @Test
    void aMissingFileIsAPermanentRefusalWithTheServersReply() {
        Cli.Result result = run("get", base + "/absent.bin", local.resolve("x").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.PERMANENT_REFUSAL);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).startsWith("ftpflux: ").contains("550").doesNotContain("at io.ftpflux");
        assertThat(local.resolve("x")).doesNotExist();
    }

    @Test
    void aWrongPasswordIsALoginRefusal() {
        Cli.Result result = Cli.run(Map.of(Connector.PASSWORD_VARIABLE, "wrong"), "ls", base);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.LOGIN_REFUSED);
        assertThat(result.err()).contains("530").doesNotContain("wrong");
    }

    @Test
    void verboseShowsTheTranscriptWithoutThePassword() {
        Cli.Result result = run("ls", "--verbose", base);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("--> USER " + SERVER.user()).contains("--> PASS").contains("<-- 230")
                .doesNotContain(SERVER.password());
    }

    @Test
    void aPasswordInTheUrlWorksButWarns() throws Exception {
        String url = "ftp://" + SERVER.user() + ":" + SERVER.password() + "@" + SERVER.host() + ":" + SERVER.port()
                + "/" + remoteDir.getFileName();
        Cli.Result result = Cli.run("ls", url);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err().lines()).singleElement().asString().contains("warning").contains("password")
                .doesNotContain(SERVER.password());

        for (int i = 0; i < 4; i++) {
            Files.write(remoteDir.resolve("f" + i), new byte[] {(byte) i});
        }
        Cli.Result mirror = Cli.run("mirror", "--parallel", "3", url, local.toString());
        assertThat(mirror.exitCode()).as(mirror.toString()).isZero();
        assertThat(mirror.err().lines()).as("one warning for all sessions").hasSize(1);
    }

    @Test
    void localFileErrorsExitWithOne() {
        Cli.Result result = run("put", local.resolve("absent.bin").toString(), base + "/");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.LOCAL_FAILURE);
        assertThat(result.err()).isEqualTo("ftpflux: no such local file: " + local.resolve("absent.bin")
                + System.lineSeparator());
        assertThat(run("put", local.toString(), base + "/").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void credentialsComeFromANetrcFile() throws Exception {
        Path netrc = Files.writeString(local.resolve("netrc"), "machine " + SERVER.host() + " login " + SERVER.user()
                + " password " + SERVER.password() + "\n", StandardCharsets.UTF_8);
        String url = "ftp://" + SERVER.host() + ":" + SERVER.port() + "/" + remoteDir.getFileName();
        assertThat(Cli.run(Map.of("NETRC", netrc.toString()), "ls", url).exitCode()).isZero();
        assertThat(Cli.run("ls", "--netrc", netrc.toString(), url).exitCode()).isZero();
    }

    @Test
    void mirrorDownloadsATreeAndReverseUploadsIt() throws Exception {
        byte[] one = random(70_000);
        Files.createDirectories(remoteDir.resolve("tree/deep/er"));
        Files.write(remoteDir.resolve("tree/one.bin"), one);
        Files.write(remoteDir.resolve("tree/deep/two.txt"), "two".getBytes(StandardCharsets.UTF_8));
        Files.write(remoteDir.resolve("tree/deep/er/three.txt"), "three".getBytes(StandardCharsets.UTF_8));

        Path copy = local.resolve("copy");
        Cli.Result down = run("mirror", "--parallel", "3", "--json", base + "/tree", copy.toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(Files.readAllBytes(copy.resolve("one.bin"))).isEqualTo(one);
        assertThat(copy.resolve("deep/er/three.txt")).hasContent("three");
        JsonNode summary = EntryFormat.JSON.readTree(down.out());
        assertThat(summary.get("files").asInt()).isEqualTo(3);
        assertThat(summary.get("failed").asInt()).isZero();

        Cli.Result up = run("mirror", "--reverse", copy.toString(), base + "/back");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(Files.readAllBytes(remoteDir.resolve("back/one.bin"))).isEqualTo(one);
        assertThat(remoteDir.resolve("back/deep/er/three.txt")).hasContent("three");
        assertThat(up.out()).contains("Uploaded 3 files");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(Cli.run("ls", "not-a-url").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("ls", "--bogus", base).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("mirror", "--parallel", "0", base, local.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("get", "-c", base + "/x", "-").exitCode()).isEqualTo(ExitCodes.USAGE);
        Cli.Result unsafe = run("get", base + "/a%0D%0ADELE%20b", "-");
        assertThat(unsafe.exitCode()).as(unsafe.toString()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("ls", "stat", "get", "put", "mirror", "doctor", "demo", "Exit codes:",
                "login refused", "data integrity");
        assertThat(Cli.run("get", "--help").out()).contains("Exit codes:");
    }

    @Test
    void doctorProbesTheServerAndPrintsAWorkingConfiguration() throws Exception {
        Files.write(remoteDir.resolve("f"), new byte[3]);
        Cli.Result result = run("doctor", base);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("SYST", "FEAT", "EPSV", "PASV", "MLSD/MLST",
                "Working configuration:", "ftpflux ls ftp://");
        assertThat(result.out()).containsPattern("\\[ ok \\] passive listing +listed")
                .containsPattern("\\[ ok \\] active listing +listed")
                .containsPattern("\\[ ok \\] greeting +220 ")
                .containsPattern("\\[ ok \\] SIZE/MDTM on file +.*f: SIZE 3 bytes, MDTM 20")
                .containsPattern("\\[ ok \\] listing format +MLSD ")
                .containsPattern("\\[ ok \\] clock skew +server clock (agrees with|is [0-9] s (ahead of|behind)) the "
                        + "local clock \\(MDTM of a file uploaded now\\)\\R");
        // The probe file is gone, and nothing else was touched.
        try (var left = Files.list(remoteDir)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("f");
        }
    }

    @Test
    void doctorSaysTheClockSkewIsUnknownWhenItCannotCreateAFile() throws Exception {
        try (EmbeddedFtpServer readOnly = EmbeddedFtpServer.builder().anonymousLogin(true).build()) {
            readOnly.start();
            Files.write(readOnly.root().resolve("existing.txt"), new byte[5]);
            Cli.Result result = Cli.run("doctor", "ftp://" + readOnly.host() + ":" + readOnly.port() + "/");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            // An existing file's MDTM is no clock measure, so none is taken from existing.txt.
            assertThat(result.out()).containsPattern("\\[FAIL\\] clock skew +unknown: could not create a file in \\. "
                    + "\\(.*550.*\\)\\R");
            try (var left = Files.list(readOnly.root())) {
                assertThat(left.map(path -> path.getFileName().toString())).containsExactly("existing.txt");
            }
        }
    }

    @Test
    void activeModeTransfers() throws Exception {
        byte[] content = random(100_000);
        Files.write(remoteDir.resolve("a.bin"), content);
        Cli.Result result = run("get", "--active", "--verbose", base + "/a.bin", "-");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.bytes()).isEqualTo(content);
        assertThat(result.err()).containsPattern("--> (EPRT|PORT) ");
    }
}
