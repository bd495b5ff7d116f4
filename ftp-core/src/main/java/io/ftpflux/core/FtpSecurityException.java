package io.ftpflux.core;

import org.jspecify.annotations.Nullable;

/**
 * A security guarantee could not be kept: a TLS handshake or certificate failure, a hostname that does not
 * match, TLS required but refused (RFC 4217 §4: AUTH TLS answered negatively, or a session that logs in
 * before TLS), bytes injected before a TLS handshake, or a data address the policy forbids.
 *
 * <p>ftpflux never falls back to a weaker mode on its own; this exception is how it refuses.
 */
public class FtpSecurityException extends FtpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception for a security failure.
     *
     * @param message what was refused, and why
     */
    public FtpSecurityException(String message) {
        super(message);
    }

    /**
     * Creates an exception for a security failure with a cause.
     *
     * @param message what was refused, and why
     * @param cause the underlying failure (for example an {@code SSLHandshakeException})
     */
    public FtpSecurityException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
