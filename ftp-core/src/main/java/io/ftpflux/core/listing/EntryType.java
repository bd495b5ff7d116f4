package io.ftpflux.core.listing;

/**
 * What a listing entry is: the {@code type} fact of RFC 3659 §7.5.1, or the first character of a Unix mode
 * string, mapped to the kinds a caller acts on.
 */
public enum EntryType {
    /** A regular file ({@code type=file}, {@code -} in {@code ls -l}). */
    FILE,
    /**
     * A directory ({@code type=dir}, {@code d} in {@code ls -l}); also the listed directory itself and its
     * parent ({@code type=cdir}, {@code type=pdir}), which {@link FtpEntry#isSelfOrParent()} tells apart.
     */
    DIRECTORY,
    /** A symbolic link ({@code OS.unix=slink}, {@code l} in {@code ls -l}); its target may be known. */
    SYMLINK,
    /**
     * Anything else: a device, a FIFO, a socket, an OS-specific type, or a kind the listing does not tell
     * (NLST names, an MLSD entry without a {@code type} fact).
     */
    OTHER,
    /** A line no parser understood: the entry carries the raw line and nothing else, so nothing is dropped. */
    UNPARSED
}
