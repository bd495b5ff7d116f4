package io.ftpflux.core.command;

/**
 * The representation type of transferred data, the argument of TYPE (RFC 959 §3.1.1, §4.1.2).
 *
 * <p>{@link #IMAGE} (binary) sends bytes unchanged and is the type to use for files; {@link #ASCII}
 * rewrites line ends on the way.
 */
public enum TransferType {
    /** ASCII text with non-print format: line ends become CRLF on the wire (RFC 959 §3.1.1.1). */
    ASCII("A"),
    /** EBCDIC text with non-print format (RFC 959 §3.1.1.2). */
    EBCDIC("E"),
    /** Image, better known as binary: bytes sent unchanged (RFC 959 §3.1.1.3). */
    IMAGE("I"),
    /** Local type with 8-bit logical bytes, equivalent to image on byte-oriented hosts (RFC 959 §3.1.1.4). */
    LOCAL("L 8");

    private final String code;

    TransferType(String code) {
        this.code = code;
    }

    /**
     * Returns the argument of TYPE for this type.
     *
     * @return the wire code, for example {@code "I"} or {@code "L 8"}
     */
    public String code() {
        return code;
    }
}
