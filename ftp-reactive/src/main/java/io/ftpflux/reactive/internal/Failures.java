package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTimeoutException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import reactor.core.Exceptions;

/**
 * The one place where what Netty, Reactor Netty and the JDK throw on a connection becomes an
 * {@code io.ftpflux.core} exception, so that callers see one hierarchy whatever broke.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * Maps the failure of an established connection: an {@link FtpException} stays as it is, a TLS failure
     * becomes an {@link FtpSecurityException}, anything else (a reset, a broken pipe, an early close) an
     * {@link FtpConnectionException}.
     *
     * @param error what Netty or the JDK reported
     * @param what the connection, for the message: "the control connection", "the data connection of RETR x"
     * @return the exception to report
     */
    public static FtpException ofConnection(Throwable error, String what) {
        Throwable cause = unwrap(error);
        if (cause instanceof FtpException ftp) {
            return ftp;
        }
        if (cause instanceof SSLException tls) {
            return new FtpSecurityException(what + " failed in TLS: " + tls.getMessage(), tls);
        }
        return new FtpConnectionException(what + " failed: " + describe(cause), cause);
    }

    /**
     * Maps the failure to open a connection: a connect timeout becomes an {@link FtpTimeoutException} of the
     * phase, anything else as {@link #ofConnection(Throwable, String)}.
     *
     * @param error what Netty or the JDK reported
     * @param what where the connection was going, for the message: "connecting to ftp.example.com:21"
     * @param phase the phase that has the timeout
     * @param timeout the connect timeout
     * @return the exception to report
     */
    public static FtpException ofConnect(Throwable error, String what, FtpTimeoutException.Phase phase,
            Duration timeout) {
        Throwable cause = unwrap(error);
        if (cause instanceof ConnectTimeoutException) {
            return new FtpTimeoutException(phase, timeout, what);
        }
        return ofConnection(cause, what);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = Exceptions.unwrap(error);
        // Netty wraps what a handler throws while decoding (an SSLException from the SslHandler, for one).
        while (cause instanceof DecoderException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
