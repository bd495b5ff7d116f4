package io.ftpflux.core.listing;

import org.jspecify.annotations.Nullable;

/**
 * Reads NLST output (RFC 959 §4.1.3): one name per line and nothing else, so every entry is
 * {@link EntryType#OTHER}, its kind unknown. Only empty lines are noise: a name may consist of spaces.
 *
 * <p>Stateless and thread-safe.
 */
final class NlstListingParser implements ListingParser {

    static final NlstListingParser INSTANCE = new NlstListingParser();

    private NlstListingParser() {
    }

    @Override
    public String name() {
        return "nlst";
    }

    @Override
    public @Nullable FtpEntry parse(String line) {
        return line.isEmpty() ? null : FtpEntry.builder(line, EntryType.OTHER).rawLine(line).build();
    }

    @Override
    public boolean isNoise(String line) {
        return line.isEmpty();
    }
}
