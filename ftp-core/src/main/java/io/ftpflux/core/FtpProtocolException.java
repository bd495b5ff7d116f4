package io.ftpflux.core;

import org.jspecify.annotations.Nullable;

/**
 * The server broke the protocol: a malformed reply (RFC 959 §4.2 reply syntax), an oversized reply line or
 * multi-line reply, a reply in the wrong sequence, or a malformed payload (a PASV or EPSV address, a SIZE
 * value). The control connection can no longer be trusted, so the session that saw it is closed.
 */
public class FtpProtocolException extends FtpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception for a protocol violation.
     *
     * @param message what the server sent that is wrong, and what was expected
     */
    public FtpProtocolException(String message) {
        super(message);
    }

    /**
     * Creates an exception for a protocol violation with a cause.
     *
     * @param message what the server sent that is wrong, and what was expected
     * @param cause the underlying failure
     */
    public FtpProtocolException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
