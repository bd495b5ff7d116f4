package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The check the table-driven parser tests share: a line parses to exactly the expected entry. */
final class ListingAssertions {

    private ListingAssertions() {
    }

    /**
     * Asserts that a parser reads a line as the given entry, with no link target and the line kept as its raw line.
     */
    static FtpEntry assertParses(ListingParser parser, String line, String name, EntryType type, @Nullable Long size,
            @Nullable Instant modified, @Nullable String permissions, Map<String, String> facts) {
        FtpEntry entry = parser.parse(line);

        assertThat(entry).isNotNull();
        assertThat(entry.name()).isEqualTo(name);
        assertThat(entry.type()).isEqualTo(type);
        assertThat(entry.size()).isEqualTo(size);
        assertThat(entry.modified()).isEqualTo(modified);
        assertThat(entry.permissions()).isEqualTo(permissions);
        assertThat(entry.linkTarget()).isNull();
        assertThat(entry.facts()).isEqualTo(facts);
        assertThat(entry.rawLine()).isEqualTo(line);
        return entry;
    }
}
