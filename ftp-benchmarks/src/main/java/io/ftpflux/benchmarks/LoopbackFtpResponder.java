package io.ftpflux.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
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
 * <p>Started {@link #startWithTls with a TLS context}, it also speaks explicit FTPS (RFC 4217): {@code AUTH TLS}
 * (§4) turns the control connection into TLS, {@code PBSZ 0} and {@code PROT P} or {@code PROT C} (§8-9) choose
 * whether data connections are TLS too. A TLS data connection cannot use {@code sendfile}: the file is read into a
 * 64 KiB buffer on the heap and written through the JDK's {@link SSLSocket}, which encrypts it in user space, so the
 * server side costs far more CPU than in the clear. It does not require data connections to resume the control
 * connection's TLS session (Commons Net's {@code FTPSClient} does not), but counts the ones that did
 * ({@link #tlsDataConnections()}). {@link #rawTlsPort()} and {@link #rawTlsSinkPort()} are the TLS baselines: the
 * raw ports' service over TLS, through the same server code as a data connection.
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
    /** What a TLS data connection reads from the file and writes at a time, and reads at a time. */
    private static final int TLS_BUFFER_SIZE = 64 * 1024;
    /** Room for a thousand clients connecting at once. */
    private static final int BACKLOG = 1024;

    private final Path file;
    private final String fileName;
    private final long fileSize;
    private final ServerSocketChannel control;
    private final ServerSocketChannel raw;
    private final ServerSocketChannel rawSink;
    private final @Nullable SSLContext tls;
    private final @Nullable ServerSocketChannel rawTls;
    private final @Nullable ServerSocketChannel rawTlsSink;
    private final AtomicLong tlsDataConnections = new AtomicLong();
    private final AtomicLong resumedTlsDataConnections = new AtomicLong();
    private volatile long lastStoredBytes = -1;
    private final Content content;
    private final byte[] unixListing;
    private final byte[] mlsdListing;
    private final ByteBuffer smallFile;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Optional<CpuPlacement> placement;
    private volatile boolean closed;

    private LoopbackFtpResponder(Path file, Content content, Optional<CpuPlacement> placement,
            @Nullable SSLContext tls) throws IOException {
        this.file = file;
        this.tls = tls;
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
        this.rawTls = tls == null ? null : listenOrClose(control, raw, rawSink);
        this.rawTlsSink = rawTls == null ? null : listenOrClose(control, raw, rawSink, rawTls);
        thread("control", this::acceptControlConnections);
        thread("raw", this::serveRaw);
        thread("raw-sink", this::serveRawSink);
        if (rawTls != null && rawTlsSink != null) {
            thread("raw-tls", () -> serveRawTls(rawTls));
            thread("raw-tls-sink", () -> serveRawTlsSink(rawTlsSink));
        }
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
        return new LoopbackFtpResponder(file, Content.FILE_ONLY, placement, null);
    }

    /**
     * Starts serving a file on 127.0.0.1, on ports the kernel chooses, in the clear and over explicit FTPS (RFC 4217).
     *
     * @param file the file RETR sends; clients ask for it by its file name
     * @param placement where the responder's threads run: on the placement's server CPU, or anywhere if empty
     * @param tls the server's TLS context, holding the certificate it presents
     * @return the running responder, with {@link #rawTlsPort()} and {@link #rawTlsSinkPort()}
     * @throws IOException if the file cannot be read or a port cannot be bound
     */
    public static LoopbackFtpResponder startWithTls(Path file, Optional<CpuPlacement> placement, SSLContext tls)
            throws IOException {
        return new LoopbackFtpResponder(file, Content.FILE_ONLY, placement, Objects.requireNonNull(tls, "tls"));
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
        return new LoopbackFtpResponder(file, content, placement, null);
    }

    /**
     * Returns the port that sends the file over TLS to every connection, without FTP: the TLS download baseline.
     *
     * @return the port on 127.0.0.1
     * @throws IllegalStateException unless the responder was started {@link #startWithTls with TLS}
     */
    public int rawTlsPort() {
        return ((InetSocketAddress) localAddress(requireTls(rawTls))).getPort();
    }

    /**
     * Returns the port that reads every TLS connection to its end, then answers with the count of bytes received
     * (eight bytes, big-endian) and closes: the TLS upload baseline.
     *
     * @return the port on 127.0.0.1
     * @throws IllegalStateException unless the responder was started {@link #startWithTls with TLS}
     */
    public int rawTlsSinkPort() {
        return ((InetSocketAddress) localAddress(requireTls(rawTlsSink))).getPort();
    }

    /**
     * Counts the TLS data connections (after {@code PROT P}) so far, and those whose TLS session resumed the control
     * connection's (RFC 4217 §10.2): by the JDK's signs, the same session ID under TLS 1.2, and under TLS 1.3 a
     * session from a ticket of this control session, which carries its creation time.
     *
     * @return the counts since the responder started
     */
    public TlsDataConnections tlsDataConnections() {
        return new TlsDataConnections(tlsDataConnections.get(), resumedTlsDataConnections.get());
    }

    /**
     * How many TLS data connections there were, and how many of them resumed their control connection's session.
     *
     * @param connections the TLS data connections
     * @param resumed those that resumed the control connection's session
     */
    public record TlsDataConnections(long connections, long resumed) {
    }

    /**
     * Returns the byte count of the last completed STOR, as its 226 reply says.
     *
     * @return the bytes received, or -1 before the first STOR completed
     */
    public long lastStoredBytes() {
        return lastStoredBytes;
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
     * Returns how many of the responder's threads are running: one per control connection, and three more (five
     * with TLS).
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
        if (rawTls != null) {
            closeQuietly(rawTls);
        }
        if (rawTlsSink != null) {
            closeQuietly(rawTlsSink);
        }
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
        serveEach(raw, connection -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                transferAll(channel, connection);
            }
        });
    }

    /** Reads each raw upload to its end, from one long-lived thread, as a control session's thread reads a STOR. */
    private void serveRawSink() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(DISCARD_BUFFER_SIZE);
        serveEach(rawSink, connection -> {
            long received = discardAll(connection, buffer);
            ByteBuffer count = ByteBuffer.allocate(Long.BYTES).putLong(received).flip();
            while (count.hasRemaining()) {
                connection.write(count);
            }
        });
    }

    /** Sends the file over TLS to each raw connection in turn, as {@link #serveRaw()} does in the clear. */
    private void serveRawTls(ServerSocketChannel listener) throws IOException {
        byte[] buffer = new byte[TLS_BUFFER_SIZE];
        serveEach(listener, connection -> {
            try (TlsData data = new TlsData(connection, serverHandshake(connection), buffer);
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                data.sendFile(channel);
            }
        });
    }

    /** Reads each raw TLS upload to its end and answers with the count, as {@link #serveRawSink()} does. */
    private void serveRawTlsSink(ServerSocketChannel listener) throws IOException {
        byte[] buffer = new byte[TLS_BUFFER_SIZE];
        serveEach(listener, connection -> {
            try (TlsData data = new TlsData(connection, serverHandshake(connection), buffer)) {
                long received = data.discardAll();
                data.socket.getOutputStream().write(ByteBuffer.allocate(Long.BYTES).putLong(received).array());
            }
        });
    }

    /**
     * Accepts the listener's connections one after the other until the responder closes, serving each and closing
     * it; a client that goes away mid-way does not stop the next one from being served.
     */
    private void serveEach(ServerSocketChannel listener, RawService service) throws IOException {
        while (!closed) {
            SocketChannel connection = listener.accept();
            track(connection);
            try (connection) {
                service.serve(connection);
            } catch (IOException clientWentAway) {
                // The next client is served all the same.
            } finally {
                open.remove(connection);
            }
        }
    }

    /** What one raw port does with each of its connections. */
    @FunctionalInterface
    private interface RawService {
        void serve(SocketChannel connection) throws IOException;
    }

    /** Layers a server-side TLS socket over an accepted connection and completes the handshake. */
    private SSLSocket serverHandshake(SocketChannel connection) throws IOException {
        Socket plain = connection.socket();
        SSLSocket socket = (SSLSocket) requireTls(tls).getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.startHandshake();
        return socket;
    }

    private static <T> T requireTls(@Nullable T part) {
        if (part == null) {
            throw new IllegalStateException("the responder was started without TLS (startWithTls)");
        }
        return part;
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
        private final SocketChannel connection;
        private InputStream commands;
        private OutputStream replies;
        private @Nullable ServerSocketChannel passive;
        private String user = "";
        private @Nullable ByteBuffer discard;
        /** The control connection's TLS session after AUTH TLS; {@code null} in the clear. */
        private @Nullable SSLSession controlTls;
        /** Whether data connections are TLS ({@code PROT P}). */
        private boolean protectData;
        private byte @Nullable [] tlsBuffer;

        Session(SocketChannel connection) throws IOException {
            this.connection = connection;
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
                    case "AUTH" -> authenticate(argument);
                    case "PBSZ" -> reply(controlTls == null ? "503 AUTH TLS first." : "200 PBSZ=0");
                    case "PROT" -> protect(argument);
                    case "USER" -> {
                        user = argument;
                        reply("331 Any password will do.");
                    }
                    case "SYST" -> reply("215 UNIX Type: L8");
                    case "FEAT" -> reply(features());
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

        /** MLST to {@link #MLSD_USER}, AUTH TLS, PBSZ and PROT when the responder has TLS; 502 when there is none. */
        private String features() {
            StringBuilder features = new StringBuilder();
            if (user.equals(MLSD_USER)) {
                features.append(" MLST type*;size*;modify*;perm*;\r\n");
            }
            if (tls != null) {
                features.append(" AUTH TLS\r\n PBSZ\r\n PROT\r\n");
            }
            return features.isEmpty() ? "502 Command not implemented." : "211-Features:\r\n" + features + "211 End";
        }

        /** AUTH TLS (RFC 4217 §4): 234, then the handshake, then commands and replies go through TLS. */
        private void authenticate(String mechanism) throws IOException {
            if (tls == null) {
                reply("502 Command not implemented.");
                return;
            }
            if (!mechanism.equalsIgnoreCase("TLS") && !mechanism.equalsIgnoreCase("TLS-C")) {
                reply("504 Only AUTH TLS.");
                return;
            }
            if (controlTls != null) {
                reply("503 TLS is already on.");
                return;
            }
            if (commands.available() > 0) {
                // Bytes after AUTH and before its reply would be read in the clear as if they came through TLS.
                reply("503 Nothing may follow AUTH TLS before its reply.");
                return;
            }
            reply("234 Proceed with negotiation.");
            SSLSocket socket = serverHandshake(connection);
            controlTls = socket.getSession();
            commands = new BufferedInputStream(socket.getInputStream(), COMMAND_BUFFER_SIZE);
            replies = socket.getOutputStream();
        }

        /** PROT (RFC 4217 §9): P for TLS data connections, C for clear ones. */
        private void protect(String level) throws IOException {
            if (controlTls == null) {
                reply("503 AUTH TLS first.");
            } else if (level.equalsIgnoreCase("P") || level.equalsIgnoreCase("C")) {
                protectData = level.equalsIgnoreCase("P");
                reply("200 Protection level set to " + level.toUpperCase(Locale.ROOT) + ".");
            } else {
                reply("536 Only PROT P and PROT C.");
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
            Data data = acceptData("150 Opening BINARY mode data connection for " + fileName + " (" + fileSize
                    + " bytes).");
            if (data == null) {
                return;
            }
            try (data; FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                data.sendFile(channel);
            } catch (IOException broken) {
                reply("426 Connection closed; transfer aborted.");
                return;
            }
            reply("226 Transfer complete.");
        }

        /** Sends bytes from memory over the data connection: a listing or a small file. */
        private void sendFromMemory(ByteBuffer bytes, String what) throws IOException {
            Data data = acceptData("150 Opening BINARY mode data connection for " + what + ".");
            if (data == null) {
                return;
            }
            try (data) {
                data.send(bytes);
            } catch (IOException broken) {
                reply("426 Connection closed; transfer aborted.");
                return;
            }
            reply("226 Transfer complete.");
        }

        private void store() throws IOException {
            Data data = acceptData("150 Ok to send data.");
            if (data == null) {
                return;
            }
            long received;
            try (data) {
                received = data.discardAll();
            } catch (IOException broken) {
                reply("426 Connection closed; transfer aborted.");
                return;
            }
            lastStoredBytes = received;
            reply("226 Transfer complete, " + received + " bytes received and discarded.");
        }

        /**
         * Accepts the data connection on the passive listener, which serves one transfer, replies with the
         * preliminary reply, and after {@code PROT P} completes the TLS handshake (RFC 4217 §9, which has the
         * client start it once the connection is open).
         */
        private @Nullable Data acceptData(String preliminary) throws IOException {
            ServerSocketChannel listener = passive;
            if (listener == null) {
                reply("425 Use EPSV or PASV first.");
                return null;
            }
            SocketChannel connection;
            try {
                connection = listener.accept();
                track(connection);
            } finally {
                closePassive();
            }
            reply(preliminary);
            SSLSession control = controlTls;
            if (!protectData || control == null) {
                return new PlainData(connection, this::discardBuffer);
            }
            try {
                SSLSocket socket = serverHandshake(connection);
                tlsDataConnections.incrementAndGet();
                if (resumed(control, socket.getSession())) {
                    resumedTlsDataConnections.incrementAndGet();
                }
                return new TlsData(connection, socket, tlsBuffer());
            } catch (IOException failed) {
                open.remove(connection);
                closeQuietly(connection);
                reply("522 TLS negotiation on the data connection failed.");
                return null;
            }
        }

        /** One discard buffer per session, made by its first STOR. */
        private ByteBuffer discardBuffer() {
            if (discard == null) {
                discard = ByteBuffer.allocateDirect(DISCARD_BUFFER_SIZE);
            }
            return discard;
        }

        /** One TLS buffer per session, made by its first TLS transfer. */
        private byte[] tlsBuffer() {
            if (tlsBuffer == null) {
                tlsBuffer = new byte[TLS_BUFFER_SIZE];
            }
            return tlsBuffer;
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

    /**
     * Whether a data connection's TLS session resumed the control connection's, as far as the JDK's provider lets
     * the server tell: under TLS 1.2 a resumed session keeps its ID; under TLS 1.3 a session resumed from a ticket
     * keeps the creation time of the session that issued it, and every ticket of a session's connections goes back to
     * its control connection.
     */
    private static boolean resumed(SSLSession control, SSLSession data) {
        if ("TLSv1.3".equals(data.getProtocol())) {
            return data.getCreationTime() == control.getCreationTime();
        }
        return Arrays.equals(control.getId(), data.getId());
    }

    /** A data connection as a session or a raw port uses it: in the clear, or through TLS after PROT P. */
    private sealed interface Data extends Closeable permits PlainData, TlsData {
        /** Sends the whole file. */
        void sendFile(FileChannel source) throws IOException;

        /** Sends the bytes. */
        void send(ByteBuffer bytes) throws IOException;

        /** Reads to the end of the stream, keeping nothing, and counts. */
        long discardAll() throws IOException;
    }

    /**
     * A data connection in the clear: the file goes out with {@code sendfile}; uploads are read into the session's
     * discard buffer, which only an upload makes (a thousand sessions that only download need none).
     */
    private final class PlainData implements Data {
        private final SocketChannel channel;
        private final Supplier<ByteBuffer> buffer;

        PlainData(SocketChannel channel, Supplier<ByteBuffer> buffer) {
            this.channel = channel;
            this.buffer = buffer;
        }

        @Override
        public void sendFile(FileChannel source) throws IOException {
            transferAll(source, channel);
        }

        @Override
        public void send(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        @Override
        public long discardAll() throws IOException {
            return LoopbackFtpResponder.discardAll(channel, buffer.get());
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                open.remove(channel);
            }
        }
    }

    /**
     * A data connection through TLS: no {@code sendfile}, since the JDK encrypts in user space; the file is read into
     * a heap buffer and written through the socket, 64 KiB at a time.
     */
    private final class TlsData implements Data {
        private final SocketChannel channel;
        private final SSLSocket socket;
        private final byte[] buffer;
        /** Whether the client ended its data with close_notify (an upload read to its end). */
        private boolean clientClosed;

        TlsData(SocketChannel channel, SSLSocket socket, byte[] buffer) {
            this.channel = channel;
            this.socket = socket;
            this.buffer = buffer;
        }

        @Override
        public void sendFile(FileChannel source) throws IOException {
            OutputStream out = socket.getOutputStream();
            ByteBuffer chunk = ByteBuffer.wrap(buffer);
            int read;
            while ((read = source.read(chunk.clear())) >= 0) {
                out.write(buffer, 0, read);
            }
        }

        @Override
        public void send(ByteBuffer bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            while (bytes.hasRemaining()) {
                int length = Math.min(buffer.length, bytes.remaining());
                bytes.get(buffer, 0, length);
                out.write(buffer, 0, length);
            }
        }

        @Override
        public long discardAll() throws IOException {
            InputStream in = socket.getInputStream();
            long received = 0;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received += read;
            }
            clientClosed = true;
            return received;
        }

        /**
         * Sends close_notify and closes the connection (RFC 8446 §6.1), which marks the end of a download's data.
         * After an upload the client has sent its close_notify and may have closed the connection already, as
         * Commons Net does: the server's close_notify then only meets a reset, and the upload is complete all the
         * same.
         */
        @Override
        public void close() throws IOException {
            try {
                socket.close();
            } catch (IOException peerGone) {
                if (!clientClosed) {
                    throw peerGone;
                }
            } finally {
                closeQuietly(channel);
                open.remove(channel);
            }
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
