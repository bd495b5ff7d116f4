package io.ftpflux.blocking;

import java.io.IOException;

/**
 * Work done with one session by {@link BlockingFtpClient#withSession(SessionWork)}, which closes the session
 * afterwards (RFC 959 §4.1.1 QUIT).
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SessionWork<T> {

    /**
     * Does the work; the session must not be used after this returns.
     *
     * @param session an open, logged-in session
     * @return the work's result, may be {@code null}
     * @throws IOException if a local file or stream fails; FTP failures are the unchecked
     *     {@link io.ftpflux.core.FtpException}s
     */
    T run(BlockingFtpSession session) throws IOException;
}
