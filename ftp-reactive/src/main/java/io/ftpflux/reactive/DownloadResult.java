package io.ftpflux.reactive;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a download to a file produced (RETR, RFC 959 §4.1.3; REST, RFC 3659 §5): the complete file, renamed to
 * its target after the server confirmed the transfer.
 *
 * @param target the file written
 * @param bytes the file's size: the bytes kept from an earlier attempt plus those transferred now
 * @param resumedFrom the offset the transfer started at (REST), 0 when it started over
 * @param sizeVerified {@code true} when the byte count was checked against a size the server reported (SIZE,
 *     MLST or the 150 reply), {@code false} when the server reported none and only its 226 vouches for the file
 */
public record DownloadResult(Path target, long bytes, long resumedFrom, boolean sizeVerified) {

    /**
     * Validates the result.
     *
     * @param target the file written
     * @param bytes the file's size
     * @param resumedFrom the offset the transfer started at
     * @param sizeVerified whether the size was checked
     * @throws IllegalArgumentException if the offset is negative or beyond the size
     */
    public DownloadResult {
        Objects.requireNonNull(target, "target");
        if (resumedFrom < 0 || resumedFrom > bytes) {
            throw new IllegalArgumentException("resumedFrom must be 0 to bytes (" + bytes + "): " + resumedFrom);
        }
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
}
