package io.ftpflux.core.listing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chooses one format for one listing: the first candidate that parses the first entry line is kept, since a
 * server sends one format throughout; a line it rejects is still tried with the other candidates, and a line
 * none understands becomes {@link FtpEntry#unparsed(String)}, so no line is lost.
 *
 * <p>Stateful, one per listing, not thread-safe.
 */
final class ParserSelection {

    private final List<ListingParser> candidates;
    private @Nullable ListingParser chosen;

    ParserSelection(List<ListingParser> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("at least one parser");
        }
        this.candidates = List.copyOf(candidates);
    }

    /**
     * Reads one line.
     *
     * @param line the line, without its terminator
     * @return its entry, or {@code null} if the line is noise
     */
    @Nullable FtpEntry read(String line) {
        ListingParser current = chosen;
        if (current != null) {
            // The chosen format parses first: another format's noise rule must not hide one of its entries.
            FtpEntry entry = current.parse(line);
            if (entry != null) {
                return entry;
            }
        }
        if (isNoise(line)) {
            return null;
        }
        for (ListingParser candidate : candidates) {
            if (candidate == current) {
                continue;
            }
            FtpEntry entry = candidate.parse(line);
            if (entry != null) {
                if (current == null) {
                    chosen = candidate;
                }
                return entry;
            }
        }
        return FtpEntry.unparsed(line);
    }

    /**
     * Returns the format chosen so far.
     *
     * @return the parser of the first entry line, or {@code null} before one was read
     */
    @Nullable ListingParser chosen() {
        return chosen;
    }

    private boolean isNoise(String line) {
        for (ListingParser candidate : candidates) {
            if (candidate.isNoise(line)) {
                return true;
            }
        }
        return false;
    }
}
