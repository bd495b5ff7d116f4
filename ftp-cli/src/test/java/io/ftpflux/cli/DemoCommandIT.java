package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ftpflux demo} runs its whole tour and ends cleanly (with a smaller file than the default 256 MiB). */
@Timeout(60)
class DemoCommandIT {

    @Test
    void theTourCompletes() {
        Cli.Result result = Cli.run("demo", "--size-mib", "8");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Uploaded 8.0 MiB", "Downloaded 8.0 MiB", "-> identical",
                "refused as expected (550)", "the session is still open: true", "NOOP -> 200",
                "Closed the session (QUIT) and stopped the server. Done.");
        assertThat(result.err()).isEmpty();
    }
}
