package io.ftpflux.blocking;

import io.ftpflux.reactive.FtpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * An immutable, reusable blocking FTP client over a reactive {@link FtpClient}: {@link #connect()} opens a
 * {@link BlockingFtpSession}, {@link #withSession(SessionWork)} runs work in one and always closes it. The protocol
 * (RFC 959, with the extensions the reactive client speaks) is the reactive engine's; this class only waits.
 *
 * <pre>{@code
 * BlockingFtpClient client = BlockingFtpClient.of(FtpClient.builder()
 *         .host("ftp.example.com")
 *         .credentials(FtpCredentials.of("alice", secret))
 *         .build());
 * List<FtpEntry> entries = client.withSession(session -> session.list("/pub"));
 * }</pre>
 *
 * <p>Each blocking call waits at most {@link #defaultTimeout()}, then cancels its operation and throws
 * {@link io.ftpflux.core.FtpTimeoutException} ({@link io.ftpflux.core.FtpTimeoutException.Phase#OPERATION}). That
 * bound is a backstop: the reactive client's phase timeouts (connect, reply, data idle...) end a stalled conversation
 * sooner, with the phase named.
 */
public final class BlockingFtpClient {

    /**
     * The default timeout of a blocking call when the reactive client sets no whole-operation timeout
     * ({@link io.ftpflux.reactive.FtpTimeouts#operation()} is zero): one hour, long enough for a large transfer on a
     * slow link, while the phase timeouts catch a server that stalls.
     */
    public static final Duration UNBOUNDED_OPERATION_DEFAULT_TIMEOUT = Duration.ofHours(1);

    private final FtpClient client;
    private final Duration defaultTimeout;

    private BlockingFtpClient(FtpClient client, Duration defaultTimeout) {
        this.client = client;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Wraps a reactive client; blocking calls then wait at most its whole-operation timeout
     * ({@link io.ftpflux.reactive.FtpTimeouts#operation()}), or {@link #UNBOUNDED_OPERATION_DEFAULT_TIMEOUT} when it
     * has none.
     *
     * @param client the reactive client, whose configuration (host, credentials, timeouts, TLS...) applies
     * @return the blocking client
     */
    public static BlockingFtpClient of(FtpClient client) {
        Objects.requireNonNull(client, "client");
        Duration operation = client.timeouts().operation();
        return new BlockingFtpClient(client, operation.isZero() ? UNBOUNDED_OPERATION_DEFAULT_TIMEOUT : operation);
    }

    /**
     * Returns a copy whose blocking calls wait at most the given time; sessions it opens keep it. For a stream
     * ({@link BlockingFtpSession#openInputStream(String)}, {@link BlockingFtpSession#listStream(String)}...) it bounds
     * each wait for more data, not the whole transfer.
     *
     * @param timeout the longest wait, positive
     * @return the new client
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public BlockingFtpClient withDefaultTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the default timeout must be positive: " + timeout);
        }
        return new BlockingFtpClient(client, timeout);
    }

    /**
     * Returns how long a blocking call waits before it cancels its operation.
     *
     * @return the timeout
     */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /**
     * Returns the reactive client underneath, to configure a variant ({@link FtpClient#mutate()}) or to go
     * reactive.
     *
     * @return the reactive client
     */
    public FtpClient reactive() {
        return client;
    }

    /**
     * Opens a session as {@link FtpClient#connect()} does: connects, reads the greeting, logs in, reads the features
     * (RFC 959 §5.4, RFC 2389). The caller closes it, best with try-with-resources.
     *
     * @return the logged-in session
     * @throws io.ftpflux.core.FtpConnectionException if the server cannot be reached or refuses service (421)
     * @throws io.ftpflux.core.FtpReplyException if the login is refused
     * @throws io.ftpflux.core.FtpTimeoutException if a phase, or the whole call, runs out of time
     */
    public BlockingFtpSession connect() {
        return new BlockingFtpSession(Objects.requireNonNull(
                Await.block(client.connect(), defaultTimeout, "connecting to " + client.host() + ":" + client.port()),
                "connect() completed without a session"), defaultTimeout);
    }

    /**
     * Runs work in a fresh session and closes it afterwards (QUIT, RFC 959 §4.1.1), whether the work returns or
     * throws; a failure to close is then added to the work's exception as suppressed.
     *
     * @param work what to do with the session
     * @param <T> what the work returns
     * @return what the work returned
     * @throws IOException if the work threw one
     */
    public <T> T withSession(SessionWork<T> work) throws IOException {
        Objects.requireNonNull(work, "work");
        try (BlockingFtpSession session = connect()) {
            return work.run(session);
        }
    }

    @Override
    public String toString() {
        return "BlockingFtpClient[" + client + ", timeout " + defaultTimeout + "]";
    }
}
