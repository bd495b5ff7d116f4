package io.ftpflux.interop;

/** The checks of the contract, one test method each, in the order of the result table's columns. */
enum Check {
    LOGIN("login", "logs in, PWD is /, NOOP"),
    MLSD("MLSD", "MLSD of a known tree: names, types, sizes, modification times (RFC 3659 §7)"),
    LIST("LIST", "LIST of the same tree, parsed: names, types, sizes, no unparsed line (RFC 959 §4.1.3)"),
    LARGE_FILE("large file", "upload and download of a large file (100 MiB unless set; 8 MiB in the cells that do "
            + "not move it whole), compared by SHA-256"),
    RESUME_DOWNLOAD("resume download", "download continuing a .part file (REST + RETR), and from an offset"),
    RESUME_UPLOAD("resume upload", "upload continuing a partial remote file (SIZE, then REST + STOR or APPE)"),
    FILE_OPERATIONS("rename, delete, dirs", "MKD, RNFR/RNTO of a file and a directory, DELE, RMD, refusals"),
    AWKWARD_NAMES("awkward names",
            "names with spaces, a leading dash and UTF-8 through upload, listing, download, rename"),
    DASH_LISTING("dash-named dir", "listing of a directory by a relative name that starts with a dash");

    private final String column;
    private final String description;

    Check(String column, String description) {
        this.column = column;
        this.description = description;
    }

    /** The column header in the result table. */
    String column() {
        return column;
    }

    /** What the check proves. */
    String description() {
        return description;
    }

    /** A short form for remote directory names. */
    String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return column;
    }
}
