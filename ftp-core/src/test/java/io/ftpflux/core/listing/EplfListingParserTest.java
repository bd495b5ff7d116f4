package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EplfListingParserTest {

    private final EplfListingParser parser = new EplfListingParser();

    static Stream<Arguments> entries() {
        return Stream.of(
                Arguments.of("retrievable file with id, time and size",
                        "+i8388621.48594,m825718503,r,s280,\tdjb.html",
                        "djb.html", EntryType.FILE, 280L, Instant.ofEpochSecond(825718503L), null,
                        Map.of("eplf.id", "8388621.48594")),
                Arguments.of("directory whose name is a number",
                        "+i8388621.50690,m824255907,/,\t514",
                        "514", EntryType.DIRECTORY, null, Instant.ofEpochSecond(824255907L), null,
                        Map.of("eplf.id", "8388621.50690")),
                Arguments.of("permissions, empty file, name with spaces",
                        "+up644,r,s0,\tread me.txt",
                        "read me.txt", EntryType.FILE, 0L, null, "644", Map.of("eplf.up", "644")),
                Arguments.of("both / and r: a directory",
                        "+/,r,\tboth",
                        "both", EntryType.DIRECTORY, null, null, null, Map.of()),
                Arguments.of("neither / nor r: other",
                        "+m0,\tneither",
                        "neither", EntryType.OTHER, null, Instant.EPOCH, null, Map.of()),
                Arguments.of("no facts at all",
                        "+\tbare",
                        "bare", EntryType.OTHER, null, null, null, Map.of()),
                Arguments.of("empty facts are skipped",
                        "+,,r,,\tgaps",
                        "gaps", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("unknown facts are ignored",
                        "+xyz,u,r,k42,\tunknown",
                        "unknown", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("last fact without its comma",
                        "+r,s5\tlenient",
                        "lenient", EntryType.FILE, 5L, null, null, Map.of()),
                Arguments.of("the name is everything after the first TAB",
                        "+r,\tname\twith tab ",
                        "name\twith tab ", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("name with leading spaces",
                        "+r,\t  lead",
                        "  lead", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("size that is not a number: no size",
                        "+r,s12a,\tbad-size",
                        "bad-size", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("negative size: no size",
                        "+r,s-5,\tnegative",
                        "negative", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("empty size: no size",
                        "+r,s,\tempty-size",
                        "empty-size", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("size beyond a long: no size",
                        "+r,s99999999999999999999,\thuge",
                        "huge", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("time beyond Instant: no time",
                        "+r,m99999999999999999,\tfar",
                        "far", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("time that is not a number: no time",
                        "+r,m2024-01-01,\tdated",
                        "dated", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("id and permissions without values are ignored",
                        "+i,up,r,\tvalueless",
                        "valueless", EntryType.FILE, null, null, null, Map.of()),
                Arguments.of("later fact wins",
                        "+r,s1,s2,\ttwice",
                        "twice", EntryType.FILE, 2L, null, null, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void parsesEntries(
            String description,
            String line,
            String name,
            EntryType type,
            @Nullable Long size,
            @Nullable Instant modified,
            @Nullable String permissions,
            Map<String, String> facts) {
        ListingAssertions.assertParses(parser, line, name, type, size, modified, permissions, facts);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "+",
        "+r,s5,",
        "+r,s5,name without tab",
        "+r,s5,\t",
        " +r,s5,\tleading blank",
        "i8388621.48594,m825718503,r,s280,\tno plus",
        "-r,\tminus",
        "01-16-24  02:15PM       <DIR>          Some Dir",
    })
    void rejectsLinesOfOtherShapes(String line) {
        assertThat(parser.parse(line)).isNull();
    }

    @Test
    void treatsOnlyBlankLinesAsNoise() {
        assertThat(parser.isNoise("")).isTrue();
        assertThat(parser.isNoise(" \t")).isTrue();
        assertThat(parser.isNoise("+r,\tfile")).isFalse();
    }

    @Test
    void isNamedEplf() {
        assertThat(parser.name()).isEqualTo("eplf");
    }
}
