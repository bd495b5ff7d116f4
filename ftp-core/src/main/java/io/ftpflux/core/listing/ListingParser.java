package io.ftpflux.core.listing;

import org.jspecify.annotations.Nullable;

/**
 * Parses the lines of one listing format (MLSD per RFC 3659 §7, or one server family's LIST output, which
 * RFC 959 §4.1.3 leaves unspecified) into entries.
 *
 * <p>Implementations are stateless and thread-safe; one line is one entry. Obtain them from
 * {@link ListingParsers}.
 */
public interface ListingParser {

    /**
     * Returns the format's short name, for logs and diagnostics.
     *
     * @return a name such as {@code "mlsd"}, {@code "unix"} or {@code "dos"}
     */
    String name();

    /**
     * Parses one line of a listing, without its line terminator.
     *
     * @param line the line as decoded from the data connection
     * @return the entry, or {@code null} when the line is not in this parser's format
     */
    @Nullable FtpEntry parse(String line);

    /**
     * Tells whether a line is a known non-entry line of this format, such as a blank line or the
     * {@code total 12} header of {@code ls -l}; such lines are skipped, not reported as unparsed.
     *
     * @param line the line as decoded from the data connection
     * @return {@code true} if the line carries no entry
     */
    default boolean isNoise(String line) {
        return line.isBlank();
    }
}
