package io.ftpflux.reactive;

import java.util.Objects;

/**
 * What an upload stored (STOR or APPE, RFC 959 §4.1.3; REST, RFC 3659 §5), once the server confirmed it.
 *
 * @param path the remote file, as the caller named it
 * @param bytes the remote file's size as the upload left it: the bytes it already had plus those sent now
 * @param resumedFrom the offset the upload started at, 0 when it replaced the file
 * @param sizeVerified {@code true} when the server reported the stored size afterwards (SIZE or MLST) and it
 *     matched, {@code false} when the check was off or the server could not tell
 */
public record UploadResult(String path, long bytes, long resumedFrom, boolean sizeVerified) {

    /**
     * Validates the result.
     *
     * @param path the remote file
     * @param bytes the remote file's size
     * @param resumedFrom the offset the upload started at
     * @param sizeVerified whether the stored size was checked
     * @throws IllegalArgumentException if the offset is negative or beyond the size
     */
    public UploadResult {
        Objects.requireNonNull(path, "path");
        if (resumedFrom < 0 || resumedFrom > bytes) {
            throw new IllegalArgumentException("resumedFrom must be 0 to bytes (" + bytes + "): " + resumedFrom);
        }
    }

    /**
     * Returns the bytes this upload sent.
     *
     * @return {@code bytes - resumedFrom}
     */
    public long transferred() {
        return bytes - resumedFrom;
    }

    /**
     * Tells whether the upload continued a partial remote file.
     *
     * @return {@code true} if it started past the first byte
     */
    public boolean resumed() {
        return resumedFrom > 0;
    }
}
