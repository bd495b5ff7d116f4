package io.ftpflux.testkit.ftpserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import org.apache.ftpserver.ConnectionConfig;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.apache.mina.transport.socket.SocketSessionConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An Apache MINA FtpServer on loopback for integration tests, started and stopped by JUnit 5: plain FTP (RFC 959),
 * explicit FTPS ({@code AUTH TLS}, RFC 4217 §4) or implicit FTPS (TLS from the first byte).
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmbeddedFtpServer server = EmbeddedFtpServer.explicitTls();
 * }</pre>
 *
 * <p>In a static field the server runs for the whole test class, in an instance field for each test. It can also be
 * started and closed by hand ({@link #start()}, {@link #close()}).
 *
 * <p>While running, the server listens on {@value #HOST} (or {@value #IPV6_HOST}) on an ephemeral {@link #port()},
 * offers passive data connections on the same address (ephemeral ports, too), and serves a fresh temporary
 * directory, {@link #root()}, which
 * {@link #close()} deletes. The user {@link #user()} (password {@link #password()}) may read and write there; with
 * {@link Builder#anonymousLogin(boolean)}, {@code anonymous} may read. TLS uses
 * {@link io.ftpflux.testkit.tls.LocalhostCertificate}. Failed logins are answered without MINA's default delay,
 * and up to {@value #MAX_LOGINS} sessions may be logged in at once.
 *
 * <p>The control connections have {@code TCP_NODELAY} set: stock MINA leaves Nagle's algorithm on, which holds back
 * the final reply after a {@code 150} until the client's delayed acknowledgement, about 40 ms per transfer.
 */
public final class EmbeddedFtpServer
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {

    /** The loopback address the server binds, unless {@link Builder#ipv6(boolean)} asks for IPv6. */
    public static final String HOST = "127.0.0.1";

    /** The IPv6 loopback address the server binds with {@link Builder#ipv6(boolean)}. */
    public static final String IPV6_HOST = "::1";

    /** The user name of the anonymous login (RFC 1635). */
    public static final String ANONYMOUS = "anonymous";

    /** How many sessions may be logged in at once (MINA's default is 10, too few for pooled and parallel tests). */
    public static final int MAX_LOGINS = 100;

    private static final String LISTENER_NAME = "default";

    /** How the server protects its connections with TLS (RFC 4217). */
    public enum TlsMode {
        /** Plain FTP; {@code AUTH TLS} is refused. */
        NONE,
        /** Plain at first; {@code AUTH TLS} upgrades the control connection, {@code PROT P} the data connections. */
        EXPLICIT,
        /** TLS from the first byte of the control connection, before the greeting. */
        IMPLICIT
    }

    private final TlsMode tlsMode;
    private final String user;
    private final String password;
    private final boolean anonymousLogin;
    private final String host;

    private @Nullable Running running;
    private @Nullable String startedByContext;

    private EmbeddedFtpServer(Builder builder) {
        this.tlsMode = builder.tlsMode;
        this.user = builder.user;
        this.password = builder.password;
        this.anonymousLogin = builder.anonymousLogin;
        this.host = builder.ipv6 ? IPV6_HOST : HOST;
    }

    /**
     * Creates a plain FTP server with the default user.
     *
     * @return a server, not yet started
     */
    public static EmbeddedFtpServer plain() {
        return builder().build();
    }

    /**
     * Creates a server that offers explicit FTPS ({@code AUTH TLS}), with the default user.
     *
     * @return a server, not yet started
     */
    public static EmbeddedFtpServer explicitTls() {
        return builder().tls(TlsMode.EXPLICIT).build();
    }

    /**
     * Creates an implicit FTPS server, with the default user.
     *
     * @return a server, not yet started
     */
    public static EmbeddedFtpServer implicitTls() {
        return builder().tls(TlsMode.IMPLICIT).build();
    }

    /**
     * Starts a builder for a server with other options.
     *
     * @return a builder with the defaults: no TLS, user {@code ftpflux}, no anonymous login
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server: creates its root directory and binds its listener.
     *
     * @throws IllegalStateException if it is already running
     * @throws UncheckedIOException if the root directory cannot be created
     * @throws IllegalStateException if MINA cannot start (wrapping its {@link FtpException})
     */
    public synchronized void start() {
        if (running != null) {
            throw new IllegalStateException("the embedded FTP server is already running on port " + running.port);
        }
        Path root;
        try {
            root = Files.createTempDirectory("ftpflux-ftp-root-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the FTP root directory", e);
        }
        try {
            Listener listener = createListener();
            FtpServerFactory serverFactory = new FtpServerFactory();
            serverFactory.addListener(LISTENER_NAME, listener);
            serverFactory.setConnectionConfig(createConnectionConfig());
            serverFactory.setUserManager(createUserManager(root));
            serverFactory.setFileSystem(new NativeFileSystemFactory());
            FtpServer server = serverFactory.createServer();
            server.start();
            // MINA writes the port it actually bound back into the listener.
            running = new Running(server, listener, listener.getPort(), root);
        } catch (FtpException | RuntimeException e) {
            deleteRecursively(root);
            throw e instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("the embedded FTP server did not start", e);
        }
    }

    /**
     * Stops the server, closing its sessions, and deletes its root directory; does nothing if it is not running.
     *
     * @throws UncheckedIOException if the root directory cannot be deleted
     */
    @Override
    public synchronized void close() {
        Running stopping = running;
        if (stopping == null) {
            return;
        }
        running = null;
        startedByContext = null;
        stopping.server.stop();
        deleteRecursively(stopping.root);
    }

    /**
     * Tells whether the server is running.
     *
     * @return {@code true} between {@link #start()} and {@link #close()}
     */
    public synchronized boolean isRunning() {
        return running != null;
    }

    /**
     * Returns the address the server listens on.
     *
     * @return {@value #HOST}, or {@value #IPV6_HOST} when built with {@link Builder#ipv6(boolean)}
     */
    public String host() {
        return host;
    }

    /**
     * Returns the port the control connection listens on.
     *
     * @return the ephemeral port bound at start
     * @throws IllegalStateException if the server is not running
     */
    public synchronized int port() {
        return requireRunning().port;
    }

    /**
     * Returns the directory the server serves: the home of every user, {@code /} in FTP paths.
     *
     * @return a temporary directory, created at start and deleted by {@link #close()}
     * @throws IllegalStateException if the server is not running
     */
    public synchronized Path root() {
        return requireRunning().root;
    }

    /**
     * Returns the name of the user who may read and write.
     *
     * @return the user name
     */
    public String user() {
        return user;
    }

    /**
     * Returns the password of {@link #user()}.
     *
     * @return the password
     */
    public String password() {
        return password;
    }

    /**
     * Returns how the server uses TLS.
     *
     * @return the TLS mode
     */
    public TlsMode tlsMode() {
        return tlsMode;
    }

    /**
     * Tells whether {@value #ANONYMOUS} may log in (read-only).
     *
     * @return {@code true} if anonymous login is enabled
     */
    public boolean anonymousLogin() {
        return anonymousLogin;
    }

    /**
     * Starts the server for a test class when registered in a static field.
     *
     * @param context the class's context
     */
    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        startFor(context);
    }

    /**
     * Stops the server after a test class if {@link #beforeAll} started it.
     *
     * @param context the class's context
     */
    @Override
    public synchronized void afterAll(ExtensionContext context) {
        stopFor(context);
    }

    /**
     * Starts the server for one test when it is not already running (registered in an instance field).
     *
     * @param context the test's context
     */
    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        startFor(context);
    }

    /**
     * Stops the server after a test if {@link #beforeEach} started it.
     *
     * @param context the test's context
     */
    @Override
    public synchronized void afterEach(ExtensionContext context) {
        stopFor(context);
    }

    @Override
    public String toString() {
        Running current;
        synchronized (this) {
            current = running;
        }
        return "EmbeddedFtpServer[" + tlsMode + ", " + (current == null ? "stopped" : host + ":" + current.port) + "]";
    }

    /** Reads {@code TCP_NODELAY} from the server side of every open control connection; for the kit's own tests. */
    synchronized List<Boolean> controlConnectionsTcpNoDelay() {
        return requireRunning().listener.getActiveSessions().stream()
                .map(FtpIoSession::getConfig)
                .map(config -> ((SocketSessionConfig) config).isTcpNoDelay())
                .toList();
    }

    private void startFor(ExtensionContext context) {
        if (running == null) {
            start();
            startedByContext = context.getUniqueId();
        }
    }

    private void stopFor(ExtensionContext context) {
        if (context.getUniqueId().equals(startedByContext)) {
            close();
        }
    }

    private Running requireRunning() {
        Running current = running;
        if (current == null) {
            throw new IllegalStateException("the embedded FTP server is not running");
        }
        return current;
    }

    private Listener createListener() {
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassiveAddress(host);
        data.setPassiveExternalAddress(host);
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress(host);
        listener.setPort(0);
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        // MINA exposes no socket option for its control sessions; its session filter sees each one as it opens.
        listener.setSessionFilter(session -> {
            if (session.getConfig() instanceof SocketSessionConfig socket) {
                socket.setTcpNoDelay(true);
            }
            return true;
        });
        if (tlsMode != TlsMode.NONE) {
            listener.setSslConfiguration(new LocalhostSslConfiguration());
            listener.setImplicitSsl(tlsMode == TlsMode.IMPLICIT);
        }
        return listener.createListener();
    }

    private ConnectionConfig createConnectionConfig() {
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setAnonymousLoginEnabled(anonymousLogin);
        connections.setMaxLogins(MAX_LOGINS);
        connections.setMaxAnonymousLogins(MAX_LOGINS);
        connections.setLoginFailureDelay(0);
        return connections.createConnectionConfig();
    }

    private UserManager createUserManager(Path root) throws FtpException {
        PropertiesUserManagerFactory factory = new PropertiesUserManagerFactory();
        factory.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        // Without a file, MINA's properties user manager keeps its users in memory.
        UserManager users = factory.createUserManager();
        users.save(newUser(user, password, root, true));
        if (anonymousLogin) {
            users.save(newUser(ANONYMOUS, "", root, false));
        }
        return users;
    }

    private static BaseUser newUser(String name, String password, Path home, boolean mayWrite) {
        BaseUser account = new BaseUser();
        account.setName(name);
        account.setPassword(password);
        account.setHomeDirectory(home.toAbsolutePath().toString());
        // MINA refuses a login unless a ConcurrentLoginPermission allows it; 0 means no limit.
        List<Authority> authorities = mayWrite
                ? List.of(new ConcurrentLoginPermission(0, 0), new TransferRatePermission(0, 0), new WritePermission())
                : List.of(new ConcurrentLoginPermission(0, 0), new TransferRatePermission(0, 0));
        account.setAuthorities(authorities);
        return account;
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException failure)
                        throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the FTP root directory " + root, e);
        }
    }

    private record Running(FtpServer server, Listener listener, int port, Path root) {
    }

    /** Options for an {@link EmbeddedFtpServer}. */
    public static final class Builder {

        private TlsMode tlsMode = TlsMode.NONE;
        private String user = "ftpflux";
        private String password = "ftpflux-test-password";
        private boolean anonymousLogin;
        private boolean ipv6;

        private Builder() {
        }

        /**
         * Sets how the server uses TLS.
         *
         * @param mode the TLS mode; {@link TlsMode#NONE} by default
         * @return this builder
         */
        public Builder tls(TlsMode mode) {
            this.tlsMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the user who may read and write.
         *
         * @param name the user name; {@code ftpflux} by default
         * @param password the password; {@code ftpflux-test-password} by default
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or {@value EmbeddedFtpServer#ANONYMOUS}
         */
        public Builder user(String name, String password) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
            if (name.isEmpty() || name.equalsIgnoreCase(ANONYMOUS)) {
                throw new IllegalArgumentException("the user name must be neither empty nor \"" + ANONYMOUS
                        + "\" (use anonymousLogin(true)), got \"" + name + "\"");
            }
            this.user = name;
            this.password = password;
            return this;
        }

        /**
         * Lets {@value EmbeddedFtpServer#ANONYMOUS} log in with any password and read, but not write.
         *
         * @param enabled whether anonymous login is allowed; {@code false} by default
         * @return this builder
         */
        public Builder anonymousLogin(boolean enabled) {
            this.anonymousLogin = enabled;
            return this;
        }

        /**
         * Binds the IPv6 loopback address {@value EmbeddedFtpServer#IPV6_HOST} instead of
         * {@value EmbeddedFtpServer#HOST}; clients then need EPSV or EPRT (RFC 2428).
         *
         * @param enabled whether to listen on IPv6; {@code false} by default
         * @return this builder
         */
        public Builder ipv6(boolean enabled) {
            this.ipv6 = enabled;
            return this;
        }

        /**
         * Creates the server.
         *
         * @return a server, not yet started
         */
        public EmbeddedFtpServer build() {
            return new EmbeddedFtpServer(this);
        }
    }
}
