package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void aLineShowsBytesPercentRateAndTimeLeft() {
        String line = Progress.render("big.iso", 50L << 20, 100L << 20, 2_000_000_000L);
        assertThat(line).isEqualTo("big.iso  50.0 MiB / 100.0 MiB  50%  25.0 MiB/s  ETA 0:02");
    }

    @Test
    void anUnknownTotalShowsBytesAndRateOnly() {
        assertThat(Progress.render("x", 512, -1, 1_000_000_000L)).isEqualTo("x  512 B  512 B/s");
    }

    @Test
    void aFinishedOrEmptyTransferHasNoEta() {
        assertThat(Progress.render("x", 10, 10, 1_000_000_000L)).isEqualTo("x  10 B / 10 B 100%  10 B/s");
        assertThat(Progress.render("x", 0, 0, 1)).contains("100%").doesNotContain("ETA");
    }

    @Test
    void byteCountsUseBinaryUnits() {
        assertThat(Progress.bytes(1023)).isEqualTo("1023 B");
        assertThat(Progress.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Progress.bytes(3L << 30)).isEqualTo("3.0 GiB");
    }

    @Test
    void aHiddenDisplayWritesNothingAndAShownOneEndsItsLine() {
        StringWriter hidden = new StringWriter();
        Progress.start(false, new PrintWriter(hidden), "x", 10, () -> 5).close();
        assertThat(hidden.toString()).isEmpty();

        StringWriter shown = new StringWriter();
        AtomicLong done = new AtomicLong(10);
        Progress.start(true, new PrintWriter(shown), "x", 10, done::get).close();
        assertThat(shown.toString()).startsWith("\rx  10 B / 10 B 100%").endsWith(System.lineSeparator());
    }

    @Test
    void theCountNeverGoesBackwards() throws Exception {
        StringWriter shown = new StringWriter();
        AtomicLong done = new AtomicLong(8);
        Progress progress = Progress.start(true, new PrintWriter(shown), "x", 10, done::get);
        Thread.sleep(450);
        done.set(0); // the part file was renamed to the target before the last sample
        progress.close();
        String[] lines = shown.toString().strip().split("\r");
        assertThat(lines[lines.length - 1]).startsWith("x  8 B / 10 B  80%");
    }
}
