package io.ftpflux.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Waits for the TCP connections in TIME_WAIT to drain before benchmarks that open many data connections.
 *
 * <p>The server side closes each download's data connection first, so it keeps the connection in TIME_WAIT for a
 * minute, and the responder does not let a new passive listener take a port that is still in TIME_WAIT (see
 * {@link LoopbackFtpResponder}). The budget is half the ephemeral range, not all of it: Linux gives {@code bind} to
 * port 0 the odd ports of the range and keeps the even ones for {@code connect}, and once the odd ports are all in
 * TIME_WAIT each bind searches the whole half before falling back to the other. Measured here, with Commons Net
 * downloading 6,000 small files an iteration: 1.2 and 0.8 s for the first two, 17 s for the third, which passed
 * 14,116 connections in TIME_WAIT (every odd port of 32768-60999). Linux only: elsewhere, or without
 * {@code /proc/net/tcp}, it does not wait.
 */
final class TimeWait {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** The state column's value for TIME_WAIT in {@code /proc/net/tcp}. */
    private static final String TIME_WAIT = "06";
    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default ephemeral range, 32768-60999, when the kernel does not say. */
    private static final int DEFAULT_RANGE_SIZE = 28_232;
    /** What the budget leaves of the half range, for connections the count does not foresee. */
    private static final int SPARE_PORTS = 1_000;
    /** How many ports the transfers of one operation may need on top of those in TIME_WAIT: half the range. */
    private static final int PORT_BUDGET = rangeSize() / 2 - SPARE_PORTS;
    /** TIME_WAIT lasts a minute on Linux; a little more, then go ahead anyway. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(75);

    private TimeWait() {
    }

    /**
     * Waits until the connections in TIME_WAIT leave room for {@code ports} more, or 75 seconds passed. Every
     * operation waits, however few ports it needs: back-to-back operations of a thousand each once filled the range
     * when those were let through without a look, and the responder failed to bind.
     *
     * @param ports how many data connections the next operation opens
     * @throws InterruptedException if interrupted while waiting
     */
    static void awaitRoomFor(int ports) throws InterruptedException {
        long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
        while (count() + ports > PORT_BUDGET && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
    }

    /**
     * Returns the number of TCP connections in TIME_WAIT, IPv4 and IPv6.
     *
     * @return the count, or 0 if the kernel does not say
     */
    static int count() {
        int count = 0;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(table, StandardCharsets.US_ASCII)) {
                count += (int) lines.skip(1).filter(TimeWait::isTimeWait).count();
            } catch (IOException | UncheckedIOException unreadable) {
                return 0;
            }
        }
        return count;
    }

    /** The size of the ephemeral port range, from {@code ip_local_port_range} ("low high"). */
    private static int rangeSize() {
        try {
            // Not Files.readString: on JDK 17 it returned "3" for this procfs file, which reports a size of 0.
            String[] bounds = Files.readAllLines(PORT_RANGE, StandardCharsets.US_ASCII).get(0).trim().split("\\s+");
            return Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1;
        } catch (IOException | RuntimeException unreadable) {
            return DEFAULT_RANGE_SIZE;
        }
    }

    /** The fourth column of a row of {@code /proc/net/tcp} is the state. */
    private static boolean isTimeWait(String row) {
        String[] columns = row.trim().split("\\s+", 5);
        return columns.length > 3 && columns[3].equals(TIME_WAIT);
    }
}
