package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.ftpflux.testkit.tls.LocalhostCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** ftpes:// and ftps:// against MINA with the testkit's localhost certificate. */
@Timeout(60)
class CliTlsIT {

    @TempDir
    static Path local;

    private static Path pem;

    @BeforeEach
    void writePem() throws Exception {
        pem = Files.writeString(local.resolve("localhost.pem"), LocalhostCertificate.certificatePem(),
                StandardCharsets.US_ASCII);
    }

    private static Cli.Result run(EmbeddedFtpServer server, String... args) {
        return Cli.run(Map.of(Connector.PASSWORD_VARIABLE, server.password()), args);
    }

    private static String url(EmbeddedFtpServer server, String scheme) {
        return scheme + "://" + server.user() + "@" + server.host() + ":" + server.port() + "/";
    }

    @Nested
    class Explicit {

        @RegisterExtension
        final EmbeddedFtpServer server = EmbeddedFtpServer.explicitTls();

        @Test
        void ftpesWithTheServersCertificateListsAndDownloadsOverProtectedData() throws Exception {
            Files.write(server.root().resolve("secret.txt"), "private".getBytes(StandardCharsets.UTF_8));
            Cli.Result ls = run(server, "ls", "--verbose", "--ca-file", pem.toString(), url(server, "ftpes"));
            assertThat(ls.exitCode()).as(ls.toString()).isZero();
            assertThat(ls.out()).contains("secret.txt");
            assertThat(ls.err()).contains("--> AUTH TLS", "--> PROT P", "* TLS on control", "* TLS on data");

            Cli.Result get = run(server, "get", "--ca-file", pem.toString(), url(server, "ftpes") + "secret.txt", "-");
            assertThat(get.exitCode()).as(get.toString()).isZero();
            assertThat(Cli.text(get.bytes())).isEqualTo("private");
        }

        @Test
        void anUntrustedCertificateIsASecurityFailure() {
            Cli.Result result = run(server, "ls", url(server, "ftpes"));
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SECURITY);
            assertThat(result.err().lines()).hasSize(1);
        }

        @Test
        void insecureTrustsAnyCertificateAndSaysSo() {
            Cli.Result result = run(server, "ls", "--insecure", url(server, "ftpes"));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.err()).contains("warning: --insecure");
            assertThat(run(server, "ls", "--insecure", "--quiet", url(server, "ftpes")).err()).isEmpty();
            Cli.Result doctor = run(server, "doctor", "--insecure", "--quiet", url(server, "ftpes"));
            assertThat(doctor.out()).containsPattern("\\[ ok \\] TLS +.*; certificate CN=localhost, .*, NOT verified "
                    + "\\(--insecure trusts any certificate\\)\\R");
        }

        @Test
        void tlsOptionsNeedATlsUrlAndAReadablePem() {
            assertThat(run(server, "ls", "--ca-file", pem.toString(), url(server, "ftp")).exitCode())
                    .isEqualTo(ExitCodes.USAGE);
            Cli.Result missing = run(server, "ls", "--ca-file", local.resolve("absent.pem").toString(),
                    url(server, "ftpes"));
            assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(missing.err()).contains("--ca-file");
            assertThat(run(server, "ls", "--insecure", "--ca-file", pem.toString(), url(server, "ftpes")).exitCode())
                    .isEqualTo(ExitCodes.USAGE);
        }

        @Test
        void doctorFindsExplicitTlsOnAPlainUrlAndRecommendsFtpes() {
            Cli.Result result = run(server, "doctor", url(server, "ftp"));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            // The JDK does not trust the test certificate, so the probe of a plain URL fails, and says why.
            assertThat(result.out()).containsPattern("\\[FAIL\\] TLS +.*");

            Cli.Result secured = run(server, "doctor", "--ca-file", pem.toString(), url(server, "ftpes"));
            assertThat(secured.exitCode()).as(secured.toString()).isZero();
            assertThat(secured.out()).containsPattern("\\[ ok \\] TLS +TLSv1\\.[23], .*; PROT P data connection, TLS "
                    + "session resumed; certificate CN=localhost, issued by CN=localhost, valid until \\d{4}-\\d\\d-\\d\\d, "
                    + "verified against --ca-file " + java.util.regex.Pattern.quote(pem.toString()) + "\\R")
                    .contains("ftpflux ls --ca-file " + pem + " ftpes://");
        }
    }

    @Nested
    class Implicit {

        @RegisterExtension
        final EmbeddedFtpServer server = EmbeddedFtpServer.implicitTls();

        @Test
        void ftpsWorksFromTheFirstByte() throws Exception {
            Files.write(server.root().resolve("a.txt"), "implicit".getBytes(StandardCharsets.UTF_8));
            Cli.Result result = run(server, "get", "--verbose", "--ca-file", pem.toString(), url(server, "ftps") + "a.txt",
                    "-");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(Cli.text(result.bytes())).isEqualTo("implicit");
            assertThat(result.err()).doesNotContain("AUTH TLS").contains("* TLS on control");
        }
    }
}
