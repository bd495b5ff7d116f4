package io.ftpflux.reactive;

import io.ftpflux.reactive.event.FtpEvent;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a download to a file produced (RETR, RFC 959 §4.1.3; REST, RFC 3659 §5): the complete file, renamed to
 * its target after the server confirmed the transfer.
 *
 * @param target the file written
 * @param bytes the file's size: the bytes kept from an earlier attempt plus those transferred now
 * @param resumedFrom the offset the transfer started at (REST), 0 when it started over
 * @param sizeVerified {@code true} when the byte count was checked against a size the server reported (SIZE,
 *     MLST or the 150 reply), {@code false} when the server reported none and only its 226 vouches for the file
 * @param dataTls the TLS handshake of the transfer's data connection (RFC 4217 §9, {@code PROT P}): protocol,
 *     cipher suite and whether its session resumed the control connection's; {@code null} when the data connection
 *     was not encrypted ({@code PROT C} or plain FTP), or when no data connection was needed
 */
public record DownloadResult(Path target, long bytes, long resumedFrom, boolean sizeVerified,
        FtpEvent.@Nullable TlsDetails dataTls) {

    /**
     * Validates the result.
     *
     * @param target the file written
     * @param bytes the file's size
     * @param resumedFrom the offset the transfer started at
     * @param sizeVerified whether the size was checked
     * @param dataTls the data connection's TLS handshake, {@code null} when it was not encrypted
     * @throws IllegalArgumentException if the offset is negative or beyond the size
     */
    public DownloadResult {
        Objects.requireNonNull(target, "target");
        if (resumedFrom < 0 || resumedFrom > bytes) {
            throw new IllegalArgumentException("resumedFrom must be 0 to bytes (" + bytes + "): " + resumedFrom);
        }
    }

    /**
     * Creates the result of a transfer whose data connection was not encrypted, or that needed none.
     *
     * @param target the file written
     * @param bytes the file's size
     * @param resumedFrom the offset the transfer started at
     * @param sizeVerified whether the size was checked
     * @throws IllegalArgumentException if the offset is negative or beyond the size
     */
    public DownloadResult(Path target, long bytes, long resumedFrom, boolean sizeVerified) {
        this(target, bytes, resumedFrom, sizeVerified, null);
    }

    /**
     * Returns the bytes this transfer moved.
     *
     * @return {@code bytes - resumedFrom}
     */
    public long transferred() {
        return bytes - resumedFrom;
    }

    /**
     * Tells whether the download continued an earlier attempt.
     *
     * @return {@code true} if it started past the first byte
     */
    public boolean resumed() {
        return resumedFrom > 0;
    }

    /**
     * Tells whether the transfer's data connection was encrypted ({@code PROT P}, RFC 4217 §9).
     *
     * @return {@code true} if it carried TLS
     */
    public boolean encrypted() {
        return dataTls != null;
    }

    /**
     * Tells whether the data connection's TLS session resumed the control connection's (RFC 4217 §10.2), as
     * servers that require session reuse demand; not to be confused with {@link #resumed()}, a transfer that
     * continued an earlier one.
     *
     * @return {@code true} if it was encrypted and resumed the control connection's session
     */
    public boolean tlsSessionResumed() {
        return dataTls != null && dataTls.resumed();
    }
}
