package io.ftpflux.benchmarks;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A minimal FTP server on loopback that serves one file as fast as the kernel can send it, to benchmark clients
 * rather than a server (RFC 959).
 *
 * <p>It speaks USER, PASS, TYPE, EPSV (RFC 2428 §3), PASV, RETR, STOR and QUIT, and answers anything else with
 * 502. Logins always succeed. RETR of the served file's name sends it with {@link FileChannel#transferTo}, which is
 * {@code sendfile(2)} on Linux: no copy through user space, no Java heap, so the server side costs a fraction of a
 * core. STOR reads and discards what it receives. Control connections have {@code TCP_NODELAY}, so no reply waits
 * for a delayed ACK.
 *
 * <p>{@link #rawPort()} serves the same file without FTP: each connection gets the whole file, then end of stream.
 * It is the baseline a client is measured against: the same sendfile on the same loopback, no protocol.
 *
 * <p>A thread per control connection (benchmarks open a few) and one for the raw port. Given a
 * {@link CpuPlacement}, every one of them runs on the server's CPU. {@link #close()} closes every socket and ends
 * every thread.
 */
public final class LoopbackFtpResponder implements Closeable {

    /** How the names of the responder's threads begin, so that measurements can tell them from the client's. */
    public static final String THREAD_NAME_PREFIX = "loopback-ftp-";

    private static final int DISCARD_BUFFER_SIZE = 64 * 1024;

    private final Path file;
    private final String fileName;
    private final long fileSize;
    private final ServerSocketChannel control;
    private final ServerSocketChannel raw;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final Optional<CpuPlacement> placement;
    private volatile boolean closed;

    private LoopbackFtpResponder(Path file, Optional<CpuPlacement> placement) throws IOException {
        this.file = file;
        this.placement = placement;
        this.fileName = Objects.requireNonNull(file.getFileName(), "file has no name").toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            this.fileSize = channel.size();
        }
        this.control = listen();
        try {
            this.raw = listen();
        } catch (IOException e) {
            closeQuietly(control);
            throw e;
        }
        thread("control", this::acceptControlConnections);
        thread("raw", this::serveRaw);
    }

    /**
     * Starts serving a file on 127.0.0.1, on ports the kernel chooses.
     *
     * @param file the file RETR sends; clients ask for it by its file name
     * @param placement where the responder's threads run: on the placement's server CPU, or anywhere if empty
     * @return the running responder
     * @throws IOException if the file cannot be read or a port cannot be bound
     */
    public static LoopbackFtpResponder start(Path file, Optional<CpuPlacement> placement) throws IOException {
        return new LoopbackFtpResponder(file, placement);
    }

    /**
     * Returns the FTP control port.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return ((InetSocketAddress) localAddress(control)).getPort();
    }

    /**
     * Returns the port that sends the file to every connection, without FTP.
     *
     * @return the port on 127.0.0.1
     */
    public int rawPort() {
        return ((InetSocketAddress) localAddress(raw)).getPort();
    }

    /**
     * Returns the name under which RETR serves the file.
     *
     * @return the file's name, without directories
     */
    public String fileName() {
        return fileName;
    }

    /**
     * Returns the size of the served file.
     *
     * @return its size in bytes
     */
    public long fileSize() {
        return fileSize;
    }

    /** Stops accepting and closes every connection; threads end as their sockets close. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(control);
        closeQuietly(raw);
        open.forEach(LoopbackFtpResponder::closeQuietly);
    }

    private interface Task {
        void run() throws IOException;
    }

    private static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            return listener;
        } catch (IOException e) {
            listener.close();
            throw e;
        }
    }

    private void acceptControlConnections() throws IOException {
        while (!closed) {
            SocketChannel connection = control.accept();
            track(connection);
            thread("session", () -> {
                try (connection) {
                    converse(connection);
                } catch (IOException clientWentAway) {
                    // The client closed or reset its control connection: the session is over.
                } finally {
                    open.remove(connection);
                }
            });
        }
    }

    private void thread(String role, Task task) {
        Thread thread = new Thread(() -> {
            try {
                if (placement.isPresent()) {
                    placement.get().pinServerThread();
                }
                task.run();
            } catch (IOException e) {
                if (!closed) {
                    // Listeners and pinning fail only when something is wrong: say so, since the server stops.
                    System.err.println("loopback responder: " + Thread.currentThread().getName() + " ended: " + e);
                }
            }
        }, THREAD_NAME_PREFIX + role + "-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    private void track(Closeable resource) throws IOException {
        open.add(resource);
        if (closed) {
            resource.close();
        }
    }

    /**
     * Sends the file to each raw connection in turn, from one long-lived thread, as a control session's thread
     * sends each RETR: the baseline differs from FTP in the protocol only, not in how the server side is scheduled.
     */
    private void serveRaw() throws IOException {
        while (!closed) {
            SocketChannel connection = raw.accept();
            track(connection);
            try (connection; FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                transferAll(channel, connection);
            } catch (IOException clientWentAway) {
                // The next client is served all the same.
            } finally {
                open.remove(connection);
            }
        }
    }

    private void converse(SocketChannel connection) throws IOException {
        connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Session session = new Session(connection);
        try {
            session.run();
        } finally {
            session.closePassive();
        }
    }

    /** One control connection: a command at a time, a reply for each. */
    private final class Session {
        private final BufferedReader commands;
        private final OutputStream replies;
        private @Nullable ServerSocketChannel passive;

        Session(SocketChannel connection) throws IOException {
            this.commands = new BufferedReader(new InputStreamReader(connection.socket().getInputStream(),
                    StandardCharsets.UTF_8));
            this.replies = connection.socket().getOutputStream();
        }

        void run() throws IOException {
            reply("220 ftpflux loopback responder ready.");
            String line;
            while ((line = commands.readLine()) != null) {
                int space = line.indexOf(' ');
                String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
                String argument = space < 0 ? "" : line.substring(space + 1);
                switch (verb) {
                    case "USER" -> reply("331 Any password will do.");
                    case "PASS" -> reply("230 Logged in.");
                    case "TYPE" -> reply(argument.equalsIgnoreCase("I") || argument.equalsIgnoreCase("A")
                            ? "200 Type set to " + argument.toUpperCase(Locale.ROOT) + "."
                            : "504 Only types A and I.");
                    case "EPSV" -> reply("229 Entering Extended Passive Mode (|||" + openPassive() + "|)");
                    case "PASV" -> {
                        int port = openPassive();
                        reply("227 Entering Passive Mode (127,0,0,1," + (port >> 8) + "," + (port & 0xff) + ").");
                    }
                    case "RETR" -> retrieve(argument);
                    case "STOR" -> store();
                    case "QUIT" -> {
                        reply("221 Goodbye.");
                        return;
                    }
                    default -> reply("502 Command not implemented.");
                }
            }
        }

        private int openPassive() throws IOException {
            closePassive();
            ServerSocketChannel listener = listen();
            track(listener);
            passive = listener;
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        }

        private void retrieve(String name) throws IOException {
            if (!name.equals(fileName) && !name.equals("/" + fileName)) {
                reply("550 No such file: " + name.replaceAll("[\r\n]", " "));
                return;
            }
            SocketChannel data = acceptData();
            if (data == null) {
                return;
            }
            reply("150 Opening BINARY mode data connection for " + fileName + " (" + fileSize + " bytes).");
            try (data; FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                transferAll(channel, data);
            } catch (IOException broken) {
                reply("426 Connection closed; transfer aborted.");
                return;
            } finally {
                open.remove(data);
            }
            reply("226 Transfer complete.");
        }

        private void store() throws IOException {
            SocketChannel data = acceptData();
            if (data == null) {
                return;
            }
            reply("150 Ok to send data.");
            long received = 0;
            try (data) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(DISCARD_BUFFER_SIZE);
                int read;
                while ((read = data.read(buffer)) >= 0) {
                    received += read;
                    buffer.clear();
                }
            } catch (IOException broken) {
                reply("426 Connection closed; transfer aborted.");
                return;
            } finally {
                open.remove(data);
            }
            reply("226 Transfer complete, " + received + " bytes received and discarded.");
        }

        /** Accepts the data connection on the passive listener, which serves one transfer. */
        private @Nullable SocketChannel acceptData() throws IOException {
            ServerSocketChannel listener = passive;
            if (listener == null) {
                reply("425 Use EPSV or PASV first.");
                return null;
            }
            try {
                SocketChannel data = listener.accept();
                track(data);
                return data;
            } finally {
                closePassive();
            }
        }

        void closePassive() {
            ServerSocketChannel listener = passive;
            passive = null;
            if (listener != null) {
                closeQuietly(listener);
                open.remove(listener);
            }
        }

        private void reply(String line) throws IOException {
            replies.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            replies.flush();
        }
    }

    /** Sends the whole file; {@code transferTo} may send less than asked, so it loops. */
    private static void transferAll(FileChannel source, SocketChannel target) throws IOException {
        long size = source.size();
        long position = 0;
        while (position < size) {
            position += source.transferTo(position, size - position, target);
        }
    }

    private static SocketAddress localAddress(ServerSocketChannel listener) {
        try {
            return listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the responder is closed", e);
        }
    }

    private static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException e) {
            // Closing on shutdown: nothing left to do with the resource.
        }
    }
}
