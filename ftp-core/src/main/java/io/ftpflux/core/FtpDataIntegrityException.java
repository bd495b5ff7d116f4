package io.ftpflux.core;

/**
 * The bytes of a transfer cannot be trusted: fewer or more bytes than the known size, a data connection
 * that ended without the server's confirming reply, a stored size that differs from what was sent, or a
 * checksum mismatch.
 *
 * <p>A file written by such a transfer is never presented as complete.
 */
public class FtpDataIntegrityException extends FtpException {

    private static final long serialVersionUID = 1L;

    /** The size that was expected, or -1 if unknown. */
    private final long expectedBytes;
    /** The bytes actually transferred or stored, or -1 if unknown. */
    private final long actualBytes;

    /**
     * Creates an exception for a size mismatch.
     *
     * @param message what was transferred and what was expected
     * @param expectedBytes the size that was expected, or {@code -1} if unknown
     * @param actualBytes the bytes actually transferred or stored, or {@code -1} if unknown
     */
    public FtpDataIntegrityException(String message, long expectedBytes, long actualBytes) {
        super(message);
        this.expectedBytes = expectedBytes;
        this.actualBytes = actualBytes;
    }

    /**
     * Creates an exception for a transfer that cannot be confirmed, where sizes do not apply.
     *
     * @param message what could not be confirmed
     */
    public FtpDataIntegrityException(String message) {
        this(message, -1, -1);
    }

    /**
     * Returns the size that was expected.
     *
     * @return the expected size in bytes, or {@code -1} if unknown
     */
    public long expectedBytes() {
        return expectedBytes;
    }

    /**
     * Returns the bytes actually transferred or stored.
     *
     * @return the actual size in bytes, or {@code -1} if unknown
     */
    public long actualBytes() {
        return actualBytes;
    }
}
