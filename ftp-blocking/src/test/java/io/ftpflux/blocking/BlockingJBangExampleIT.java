package io.ftpflux.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the JBang example {@code examples/jbang/FtpList.java} against this module, as JBang would with its
 * {@code //DEPS}, and runs its listing against the embedded Apache MINA FtpServer.
 */
@Timeout(60)
class BlockingJBangExampleIT {

    private static final Path SCRIPT = Path.of("..", "examples", "jbang", "FtpList.java");

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    @TempDir
    Path classes;

    @Test
    void theScriptCompilesAndListsADirectory() throws Exception {
        Files.createDirectories(server.root().resolve("pub"));
        Files.writeString(server.root().resolve("pub/readme.txt"), "hello", StandardCharsets.UTF_8);
        assertThat(Files.readAllLines(SCRIPT, StandardCharsets.UTF_8))
                .contains("//DEPS io.ftpflux:ftp-blocking:0.1.0-SNAPSHOT");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("--release", "17", "-Xlint:all", "-Werror", "-classpath", System.getProperty("java.class.path"),
                        "-d", classes.toString()),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjects(SCRIPT.toFile())).call();
        assertThat(compiled).as("javac: %s", diagnostics).isTrue();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader());
                PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            Method list = loader.loadClass("FtpList").getMethod("list", String.class, int.class, FtpCredentials.class,
                    String.class, PrintStream.class);
            list.invoke(null, server.host(), server.port(), FtpCredentials.of(server.user(), server.password()),
                    "/pub", out);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8).strip()).matches("FILE +5 +\\S+ +readme\\.txt");
    }
}
