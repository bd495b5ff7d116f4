package io.ftpflux.core.command;

/**
 * The protection of the data channel, the argument of PROT (RFC 2228 §3, "DATA CHANNEL PROTECTION LEVEL").
 *
 * <p>With TLS (RFC 4217) only {@link #CLEAR} and {@link #PRIVATE} apply: PROT P encrypts the data
 * connections, PROT C leaves them in the clear.
 */
public enum ProtectionLevel {
    /** Clear: no integrity or confidentiality protection (RFC 2228 §3). */
    CLEAR("C"),
    /** Safe: integrity protection only (RFC 2228 §3). */
    SAFE("S"),
    /** Confidential: confidentiality protection only (RFC 2228 §3). */
    CONFIDENTIAL("E"),
    /** Private: integrity and confidentiality protection; what FTPS uses (RFC 2228 §3, RFC 4217). */
    PRIVATE("P");

    private final String code;

    ProtectionLevel(String code) {
        this.code = code;
    }

    /**
     * Returns the argument of PROT for this level.
     *
     * @return the wire code, for example {@code "P"}
     */
    public String code() {
        return code;
    }
}
