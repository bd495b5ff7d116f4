package io.ftpflux.testkit.sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sockets this process had open at one moment, read from Linux's {@code /proc/self/fd}, and the comparison of a
 * later moment against it.
 *
 * <p>Each socket is identified by its inode ({@code socket:[inode]} links), so a socket closed and another opened
 * during a test still counts as one new socket. Descriptions of new sockets come from {@code /proc/self/net}
 * (protocol, addresses, TCP state).
 */
public final class OpenSockets {

    private static final Path FD_DIRECTORY = Path.of("/proc/self/fd");
    private static final String SOCKET_LINK_PREFIX = "socket:[";
    private static final long POLL_INTERVAL_MILLIS = 20;

    private final Set<String> inodes;

    private OpenSockets(Set<String> inodes) {
        this.inodes = Set.copyOf(inodes);
    }

    /**
     * Tells whether this platform exposes open file descriptors as {@code /proc/self/fd} (Linux does).
     *
     * @return {@code true} if {@link #snapshot()} works here
     */
    public static boolean supported() {
        return Files.isDirectory(FD_DIRECTORY);
    }

    /**
     * Records the sockets this process has open now.
     *
     * @return the snapshot
     * @throws UnsupportedOperationException if {@code /proc/self/fd} does not exist (see {@link #supported()})
     * @throws UncheckedIOException if {@code /proc/self/fd} cannot be read
     */
    public static OpenSockets snapshot() {
        if (!supported()) {
            throw new UnsupportedOperationException(FD_DIRECTORY + " does not exist: open sockets cannot be listed");
        }
        JdkSocketPair.open();
        return new OpenSockets(currentInodes());
    }

    /**
     * Returns the inodes of the sockets open when this snapshot was taken.
     *
     * @return an unmodifiable set of inode numbers, as decimal strings
     */
    public Set<String> inodes() {
        return inodes;
    }

    /**
     * Describes the sockets open now that were not open when this snapshot was taken.
     *
     * @return one line per new socket (protocol, addresses and state where {@code /proc/self/net} lists it), in no
     *     particular order; empty if there are none
     */
    public List<String> newSockets() {
        Set<String> added = new HashSet<>(currentInodes());
        added.removeAll(inodes);
        if (added.isEmpty()) {
            return List.of();
        }
        Map<String, String> known = SocketTable.describeAll();
        return added.stream()
                .map(inode -> known.getOrDefault(inode,
                        "socket inode " + inode + " (unbound, or neither TCP, UDP nor Unix)"))
                .sorted()
                .toList();
    }

    /**
     * Fails if sockets opened since this snapshot are still open once the grace period is over.
     *
     * <p>Closes are often asynchronous (an event loop, a server's session thread), so this polls until no new socket
     * remains or the grace period ends; it returns at once when nothing is left open.
     *
     * @param gracePeriod how long to wait for new sockets to close
     * @throws AssertionError describing every socket still open
     */
    public void assertNoNewSockets(Duration gracePeriod) {
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        List<String> remaining = newSockets();
        while (!remaining.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(POLL_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            remaining = newSockets();
        }
        if (!remaining.isEmpty()) {
            throw new AssertionError(remaining.size() + (remaining.size() == 1 ? " socket" : " sockets")
                    + " opened during the test still open " + gracePeriod.toMillis() + " ms after it ended:"
                    + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", remaining)
                    + System.lineSeparator() + "Close every client, connection and server the test opens; start"
                    + " servers shared by a class in @BeforeAll or a static extension field.");
        }
    }

    /**
     * The JDK opens a Unix socket pair the first time the process uses socket channels (on JDK 17 any NIO channel),
     * to close descriptors safely, and keeps it for the life of the process. Opening a channel before the first
     * snapshot keeps that pair out of every comparison.
     */
    private static final class JdkSocketPair {
        static {
            try {
                SocketChannel.open().close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a socket channel", e);
            }
        }

        /** Initialises this class, and with it the JDK's socket pair, once. */
        static void open() {
        }
    }

    private static Set<String> currentInodes() {
        Set<String> found = new HashSet<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(FD_DIRECTORY)) {
            for (Path descriptor : descriptors) {
                String target;
                try {
                    target = Files.readSymbolicLink(descriptor).toString();
                } catch (NoSuchFileException closedMeanwhile) {
                    continue;
                }
                if (target.startsWith(SOCKET_LINK_PREFIX) && target.endsWith("]")) {
                    found.add(target.substring(SOCKET_LINK_PREFIX.length(), target.length() - 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + FD_DIRECTORY, e);
        }
        return found;
    }
}
