package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ListingParsersTest {

    private static final ListingOptions OPTIONS = new ListingOptions(
            Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC, List.of(Locale.ENGLISH));

    @Test
    void factoriesNameTheirFormats() {
        assertThat(ListingParsers.mlsd().name()).isEqualTo("mlsd");
        assertThat(ListingParsers.unix(OPTIONS).name()).isEqualTo("unix");
        assertThat(ListingParsers.nlst().name()).isEqualTo("nlst");
        assertThat(ListingParsers.autodetect(OPTIONS).name()).isEqualTo("autodetect");
    }

    @Test
    void autodetectReadsEveryBuiltInFormatLineByLine() {
        ListingParser autodetect = ListingParsers.autodetect(OPTIONS);

        FtpEntry mlsd = autodetect.parse("type=file;size=3; a");
        FtpEntry unix = autodetect.parse("-rw-r--r-- 1 u g 10 Mar  5 12:34 b");

        assertThat(mlsd).isNotNull();
        assertThat(mlsd.name()).isEqualTo("a");
        assertThat(unix).isNotNull();
        assertThat(unix.name()).isEqualTo("b");
        assertThat(autodetect.parse("nothing known")).isNull();
    }

    @Test
    void autodetectKnowsEveryFormatsNoise() {
        ListingParser autodetect = ListingParsers.autodetect(OPTIONS);

        assertThat(autodetect.isNoise("total 12")).isTrue();
        assertThat(autodetect.isNoise(" ")).isTrue();
        assertThat(autodetect.isNoise("type=file; a")).isFalse();
    }

    @Test
    void extraParsersComeBeforeTheBuiltInListFormats() {
        ListingParser claimsAll = new ListingParser() {
            @Override
            public String name() {
                return "everything";
            }

            @Override
            public @Nullable FtpEntry parse(String line) {
                return FtpEntry.builder("mine", EntryType.OTHER).rawLine(line).build();
            }
        };
        ListingParser autodetect = ListingParsers.autodetect(OPTIONS, List.of(claimsAll));

        FtpEntry unixLine = autodetect.parse("-rw-r--r-- 1 u g 10 Mar  5 12:34 b");
        FtpEntry mlsdLine = autodetect.parse("type=file; a");

        assertThat(unixLine).isNotNull();
        assertThat(unixLine.name()).isEqualTo("mine");
        assertThat(mlsdLine).isNotNull();
        assertThat(mlsdLine.name()).as("MLSD stays first").isEqualTo("a");
    }

    @Test
    void nlstTakesEveryNonEmptyLineAsAName() {
        ListingParser nlst = ListingParsers.nlst();

        FtpEntry spaces = nlst.parse("  ");
        assertThat(spaces).isNotNull();
        assertThat(spaces.name()).isEqualTo("  ");
        assertThat(spaces.type()).isEqualTo(EntryType.OTHER);
        assertThat(nlst.parse("")).isNull();
        assertThat(nlst.isNoise("")).isTrue();
        assertThat(nlst.isNoise(" ")).isFalse();
    }
}
