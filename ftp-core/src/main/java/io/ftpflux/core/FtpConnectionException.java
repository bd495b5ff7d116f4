package io.ftpflux.core;

import io.ftpflux.core.reply.FtpReply;
import org.jspecify.annotations.Nullable;

/**
 * The control or data connection failed, was closed, or the server announced it is closing it
 * (RFC 959 §4.2, reply 421 "Service not available, closing control connection").
 *
 * <p>The session is no longer usable. When the server said why (a 421), the reply is available.
 */
public class FtpConnectionException extends FtpException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable FtpReply reply;

    /**
     * Creates an exception for a failed or closed connection.
     *
     * @param message what happened
     * @param cause the I/O failure, if any
     */
    public FtpConnectionException(String message, @Nullable Throwable cause) {
        this(message, cause, null);
    }

    /**
     * Creates an exception for a connection the server closed with a reply (typically 421).
     *
     * @param message what happened
     * @param cause the I/O failure, if any
     * @param reply the server's closing reply, if it sent one
     */
    public FtpConnectionException(String message, @Nullable Throwable cause, @Nullable FtpReply reply) {
        super(message, cause);
        this.reply = reply;
    }

    /**
     * Returns the reply with which the server closed the connection.
     *
     * @return the reply (typically a 421), or {@code null} when the connection simply broke
     */
    public @Nullable FtpReply reply() {
        return reply;
    }
}
