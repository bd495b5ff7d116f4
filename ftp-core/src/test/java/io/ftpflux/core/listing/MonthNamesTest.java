package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link MonthNames}: month names as {@code ls -l} prints them, in any case and with or without a dot, and no
 * month for the owners, groups and sizes that the Unix parser also tries as month names.
 */
class MonthNamesTest {

    private static final List<Locale> LOCALES = List.of(Locale.GERMAN, Locale.FRENCH);
    private static final MonthNames MONTHS = new MonthNames(LOCALES);

    @Test
    void readsEnglishNamesInAnyCaseWithOrWithoutADot() {
        for (Month month : Month.values()) {
            for (TextStyle style : new TextStyle[] {TextStyle.SHORT, TextStyle.FULL}) {
                String name = month.getDisplayName(style, Locale.ENGLISH);
                for (String printed : List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT),
                        name + ".")) {
                    assertThat(MONTHS.parse(printed)).as(printed).isEqualTo(month);
                }
            }
        }
    }

    @Test
    void readsTheServersLanguage() {
        assertThat(MONTHS.parse("Mär")).isEqualTo(Month.MARCH);
        assertThat(MONTHS.parse("MÄR.")).isEqualTo(Month.MARCH);
        assertThat(MONTHS.parse("Dez")).isEqualTo(Month.DECEMBER);
        assertThat(MONTHS.parse("févr.")).isEqualTo(Month.FEBRUARY);
        assertThat(MONTHS.parse("FÉVR")).isEqualTo(Month.FEBRUARY);
        assertThat(MONTHS.parse("juil.")).isEqualTo(Month.JULY);
        assertThat(MONTHS.parse("Mai")).isEqualTo(Month.MAY);
    }

    @Test
    void findsNoMonthInOtherColumns() {
        for (String column : List.of("", ".", "..", "ftpflux", "www-data", "1001", "staff", "root", "4096", "Nov5",
                "ju", "jun.e", "novembers", "m\u00e4rzen")) {
            assertThat(MONTHS.parse(column)).as(column).isNull();
        }
    }

    @Property(tries = 1000)
    void caseAndOneTrailingDotDoNotMatter(@ForAll("tokens") String token) {
        Month month = MONTHS.parse(token);
        assertThat(MONTHS.parse(token.toUpperCase(Locale.ROOT))).isEqualTo(month);
        assertThat(MONTHS.parse(token.toLowerCase(Locale.ROOT))).isEqualTo(month);
        if (!token.endsWith(".")) {
            assertThat(MONTHS.parse(token + ".")).isEqualTo(month);
        }
    }

    @Property(tries = 1000)
    void namesAMonthOnlyByOneOfItsNamesOrAPrefixOfThree(@ForAll("tokens") String token) {
        Month month = MONTHS.parse(token);
        if (month != null) {
            String lower = token.toLowerCase(Locale.ROOT);
            String bare = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
            assertThat(Stream.concat(LOCALES.stream(), Stream.of(Locale.ENGLISH))
                    .flatMap(locale -> Stream.of(TextStyle.values()).map(style -> month.getDisplayName(style, locale)))
                    .map(name -> name.toLowerCase(Locale.ROOT))
                    .anyMatch(name -> name.equals(bare) || name.equals(bare + ".")
                            || bare.length() >= 3 && name.startsWith(bare)))
                    .as("%s read as %s", token, month).isTrue();
        }
    }

    /** Letters, often a month's, digits and dots, as the columns before a listing's date hold them. */
    @Provide
    Arbitrary<String> tokens() {
        Arbitrary<String> names = Arbitraries.of(Month.values()).flatMap(month -> Arbitraries.of(
                Stream.concat(LOCALES.stream(), Stream.of(Locale.ENGLISH))
                        .flatMap(locale -> Stream.of(TextStyle.FULL, TextStyle.SHORT)
                                .map(style -> month.getDisplayName(style, locale)))
                        .toList()))
                .flatMap(name -> Arbitraries.integers().between(1, name.length()).map(end -> name.substring(0, end)));
        Arbitrary<String> other = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withChars("0123456789.äéû").ofMaxLength(10);
        return Arbitraries.oneOf(names, other);
    }
}
