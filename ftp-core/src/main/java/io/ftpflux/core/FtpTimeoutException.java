package io.ftpflux.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A phase of the conversation ran out of time: the server did not answer, or a transfer stalled.
 *
 * <p>Each phase has its own timeout, so a slow consumer applying backpressure never trips the data-idle
 * timeout of a stalled server. After a timeout the session is closed: a late reply could otherwise be taken
 * as the answer to the next command.
 */
public class FtpTimeoutException extends FtpException {

    private static final long serialVersionUID = 1L;

    /** The phase of an FTP conversation a timeout belongs to. */
    public enum Phase {
        /** Opening the control connection (TCP and, for implicit FTPS, TLS). */
        CONNECT,
        /** Waiting for the server's greeting (RFC 959 §5.4: 120 then 220, or 220). */
        GREETING,
        /** Waiting for the reply to a command. */
        REPLY,
        /** Opening a data connection (passive connect or active accept). */
        DATA_CONNECT,
        /** A data connection on which nothing moved while the consumer was ready for more. */
        DATA_IDLE,
        /** A whole operation, end to end. */
        OPERATION,
        /** A TLS handshake on the control or the data connection. */
        HANDSHAKE
    }

    /** The phase that timed out. */
    private final Phase phase;
    /** The time the phase was allowed. */
    private final Duration timeout;

    /**
     * Creates an exception for a phase that ran out of time.
     *
     * @param phase the phase that timed out
     * @param timeout the time the phase was allowed
     * @param detail what was being waited for (for example the command)
     */
    public FtpTimeoutException(Phase phase, Duration timeout, String detail) {
        super(phase + " timed out after " + timeout.toMillis() + " ms: " + detail);
        this.phase = Objects.requireNonNull(phase, "phase");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Returns the phase that timed out.
     *
     * @return the phase
     */
    public Phase phase() {
        return phase;
    }

    /**
     * Returns the time the phase was allowed.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
