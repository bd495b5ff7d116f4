package io.ftpflux.testkit.fault;

import io.netty.channel.ChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.netty.Connection;
import reactor.netty.DisposableChannel;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

/**
 * A scripted FTP server on loopback for fault-injection tests: correct by default (RFC 959 with FEAT and OPTS
 * from RFC 2389, EPSV and EPRT from RFC 2428, SIZE, MDTM, REST, MLST and MLSD from RFC 3659), wrong on purpose
 * where a test attaches {@link Fault faults}.
 *
 * <p>The server runs on its own Reactor Netty event loop (one thread, no thread per connection), binds only to
 * {@code 127.0.0.1} (or {@code ::1}), on ports the kernel chooses, and records every command it receives. Files
 * live in an {@link InMemoryFileSystem}. Faults, files and listings may change while the server runs; the
 * configuration of the {@link Builder} may not.
 *
 * <pre>{@code
 * try (FaultServer server = FaultServer.create()) {
 *     server.fileSystem().putFile("/data.bin", bytes);
 *     server.onCommand("RETR", Fault.closeDataAfter(1024), Fault.finalReply("451 Local error.\r\n"));
 *     int port = server.start();
 *     // ... run the client against 127.0.0.1:port, then:
 *     server.awaitCommand("QUIT", Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Like a real server, it processes one command at a time in arrival order (RFC 959 §5.3): a command sent
 * during a transfer waits for that transfer's final reply. ABOR is the exception: on arrival it interrupts the
 * running transfer (which replies 426) before it is answered itself (226), RFC 959 §4.1.3.
 *
 * <p>Thread-safe. The waiting methods block the calling thread for at most the given time; never call them on an
 * event loop.
 */
public final class FaultServer implements AutoCloseable {

    /** The features a FEAT reply lists unless the builder says otherwise. */
    public static final List<String> DEFAULT_FEATURES = List.of(
            "EPRT", "EPSV", "MDTM", "MLST type*;size*;modify*;", "PASV", "REST STREAM", "SIZE", "UTF8");

    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private enum State { NEW, STARTED, CLOSED }

    /** Faults for a verb (null: the greeting), on every occurrence (0) or on one. */
    private record Rule(@Nullable String verb, int occurrence, List<Fault> faults) {
        boolean matches(@Nullable String candidate, int count) {
            return Objects.equals(verb, candidate) && (occurrence == 0 || occurrence == count);
        }
    }

    private final String user;
    private final String password;
    private final List<String> features;
    private final boolean ipv6;
    private final Duration dataTimeout;
    private final long maxUploadSize;
    private final Charset charset;
    private final InMemoryFileSystem fileSystem = new InMemoryFileSystem();
    private final CommandLog commandLog = new CommandLog();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> occurrences = new ConcurrentHashMap<>();
    private final Map<String, byte[]> listings = new ConcurrentHashMap<>();
    private final Set<Disposable> resources = ConcurrentHashMap.newKeySet();
    private final Set<ControlSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicLong dataBytesProduced = new AtomicLong();
    private final Object sessionsChanged = new Object();
    private volatile State state = State.NEW;
    private @Nullable LoopResources loops;
    private @Nullable DisposableServer listener;

    private FaultServer(Builder builder) {
        this.user = builder.user;
        this.password = builder.password;
        this.features = builder.features;
        this.ipv6 = builder.ipv6;
        this.dataTimeout = builder.dataTimeout;
        this.maxUploadSize = builder.maxUploadSize;
        this.charset = builder.charset;
    }

    /**
     * Returns a builder for a server with non-default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a server with the default settings: user {@code test}, password {@code test}, on 127.0.0.1.
     *
     * @return a server, not yet started
     */
    public static FaultServer create() {
        return builder().build();
    }

    /**
     * Binds the control listener on loopback and starts accepting connections.
     *
     * @return the bound control port
     * @throws IllegalStateException when the server was already started or closed
     */
    public synchronized int start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a fault server starts once; this one is " + state);
        }
        LoopResources serverLoops = LoopResources.create("ftp-fault", 1, true);
        loops = serverLoops;
        state = State.STARTED;
        InetAddress host = loopback();
        DisposableServer bound = TcpServer.create()
                .runOn(serverLoops)
                .bindAddress(() -> new InetSocketAddress(host, 0))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .handle((inbound, outbound) -> {
                    Connection[] accepted = new Connection[1];
                    inbound.withConnection(connection -> accepted[0] = connection);
                    track(accepted[0]);
                    ControlSession session = new ControlSession(this, accepted[0], connectionCount.incrementAndGet());
                    sessions.add(session);
                    return session.run();
                })
                .bindNow(BIND_TIMEOUT);
        listener = bound;
        return bound.port();
    }

    /**
     * Returns the control port.
     *
     * @return the port {@link #start()} returned
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized int port() {
        if (listener == null) {
            throw new IllegalStateException("the fault server has not been started");
        }
        return listener.port();
    }

    /**
     * Returns the address the server binds to.
     *
     * @return {@code "127.0.0.1"}, or {@code "::1"} when the builder asked for IPv6
     */
    public String host() {
        return ipv6 ? "::1" : "127.0.0.1";
    }

    /**
     * Returns the charset of names on the wire, as the builder set it.
     *
     * @return UTF-8 unless set
     */
    public Charset charset() {
        return charset;
    }

    /**
     * Returns the files the server serves and stores.
     *
     * @return the live file system
     */
    public InMemoryFileSystem fileSystem() {
        return fileSystem;
    }

    /**
     * Attaches faults to every occurrence of a command, from now on.
     *
     * @param verb the command's verb, in any case, for example {@code "RETR"}
     * @param faults the faults, applied together
     * @return this server
     * @throws IllegalArgumentException when a fault does not apply to the verb (a {@link Fault.Passive} fault on
     *     anything but PASV or EPSV, a {@link Fault.Transfer} fault on a command without a data connection,
     *     {@link Fault.SendData} on an upload)
     */
    public FaultServer onCommand(String verb, Fault... faults) {
        return addRule(checkedVerb(verb, faults), 0, faults);
    }

    /**
     * Attaches faults to one occurrence of a command, counted over all connections since the server started.
     *
     * @param verb the command's verb, in any case
     * @param occurrence which occurrence, from 1 (the second RETR the server receives is occurrence 2)
     * @param faults the faults, applied together
     * @return this server
     * @throws IllegalArgumentException as {@link #onCommand(String, Fault...)}, or for an occurrence below 1
     */
    public FaultServer onCommand(String verb, int occurrence, Fault... faults) {
        return addRule(checkedVerb(verb, faults), checkedOccurrence(occurrence), faults);
    }

    /**
     * Attaches control faults to the greeting of every connection: the connection-level faults (no greeting,
     * another greeting, a close after N bytes of the whole conversation).
     *
     * @param faults the faults, applied together
     * @return this server
     */
    public FaultServer onConnect(Fault.Control... faults) {
        return addRule(null, 0, faults);
    }

    /**
     * Attaches control faults to the greeting of one connection.
     *
     * @param connection which connection, from 1 in accept order
     * @param faults the faults, applied together
     * @return this server
     */
    public FaultServer onConnect(int connection, Fault.Control... faults) {
        return addRule(null, checkedOccurrence(connection), faults);
    }

    /** Removes every fault; the server behaves correctly from the next command on. */
    public void clearFaults() {
        rules.clear();
    }

    /**
     * Serves these exact bytes for a listing of {@code path}, instead of one generated from the file system.
     *
     * @param verb {@code "LIST"}, {@code "NLST"} or {@code "MLSD"}
     * @param path the directory as the client names it, absolute or from the root
     * @param listing the bytes to send on the data connection
     * @return this server
     */
    public FaultServer listing(String verb, String path, byte[] listing) {
        String upper = verb.toUpperCase(Locale.ROOT);
        if (!Set.of("LIST", "NLST", "MLSD").contains(upper)) {
            throw new IllegalArgumentException("listings are for LIST, NLST and MLSD, not " + verb);
        }
        listings.put(upper + " " + InMemoryFileSystem.normalize("/", path), listing.clone());
        return this;
    }

    /**
     * Returns every command received so far, in arrival order.
     *
     * @return a snapshot
     */
    public List<ReceivedCommand> commands() {
        return commandLog.snapshot();
    }

    /**
     * Returns the commands received after {@code command}, in arrival order, to check that nothing followed it.
     *
     * @param command a command from this server's log
     * @return a snapshot
     */
    public List<ReceivedCommand> commandsAfter(ReceivedCommand command) {
        return commandLog.after(command);
    }

    /**
     * Waits until a command with this verb has been received, or returns the first one already received.
     *
     * @param verb the verb, in any case
     * @param timeout how long to wait at most
     * @return the first command with that verb
     * @throws AssertionError when none arrives in time
     */
    public ReceivedCommand awaitCommand(String verb, Duration timeout) {
        return commandLog.await(command -> command.is(verb), verb, timeout);
    }

    /**
     * Waits until a command that matches has been received, or returns the first one already received.
     *
     * @param condition what the command must satisfy
     * @param timeout how long to wait at most
     * @return the first matching command
     * @throws AssertionError when none arrives in time
     */
    public ReceivedCommand awaitCommand(Predicate<? super ReceivedCommand> condition, Duration timeout) {
        return commandLog.await(condition, "matching the condition", timeout);
    }

    /**
     * Returns how many control connections the server has accepted.
     *
     * @return the count since start, open or closed
     */
    public int connectionCount() {
        return connectionCount.get();
    }

    /**
     * Returns how many control connections are open now.
     *
     * @return the count
     */
    public int openConnections() {
        return sessions.size();
    }

    /**
     * Waits until no control connection is open, for example after the client sent QUIT.
     *
     * @param timeout how long to wait at most
     * @throws AssertionError when connections are still open after the timeout
     */
    public void awaitNoOpenConnections(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sessionsChanged) {
            while (!sessions.isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError(sessions.size() + " control connection(s) still open after " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(sessionsChanged, remaining);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for connections to close", interrupted);
                }
            }
        }
    }

    /**
     * Writes raw text on every open control connection now, whatever each is doing (an unsolicited {@code 421}).
     *
     * @param raw the text, encoded as UTF-8, with its own line endings
     * @return how many connections it was written to
     */
    public int sendUnsolicited(String raw) {
        byte[] bytes = RawBytes.of(raw).unsafeArray();
        List<ControlSession> open = new ArrayList<>(sessions);
        open.forEach(session -> session.write(bytes).subscribe());
        return open.size();
    }

    /** Closes every open control connection now, without a reply. */
    public void closeControlConnections() {
        new ArrayList<>(sessions).forEach(ControlSession::close);
    }

    /** Closes every connection and listener and stops the event loop; idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (listener != null) {
            listener.dispose();
        }
        new ArrayList<>(resources).forEach(Disposable::dispose);
        if (loops != null) {
            loops.disposeLater(Duration.ZERO, SHUTDOWN_TIMEOUT).block(SHUTDOWN_TIMEOUT.multipliedBy(2));
        }
    }

    @Override
    public String toString() {
        return "FaultServer[" + host() + (listener == null ? "" : ":" + listener.port()) + ", " + state + "]";
    }

    LoopResources loops() {
        LoopResources current = loops;
        if (current == null) {
            throw new IllegalStateException("the fault server has not been started");
        }
        return current;
    }

    Duration dataTimeout() {
        return dataTimeout;
    }

    long maxUploadSize() {
        return maxUploadSize;
    }

    List<String> features() {
        return features;
    }

    boolean acceptsLogin(String candidateUser, String candidatePassword) {
        return user.equals(candidateUser) && password.equals(candidatePassword);
    }

    /**
     * Returns the bytes handed to download data connections so far: how far the server ran ahead of its
     * clients. The server writes only as fast as the connection drains, so with a client that reads slowly this
     * stays near what the client consumed plus the sockets' buffers: proof that backpressure reaches TCP.
     *
     * @return the bytes produced for downloads since the server started
     */
    public long dataBytesProduced() {
        return dataBytesProduced.get();
    }

    void produced(long bytes) {
        dataBytesProduced.addAndGet(bytes);
    }

    @Nullable ReceivedCommand record(int connectionId, String line) {
        return commandLog.record(connectionId, line);
    }

    /** The plan for the next occurrence of {@code verb}, counting it. */
    FaultPlan planFor(String verb) {
        int count = occurrences.computeIfAbsent(verb, key -> new AtomicInteger()).incrementAndGet();
        return plan(verb, count);
    }

    FaultPlan planForConnect(int connectionId) {
        return plan(null, connectionId);
    }

    byte @Nullable [] configuredListing(String verb, String path) {
        return listings.get(verb + " " + path);
    }

    /** Keeps a connection or listener to close with the server, or closes it at once when the server is closed. */
    void track(DisposableChannel channel) {
        track((Disposable) channel);
        channel.onDispose().subscribe(null, failure -> untrack(channel), () -> untrack(channel));
    }

    /** Keeps a resource to dispose with the server; the resource calls {@link #untrack} once it is disposed. */
    void track(Disposable resource) {
        resources.add(resource);
        if (isClosed()) {
            resource.dispose();
        }
    }

    void untrack(Disposable resource) {
        resources.remove(resource);
    }

    void sessionEnded(ControlSession session) {
        synchronized (sessionsChanged) {
            sessions.remove(session);
            sessionsChanged.notifyAll();
        }
    }

    private boolean isClosed() {
        return state == State.CLOSED;
    }

    private FaultPlan plan(@Nullable String verb, int count) {
        List<Fault> faults = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.matches(verb, count)) {
                faults.addAll(rule.faults());
            }
        }
        return faults.isEmpty() ? FaultPlan.NONE : new FaultPlan(faults);
    }

    private FaultServer addRule(@Nullable String verb, int occurrence, Fault[] faults) {
        List<Fault> list = List.of(faults);
        rules.add(new Rule(verb, occurrence, list));
        return this;
    }

    private static String checkedVerb(String verb, Fault[] faults) {
        String upper = verb.trim().toUpperCase(Locale.ROOT);
        if (upper.isEmpty() || upper.contains(" ")) {
            throw new IllegalArgumentException("a verb is one word, not \"" + verb + "\"");
        }
        for (Fault fault : faults) {
            if (fault instanceof Fault.Passive && !Verbs.PASSIVE.contains(upper)) {
                throw new IllegalArgumentException(fault + " applies to PASV and EPSV, not to " + upper);
            }
            if (fault instanceof Fault.Transfer && !Verbs.usesDataConnection(upper)) {
                throw new IllegalArgumentException(fault + " applies to commands with a data connection "
                        + "(RETR, LIST, NLST, MLSD, STOR, APPE), not to " + upper);
            }
            if (fault instanceof Fault.SendData && !Verbs.DOWNLOADS.contains(upper)) {
                throw new IllegalArgumentException("SendData applies to downloads (RETR, LIST, NLST, MLSD), not to " + upper);
            }
        }
        return upper;
    }

    private static int checkedOccurrence(int occurrence) {
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrences are counted from 1, not " + occurrence);
        }
        return occurrence;
    }

    private InetAddress loopback() {
        try {
            return ipv6
                    ? InetAddress.getByAddress("localhost", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
                    : InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("a literal loopback address is always valid", impossible);
        }
    }

    /** The settings fixed for a server's lifetime. Reusable: each {@link #build()} makes a new server. */
    public static final class Builder {
        private String user = "test";
        private String password = "test";
        private List<String> features = DEFAULT_FEATURES;
        private boolean ipv6;
        private Duration dataTimeout = Duration.ofSeconds(10);
        private long maxUploadSize = 64L * 1024 * 1024;
        private Charset charset = StandardCharsets.UTF_8;

        private Builder() {
        }

        /**
         * Sets the only user and password that PASS accepts (230); anything else gets 530.
         *
         * @param user the user name
         * @param password the password
         * @return this builder
         */
        public Builder credentials(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Sets the feature lines of the FEAT reply (RFC 2389 §3.2), without their leading space.
         *
         * @param features for example {@code "EPSV"}, {@code "REST STREAM"}; none gives an empty list
         * @return this builder
         */
        public Builder features(String... features) {
            for (String feature : features) {
                if (feature.contains("\r") || feature.contains("\n")) {
                    throw new IllegalArgumentException("a feature is one line: " + feature);
                }
            }
            this.features = List.of(features);
            return this;
        }

        /**
         * Binds to {@code ::1} instead of {@code 127.0.0.1}; PASV is then refused with 425 and EPSV works.
         *
         * @param ipv6 true for IPv6 loopback
         * @return this builder
         */
        public Builder ipv6(boolean ipv6) {
            this.ipv6 = ipv6;
            return this;
        }

        /**
         * Sets how long a transfer waits for its data connection (accept or connect) before replying 425.
         *
         * @param timeout more than zero; 10 seconds by default
         * @return this builder
         */
        public Builder dataConnectionTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the data connection timeout must be positive, not " + timeout);
            }
            this.dataTimeout = timeout;
            return this;
        }

        /**
         * Sets the largest upload the server keeps in memory; a larger one is refused with 552.
         *
         * @param bytes at least zero; 64 MiB by default
         * @return this builder
         */
        public Builder maxUploadSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("the upload limit must be zero or more, not " + bytes);
            }
            this.maxUploadSize = bytes;
            return this;
        }

        /**
         * Sets the charset of names on the wire: commands as received, listings, and the replies that hold names
         * (257, MLST). UTF-8 by default, as RFC 2640 §3 asks. {@link StandardCharsets#ISO_8859_1} makes the
         * server byte-transparent, as a Unix server is: each byte of a name is one char of the file system's
         * names, so a test can hold names in any encoding side by side (a Latin-1 "café" is the bytes 63 61 66
         * E9; Shift_JIS or UTF-8 names are their bytes read as ISO-8859-1) and read each command's exact bytes
         * back as {@code command.argument().getBytes(ISO_8859_1)}. Faults' raw bytes are sent as given.
         *
         * @param charset an ASCII-compatible charset
         * @return this builder
         */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /**
         * Creates a server with these settings, not yet started.
         *
         * @return a new server
         */
        public FaultServer build() {
            return new FaultServer(this);
        }
    }
}
