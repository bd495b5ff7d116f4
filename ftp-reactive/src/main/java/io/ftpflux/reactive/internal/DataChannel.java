package io.ftpflux.reactive.internal;

import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * A data connection prepared for one transfer (RFC 959 §3.2), in either mode: in passive mode already connected,
 * in active mode a listener the server will connect to once it has the transfer command.
 *
 * <p>The transfer sends its command first and subscribes to {@link #connection()} after, racing it against a
 * refusal on the control connection. Whoever prepared the channel closes it with {@link #close()} once the
 * transfer ended, however it ended.
 */
public interface DataChannel {

    /**
     * Returns the established data connection: at once in passive mode; in active mode when the server's
     * connection was accepted, failing with {@link io.ftpflux.core.FtpTimeoutException} (phase
     * {@code DATA_CONNECT}) when none came in time, or {@link io.ftpflux.core.FtpSecurityException} when it came
     * from another host than the control connection's peer. Subscribe at most once; the subscriber owns the
     * connection it receives and closes it.
     *
     * @return the data connection
     */
    Mono<Connection> connection();

    /**
     * Frees what was not handed over: the listener, and a connection nobody took. A connection that
     * {@link #connection()} emitted is left to its owner. Idempotent, never blocks.
     */
    void close();

    /**
     * Wraps a connection opened before the transfer command (passive mode).
     *
     * @param connection the connected data connection
     * @return the channel
     */
    static DataChannel connected(Connection connection) {
        return new PassiveDataChannel(connection);
    }
}
