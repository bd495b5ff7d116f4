package io.ftpflux.core;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception ftpflux throws; unchecked, so reactive pipelines carry it as an error signal.
 *
 * <p>Subtypes name the failure class a caller decides on: a negative reply from the server
 * ({@link FtpReplyException}, split by RFC 959 §4.2 category), a lost connection
 * ({@link FtpConnectionException}), a reply that breaks the protocol ({@link FtpProtocolException}), a
 * phase that ran out of time ({@link FtpTimeoutException}), a TLS or security failure
 * ({@link FtpSecurityException}), a transfer whose bytes cannot be trusted ({@link FtpDataIntegrityException})
 * and an argument that must never reach the wire ({@link FtpUnsafeArgumentException}). Decide on the type,
 * never on the message.
 */
public class FtpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what happened, in one line a person understands
     */
    public FtpException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what happened, in one line a person understands
     * @param cause the underlying failure, if any
     */
    public FtpException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
