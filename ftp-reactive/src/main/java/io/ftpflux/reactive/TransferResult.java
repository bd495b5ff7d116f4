package io.ftpflux.reactive;

import io.ftpflux.reactive.event.FtpEvent;
import org.jspecify.annotations.Nullable;

/**
 * What a confirmed file transfer did (RFC 959 §4.1.3; REST, RFC 3659 §5; PROT P, RFC 4217 §9): the facts a
 * {@link DownloadResult} and an {@link UploadResult} share, and what follows from them.
 */
public sealed interface TransferResult permits DownloadResult, UploadResult {

    /**
     * Returns the file's size once the transfer ended: the bytes it already had plus those moved now.
     *
     * @return the size in bytes
     */
    long bytes();

    /**
     * Returns the offset the transfer started at.
     *
     * @return 0 for a whole file, else the resumed offset
     */
    long resumedFrom();

    /**
     * Tells whether the size was checked against the server's and matched.
     *
     * @return {@code false} when the check was off or the server could not tell
     */
    boolean sizeVerified();

    /**
     * Returns the TLS handshake of the transfer's data connection.
     *
     * @return protocol, cipher suite and whether the session resumed the control connection's; {@code null} when
     *     the data connection was not encrypted or none was needed
     */
    FtpEvent.@Nullable TlsDetails dataTls();

    /**
     * Returns the bytes this transfer moved.
     *
     * @return {@code bytes - resumedFrom}
     */
    default long transferred() {
        return bytes() - resumedFrom();
    }

    /**
     * Tells whether the transfer continued a partial file.
     *
     * @return {@code true} if it started past the first byte
     */
    default boolean resumed() {
        return resumedFrom() > 0;
    }

    /**
     * Tells whether the transfer's data connection was encrypted ({@code PROT P}, RFC 4217 §9).
     *
     * @return {@code true} if it carried TLS
     */
    default boolean encrypted() {
        return dataTls() != null;
    }

    /**
     * Tells whether the data connection's TLS session resumed the control connection's (RFC 4217 §10.2), as
     * servers that require session reuse demand; not to be confused with {@link #resumed()}, a transfer that
     * continued an earlier one.
     *
     * @return {@code true} if it was encrypted and resumed the control connection's session
     */
    default boolean tlsSessionResumed() {
        FtpEvent.TlsDetails tls = dataTls();
        return tls != null && tls.resumed();
    }
}
