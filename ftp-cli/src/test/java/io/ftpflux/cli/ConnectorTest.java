package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.reactive.DataConnectionMode;
import io.ftpflux.reactive.FtpCredentials;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ConnectorTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private Connector connector(ConnectionOptions options, Map<String, String> environment) {
        CommandLine ls = FtpfluxCli.newCommandLine(environment).getSubcommands().get("ls");
        ls.setErr(new PrintWriter(err, true));
        return new Connector(options, environment, ls.getCommandSpec());
    }

    private ConnectionOptions options(String netrcText) throws Exception {
        ConnectionOptions options = new ConnectionOptions();
        options.timeoutSeconds = 30;
        options.netrc = Files.writeString(dir.resolve("netrc"), netrcText, StandardCharsets.UTF_8);
        return options;
    }

    @Test
    void theUrlsPasswordWinsAndWarns() throws Exception {
        FtpCredentials credentials = connector(options("machine h login bob password netrc"),
                Map.of(Connector.PASSWORD_VARIABLE, "env")).credentials(FtpUrl.parse("ftp://alice:url@h/"));
        assertThat(credentials).isEqualTo(FtpCredentials.of("alice", "url"));
        assertThat(err.toString()).contains("warning").doesNotContain("url@");
    }

    @Test
    void theEnvironmentGivesTheUrlsUserAPassword() throws Exception {
        FtpCredentials credentials = connector(options("machine h login alice password netrc"),
                Map.of(Connector.PASSWORD_VARIABLE, "env")).credentials(FtpUrl.parse("ftp://alice@h/"));
        assertThat(credentials).isEqualTo(FtpCredentials.of("alice", "env"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void netrcSuppliesThePasswordOnlyForItsOwnLogin() throws Exception {
        ConnectionOptions options = options("machine h login alice password netrc");
        assertThat(connector(options, Map.of()).credentials(FtpUrl.parse("ftp://alice@h/")))
                .isEqualTo(FtpCredentials.of("alice", "netrc"));
        assertThat(connector(options, Map.of()).credentials(FtpUrl.parse("ftp://bob@h/")).password()).isNull();
    }

    @Test
    void withoutAUserNetrcNamesOneElseTheLoginIsAnonymous() throws Exception {
        ConnectionOptions options = options("machine h login alice password netrc\n");
        assertThat(connector(options, Map.of()).credentials(FtpUrl.parse("ftp://h/")))
                .isEqualTo(FtpCredentials.of("alice", "netrc"));
        assertThat(connector(options, Map.of()).credentials(FtpUrl.parse("ftp://other/")))
                .isEqualTo(FtpCredentials.anonymous());
    }

    @Test
    void theNetrcFileComesFromTheEnvironmentWithoutTheOption() throws Exception {
        Path file = Files.writeString(dir.resolve("env-netrc"), "default login carol password c", StandardCharsets.UTF_8);
        ConnectionOptions options = new ConnectionOptions();
        options.timeoutSeconds = 30;
        assertThat(connector(options, Map.of("NETRC", file.toString())).credentials(FtpUrl.parse("ftp://any/")))
                .isEqualTo(FtpCredentials.of("carol", "c"));
    }

    @Test
    void aMalformedNetrcIsIgnoredWithAWarning() throws Exception {
        assertThat(connector(options("machine h password"), Map.of()).credentials(FtpUrl.parse("ftp://h/")))
                .isEqualTo(FtpCredentials.anonymous());
        assertThat(err.toString()).contains("ignoring the netrc file");
    }

    @Test
    void theClientCarriesTheUrlTimeoutAndMode() throws Exception {
        ConnectionOptions options = options("");
        options.timeoutSeconds = 7;
        options.active = true;
        var client = connector(options, Map.of()).client(FtpUrl.parse("ftp://[::1]:2121/x"));
        assertThat(client.host()).isEqualTo("::1");
        assertThat(client.port()).isEqualTo(2121);
        assertThat(client.timeouts().reply()).isEqualTo(Duration.ofSeconds(7));
        assertThat(client.dataConnectionMode()).isEqualTo(DataConnectionMode.ACTIVE);

        // Phases are bounded by --timeout; a long transfer that keeps moving is not cut at the facade's one hour.
        assertThat(Connector.blocking(client).defaultTimeout()).isEqualTo(Duration.ofDays(7));

        options.timeoutSeconds = 0;
        assertThatThrownBy(() -> connector(options, Map.of()).client(FtpUrl.parse("ftp://h/")))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--timeout");
    }
}
