package io.ftpflux.core.command;

/**
 * The structure of a file, the argument of STRU (RFC 959 §3.1.2, §4.1.2).
 *
 * <p>{@link #FILE} (a plain sequence of bytes) is the default and the only structure most servers
 * support.
 */
public enum FileStructure {
    /** File structure: no internal structure, a continuous sequence of bytes (RFC 959 §3.1.2.1). */
    FILE("F"),
    /** Record structure: the file is a sequence of records (RFC 959 §3.1.2.2). */
    RECORD("R"),
    /** Page structure: the file is made of independent indexed pages (RFC 959 §3.1.2.3). */
    PAGE("P");

    private final String code;

    FileStructure(String code) {
        this.code = code;
    }

    /**
     * Returns the argument of STRU for this structure.
     *
     * @return the wire code, for example {@code "F"}
     */
    public String code() {
        return code;
    }
}
