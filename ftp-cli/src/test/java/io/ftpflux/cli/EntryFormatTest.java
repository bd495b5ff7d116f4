package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryFormatTest {

    private static final FtpEntry FILE = FtpEntry.builder("report.pdf", EntryType.FILE)
            .size(123_456L)
            .modified(Instant.parse("2024-03-01T12:34:56Z"))
            .permissions("rw-r--r--")
            .fact("type", "file")
            .fact("unix.mode", "0644")
            .rawLine("type=file;size=123456;modify=20240301123456;unix.mode=0644; report.pdf")
            .build();

    private static final FtpEntry DIRECTORY = FtpEntry.builder("pub", EntryType.DIRECTORY).rawLine("type=dir; pub").build();

    @Test
    void anEntryBecomesTheDocumentedJsonShape() {
        JsonNode json = EntryFormat.toJson(FILE);
        assertThat(json.get("name").asText()).isEqualTo("report.pdf");
        assertThat(json.get("type").asText()).isEqualTo("file");
        assertThat(json.get("size").isNumber()).isTrue();
        assertThat(json.get("size").asLong()).isEqualTo(123_456L);
        assertThat(json.get("modified").asText()).isEqualTo("2024-03-01T12:34:56Z");
        assertThat(json.get("facts").isObject()).isTrue();
        assertThat(json.get("facts").get("unix.mode").asText()).isEqualTo("0644");
    }

    @Test
    void unknownSizeAndTimeAreJsonNulls() {
        JsonNode json = EntryFormat.toJson(DIRECTORY);
        assertThat(json.get("type").asText()).isEqualTo("dir");
        assertThat(json.get("size").isNull()).isTrue();
        assertThat(json.get("modified").isNull()).isTrue();
        assertThat(json.get("facts").size()).isZero();
    }

    @Test
    void typesMapToFourNames() {
        assertThat(EntryFormat.typeName(EntryType.FILE)).isEqualTo("file");
        assertThat(EntryFormat.typeName(EntryType.DIRECTORY)).isEqualTo("dir");
        assertThat(EntryFormat.typeName(EntryType.SYMLINK)).isEqualTo("link");
        assertThat(EntryFormat.typeName(EntryType.OTHER)).isEqualTo("other");
        assertThat(EntryFormat.typeName(EntryType.UNPARSED)).isEqualTo("other");
        assertThat(EntryFormat.toJson(FtpEntry.unparsed("??? odd line")).get("raw").asText()).isEqualTo("??? odd line");
    }

    @Test
    void theLongFormatAlignsItsColumns() {
        FtpEntry link = FtpEntry.builder("latest", EntryType.SYMLINK).linkTarget("pub").rawLine("l").build();
        List<String> lines = EntryFormat.longLines(List.of(FILE, DIRECTORY, link));
        assertThat(lines).containsExactly(
                "-rw-r--r--  123456  2024-03-01 12:34  report.pdf",
                "d                -  -                 pub",
                "l                -  -                 latest -> pub");
    }

    @Test
    void hostileNamesCannotDriveTheTerminal() {
        FtpEntry hostile = FtpEntry.builder("x\u001b[2Jy", EntryType.FILE).rawLine("r").build();
        assertThat(EntryFormat.shortName(hostile)).isEqualTo("x\\u001b[2Jy");
        assertThat(EntryFormat.longLines(List.of(hostile)).get(0)).doesNotContain("\u001b");
        assertThat(EntryFormat.shortName(DIRECTORY)).isEqualTo("pub/");
    }
}
