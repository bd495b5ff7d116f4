package io.ftpflux.reactive;

import io.ftpflux.core.FtpTimeoutException.Phase;
import java.time.Duration;
import java.util.Objects;

/**
 * How long each phase of an FTP conversation may take; each phase that runs out fails with
 * {@link io.ftpflux.core.FtpTimeoutException} naming it.
 *
 * <p>The data-idle timeout counts only while the subscriber wants more: a consumer applying backpressure
 * never trips it, a stalled server does. {@link Duration#ZERO} for {@code operation} means no bound on whole
 * operations (a 1 GiB transfer on a slow link is not a fault).
 *
 * @param connect opening the control connection, TLS included
 * @param greeting the server's greeting after connecting
 * @param reply the first reply to a command, and the final reply after a transfer's data ended
 * @param dataConnect opening a data connection
 * @param dataIdle a data connection on which nothing moved while the subscriber wanted more
 * @param operation a whole operation, or {@link Duration#ZERO} for none
 */
public record FtpTimeouts(
        Duration connect, Duration greeting, Duration reply, Duration dataConnect, Duration dataIdle,
        Duration operation) {

    /**
     * Validates the timeouts: all positive, except {@code operation}, which may be zero.
     *
     * @param connect opening the control connection, TLS included
     * @param greeting the server's greeting after connecting
     * @param reply the first reply to a command, and the final reply after a transfer's data ended
     * @param dataConnect opening a data connection
     * @param dataIdle a data connection on which nothing moved while the subscriber wanted more
     * @param operation a whole operation, or {@link Duration#ZERO} for none
     * @throws IllegalArgumentException if a timeout is not positive, or {@code operation} is negative
     */
    public FtpTimeouts {
        requirePositive(connect, Phase.CONNECT);
        requirePositive(greeting, Phase.GREETING);
        requirePositive(reply, Phase.REPLY);
        requirePositive(dataConnect, Phase.DATA_CONNECT);
        requirePositive(dataIdle, Phase.DATA_IDLE);
        Objects.requireNonNull(operation, "operation");
        if (operation.isNegative()) {
            throw new IllegalArgumentException("operation timeout must not be negative: " + operation);
        }
    }

    /**
     * Returns the defaults: 30 s to connect, greet, reply, open data and stay idle; no bound on operations.
     *
     * @return the default timeouts
     */
    public static FtpTimeouts defaults() {
        Duration thirty = Duration.ofSeconds(30);
        return new FtpTimeouts(thirty, thirty, thirty, thirty, thirty, Duration.ZERO);
    }

    /**
     * Returns the same timeout for every phase but {@code operation}, which stays unbounded.
     *
     * @param timeout the timeout of each phase
     * @return the timeouts
     */
    public static FtpTimeouts of(Duration timeout) {
        return new FtpTimeouts(timeout, timeout, timeout, timeout, timeout, Duration.ZERO);
    }

    /**
     * Returns a copy with another connect timeout.
     *
     * @param timeout the new timeout
     * @return the new timeouts
     */
    public FtpTimeouts withConnect(Duration timeout) {
        return new FtpTimeouts(timeout, greeting, reply, dataConnect, dataIdle, operation);
    }

    /**
     * Returns a copy with another greeting timeout.
     *
     * @param timeout the new timeout
     * @return the new timeouts
     */
    public FtpTimeouts withGreeting(Duration timeout) {
        return new FtpTimeouts(connect, timeout, reply, dataConnect, dataIdle, operation);
    }

    /**
     * Returns a copy with another reply timeout.
     *
     * @param timeout the new timeout
     * @return the new timeouts
     */
    public FtpTimeouts withReply(Duration timeout) {
        return new FtpTimeouts(connect, greeting, timeout, dataConnect, dataIdle, operation);
    }

    /**
     * Returns a copy with another data-connect timeout.
     *
     * @param timeout the new timeout
     * @return the new timeouts
     */
    public FtpTimeouts withDataConnect(Duration timeout) {
        return new FtpTimeouts(connect, greeting, reply, timeout, dataIdle, operation);
    }

    /**
     * Returns a copy with another data-idle timeout.
     *
     * @param timeout the new timeout
     * @return the new timeouts
     */
    public FtpTimeouts withDataIdle(Duration timeout) {
        return new FtpTimeouts(connect, greeting, reply, dataConnect, timeout, operation);
    }

    /**
     * Returns a copy with another whole-operation timeout.
     *
     * @param timeout the new timeout, or {@link Duration#ZERO} for none
     * @return the new timeouts
     */
    public FtpTimeouts withOperation(Duration timeout) {
        return new FtpTimeouts(connect, greeting, reply, dataConnect, dataIdle, timeout);
    }

    private static void requirePositive(Duration timeout, Phase phase) {
        Objects.requireNonNull(timeout, phase.name());
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(phase + " timeout must be positive: " + timeout);
        }
    }
}
