package io.ftpflux.reactive;

import io.ftpflux.reactive.event.FtpEvent;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an upload stored (STOR or APPE, RFC 959 §4.1.3; REST, RFC 3659 §5), once the server confirmed it.
 *
 * @param path the remote file, as the caller named it
 * @param bytes the remote file's size as the upload left it: the bytes it already had plus those sent now
 * @param resumedFrom the offset the upload started at, 0 when it replaced the file
 * @param sizeVerified {@code true} when the server reported the stored size afterwards (SIZE or MLST) and it
 *     matched, {@code false} when the check was off or the server could not tell
 * @param dataTls the TLS handshake of the transfer's data connection (RFC 4217 §9, {@code PROT P}): protocol,
 *     cipher suite and whether its session resumed the control connection's; {@code null} when the data connection
 *     was not encrypted ({@code PROT C} or plain FTP), or when no data connection was needed
 */
public record UploadResult(String path, long bytes, long resumedFrom, boolean sizeVerified,
        FtpEvent.@Nullable TlsDetails dataTls) implements TransferResult {

    /**
     * Validates the result.
     *
     * @param path the remote file
     * @param bytes the remote file's size
     * @param resumedFrom the offset the upload started at
     * @param sizeVerified whether the stored size was checked
     * @param dataTls the data connection's TLS handshake, {@code null} when it was not encrypted
     * @throws IllegalArgumentException if the offset is negative or beyond the size
     */
    public UploadResult {
        Objects.requireNonNull(path, "path");
        if (resumedFrom < 0 || resumedFrom > bytes) {
            throw new IllegalArgumentException("resumedFrom must be 0 to bytes (" + bytes + "): " + resumedFrom);
        }
    }

    /**
     * Creates the result of a transfer whose data connection was not encrypted, or that needed none.
     *
     * @param path the remote file
     * @param bytes the remote file's size
     * @param resumedFrom the offset the upload started at
     * @param sizeVerified whether the size was checked
     * @throws IllegalArgumentException if the offset is negative or beyond the size
     */
    public UploadResult(String path, long bytes, long resumedFrom, boolean sizeVerified) {
        this(path, bytes, resumedFrom, sizeVerified, null);
    }
}
