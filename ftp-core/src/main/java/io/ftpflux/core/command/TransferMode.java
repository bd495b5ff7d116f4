package io.ftpflux.core.command;

/**
 * The transmission mode of the data connection, the argument of MODE (RFC 959 §3.4, §4.1.2).
 *
 * <p>{@link #STREAM} is the default and what every server supports; REST offsets in stream mode follow
 * RFC 3659 §5.
 */
public enum TransferMode {
    /** Stream mode: a plain byte stream ended by closing the data connection (RFC 959 §3.4.1). */
    STREAM("S"),
    /** Block mode: data in blocks with headers and restart markers (RFC 959 §3.4.2). */
    BLOCK("B"),
    /** Compressed mode: run-length encoded blocks (RFC 959 §3.4.3). */
    COMPRESSED("C"),
    /** Deflate mode: the stream compressed with zlib (draft-preston-ftpext-deflate, "MODE Z"). */
    DEFLATE("Z");

    private final String code;

    TransferMode(String code) {
        this.code = code;
    }

    /**
     * Returns the argument of MODE for this mode.
     *
     * @return the wire code, for example {@code "S"}
     */
    public String code() {
        return code;
    }
}
