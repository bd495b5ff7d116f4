package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ftpflux demo} runs its whole tour (upload, listing, download, mirror, file operations) and ends cleanly, with a
 * smaller file than the default 256 MiB.
 */
@Timeout(60)
class DemoCommandIT {

    @Test
    void theTourCompletes() {
        Cli.Result result = Cli.run("demo", "--size-mib", "8");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Uploaded 8.0 MiB", "Downloaded 8.0 MiB", "-> identical",
                "refused as expected (550)", "the session is still open: true", "NOOP -> 200",
                "Closed the session (QUIT) and stopped the server. Done.");
        assertThat(result.out()).containsPattern("Listing demo/ after the upload:\\R  -.* 8388608 .* data\\.bin\\R")
                .containsPattern("Mirrored demo/tree \\(3 directories, 5 files\\) into .*: 5 of 5 files identical -> "
                        + "mirror verified")
                .containsPattern("Uploaded 8\\.0 MiB .*throughput \\d+\\.\\d MB/s")
                .containsPattern("Downloaded 8\\.0 MiB .*throughput \\d+\\.\\d MB/s");
        // Not a terminal: no progress line.
        assertThat(result.err()).isEmpty();
    }
}
