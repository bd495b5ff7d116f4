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
        FtpEvent.@Nullable TlsDetails dataTls) implements TransferResult {

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
}
