package io.ftpflux.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
 * <p>It speaks USER, PASS, SYST, FEAT, TYPE, EPSV (RFC 2428 §3), PASV, RETR, STOR, LIST, MLSD (RFC 3659 §7) and
 * QUIT, and answers anything else with 502. Logins always succeed. RETR of the served file's name sends it with
 * {@link FileChannel#transferTo}, which is {@code sendfile(2)} on Linux: no copy through user space, no Java heap, so
 * the server side costs a fraction of a core. RETR of any name that starts with {@link #SMALL_FILE_PREFIX} sends a
 * small file from memory ({@link Content#smallFileSize()} bytes). STOR reads and discards what it receives, 64 KiB a
 * read. LIST and MLSD send a {@link SyntheticListings synthetic listing} of {@link Content#listingEntries()} lines,
 * generated once, from memory. FEAT announces MLST to the user {@link #MLSD_USER} and is refused (502) to others,
 * so that one server serves clients that list with MLSD and with LIST. Control connections have
 * {@code TCP_NODELAY}, so no reply waits for a delayed ACK.
 *
 * <p>A passive listener never takes a port that still has a connection in TIME_WAIT ({@code SO_REUSEADDR} off): the
 * server closes each download's data connection first and so keeps it in TIME_WAIT for a minute, and a new data
 * connection meeting those remains stalled for seconds now and then in runs of thousands of small transfers.
 * Benchmarks that make that many wait for the ports to drain between iterations ({@link TimeWait}).
 *
 * <p>{@link #rawPort()} serves the same file without FTP: each connection gets the whole file, then end of stream.
 * It is the baseline a client is measured against: the same sendfile on the same loopback, no protocol.
 * {@link #rawSinkPort()} is the upload baseline: it reads and discards each connection to its end, 64 KiB a read,
 * as STOR does, then answers with the count of bytes received (eight bytes, big-endian) and closes.
 *
 * <p>A thread per control connection and one for each raw port. Given a {@link CpuPlacement}, every one of them
 * runs on the server's CPU. {@link #close()} closes every socket and ends every thread.
 */
public final class LoopbackFtpResponder implements Closeable {

    /** How the names of the responder's threads begin, so that measurements can tell them from the client's. */
    public static final String THREAD_NAME_PREFIX = "loopback-ftp-";

    /** The beginning of the names that RETR serves as small files from memory. */
    public static final String SMALL_FILE_PREFIX = "small-";
    /** The user to whom FEAT announces MLST, so that ftpflux lists with MLSD; other users see no MLST. */
    public static final String MLSD_USER = "mlsd";

    private static final int DISCARD_BUFFER_SIZE = 64 * 1024;
    /** Room for a thousand clients connecting at once. */
    private static final int BACKLOG = 1024;

    private final Path file;
    private final String fileName;
    private final long fileSize;
    private final ServerSocketChannel control;
    private final ServerSocketChannel raw;
    private final ServerSocketChannel rawSink;
    private final Content content;
    private final byte[] unixListing;
    private final byte[] mlsdListing;
    private final ByteBuffer smallFile;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Optional<CpuPlacement> placement;
    private volatile boolean closed;

    private LoopbackFtpResponder(Path file, Content content, Optional<CpuPlacement> placement) throws IOException {
        this.file = file;
        this.content = content;
        this.placement = placement;
        this.fileName = Objects.requireNonNull(file.getFileName(), "file has no name").toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            this.fileSize = channel.size();
        }
        this.unixListing = content.listingEntries() > 0 ? SyntheticListings.unixList(content.listingEntries()) : new byte[0];
        this.mlsdListing = content.listingEntries() > 1 ? SyntheticListings.mlsd(content.listingEntries()) : new byte[0];
        ByteBuffer small = ByteBuffer.allocateDirect(content.smallFileSize());
        while (small.hasRemaining()) {
            small.put((byte) ('a' + small.position() % 26));
        }
        this.smallFile = small.flip().asReadOnlyBuffer();
        this.control = listen();
        this.raw = listenOrClose(control);
        this.rawSink = listenOrClose(control, raw);
        thread("control", this::acceptControlConnections);
        thread("raw", this::serveRaw);
        thread("raw-sink", this::serveRawSink);
    }

    /**
     * What the responder serves besides the file: a listing for LIST and MLSD, and small files for RETR.
     *
     * @param listingEntries the lines of the listings LIST and MLSD send; 0 for empty listings
     * @param smallFileSize the size of each small file RETR serves
     */
    public record Content(int listingEntries, int smallFileSize) {

        /** Empty listings and 1 KiB small files. */
        public static final Content FILE_ONLY = new Content(0, 1024);

        /**
         * Checks the sizes.
         *
         * @param listingEntries 0, or at least 2 (MLSD lists {@code .} and {@code ..} first)
         * @param smallFileSize not negative
         */
        public Content {
            if (listingEntries < 0 || listingEntries == 1 || smallFileSize < 0) {
                throw new IllegalArgumentException("listing entries must be 0 or at least 2, the small file size not "
                        + "negative: " + listingEntries + ", " + smallFileSize);
            }
        }
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
        return new LoopbackFtpResponder(file, Content.FILE_ONLY, placement);
    }

    /**
     * Starts serving a file, listings and small files on 127.0.0.1, on ports the kernel chooses.
     *
     * @param file the file RETR sends; clients ask for it by its file name
     * @param content the listings and small files
     * @param placement where the responder's threads run: on the placement's server CPU, or anywhere if empty
     * @return the running responder
     * @throws IOException if the file cannot be read or a port cannot be bound
     */
    public static LoopbackFtpResponder start(Path file, Content content, Optional<CpuPlacement> placement)
            throws IOException {
        return new LoopbackFtpResponder(file, content, placement);
    }

    /**
     * Returns the port that reads every connection to its end and discards what it reads, without FTP.
     *
     * @return the port on 127.0.0.1
     */
    public int rawSinkPort() {
        return ((InetSocketAddress) localAddress(rawSink)).getPort();
    }

    /**
     * Returns the LIST listing this responder sends.
     *
     * @return a copy of its bytes
     */
    public byte[] unixListing() {
        return unixListing.clone();
    }

    /**
     * Returns the MLSD listing this responder sends.
     *
     * @return a copy of its bytes
     */
    public byte[] mlsdListing() {
        return mlsdListing.clone();
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

    /**
     * Returns how many of the responder's threads are running: one per control connection, and three more.
     *
     * @return the count, which a measurement of the client's threads takes away from the JVM's
     */
    public int liveThreads() {
        // Alive as the JVM counts threads: from start() until it has terminated, even after its task returned.
        threads.removeIf(thread -> thread.getState() == Thread.State.TERMINATED);
        int live = 0;
        for (Thread thread : threads) {
            Thread.State state = thread.getState();
            if (state != Thread.State.NEW && state != Thread.State.TERMINATED) {
                live++;
            }
        }
        return live;
    }

    /** Stops accepting and closes every connection; threads end as their sockets close. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(control);
        closeQuietly(raw);
        closeQuietly(rawSink);
        open.forEach(LoopbackFtpResponder::closeQuietly);
    }

    private interface Task {
        void run() throws IOException;
    }

    private static ServerSocketChannel listenOrClose(Closeable... others) throws IOException {
        try {
            return listen();
        } catch (IOException e) {
            for (Closeable other : others) {
                closeQuietly(other);
            }
            throw e;
        }
    }

    private static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
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
        threads.add(thread);
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

    /** Reads each raw upload to its end, from one long-lived thread, as a control session's thread reads a STOR. */
    private void serveRawSink() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(DISCARD_BUFFER_SIZE);
        while (!closed) {
            SocketChannel connection = rawSink.accept();
            track(connection);
            try (connection) {
                long received = discardAll(connection, buffer);
                ByteBuffer count = ByteBuffer.allocate(Long.BYTES).putLong(received).flip();
                while (count.hasRemaining()) {
                    connection.write(count);
                }
            } catch (IOException clientWentAway) {
                // The next client is served all the same.
            } finally {
                open.remove(connection);
            }
        }
    }

    private static long discardAll(SocketChannel connection, ByteBuffer buffer) throws IOException {
        long received = 0;
        int read;
        while ((read = connection.read(buffer.clear())) >= 0) {
            received += read;
        }
        return received;
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
        /** Enough for any command a benchmark sends; small, as a thousand sessions may be open at once. */
        private static final int COMMAND_BUFFER_SIZE = 512;
        private final InputStream commands;
        private final OutputStream replies;
        private @Nullable ServerSocketChannel passive;
        private String user = "";
        private @Nullable ByteBuffer discard;

        Session(SocketChannel connection) throws IOException {
            this.commands = new BufferedInputStream(connection.socket().getInputStream(), COMMAND_BUFFER_SIZE);
            this.replies = connection.socket().getOutputStream();
        }

        void run() throws IOException {
            reply("220 ftpflux loopback responder ready.");
            String line;
            while ((line = readCommand()) != null) {
                int space = line.indexOf(' ');
                String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
                String argument = space < 0 ? "" : line.substring(space + 1);
                switch (verb) {
                    case "USER" -> {
                        user = argument;
                        reply("331 Any password will do.");
                    }
                    case "SYST" -> reply("215 UNIX Type: L8");
                    case "FEAT" -> reply(user.equals(MLSD_USER)
                            ? "211-Features:\r\n MLST type*;size*;modify*;perm*;\r\n211 End"
                            : "502 Command not implemented.");
                    case "LIST" -> sendFromMemory(ByteBuffer.wrap(unixListing), "LIST");
                    case "MLSD" -> sendFromMemory(ByteBuffer.wrap(mlsdListing), "MLSD");
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

        /** Reads a command line up to its LF, without the CR LF; {@code null} at the end of the stream. */
        private @Nullable String readCommand() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            int b;
            while ((b = commands.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        private int openPassive() throws IOException {
            closePassive();
            ServerSocketChannel listener = ServerSocketChannel.open();
            track(listener);
            // No port still in TIME_WAIT from an earlier transfer: a new connection from a client port of that old
            // one would meet the old connection's remains, and many small transfers make that likely.
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            passive = listener;
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        }

        private void retrieve(String name) throws IOException {
            if (name.startsWith(SMALL_FILE_PREFIX)) {
                sendFromMemory(smallFile.duplicate(), name);
                return;
            }
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

        /** Sends bytes from memory over the data connection: a listing or a small file. */
        private void sendFromMemory(ByteBuffer bytes, String what) throws IOException {
            SocketChannel data = acceptData();
            if (data == null) {
                return;
            }
            reply("150 Opening BINARY mode data connection for " + what + ".");
            try (data) {
                while (bytes.hasRemaining()) {
                    data.write(bytes);
                }
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
            long received;
            try (data) {
                received = discardAll(data, discardBuffer());
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

        /** One discard buffer per session, made by its first STOR. */
        private ByteBuffer discardBuffer() {
            if (discard == null) {
                discard = ByteBuffer.allocateDirect(DISCARD_BUFFER_SIZE);
            }
            return discard;
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
