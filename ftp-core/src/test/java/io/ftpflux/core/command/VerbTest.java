package io.ftpflux.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpUnsafeArgumentException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerbTest {

    @ParameterizedTest
    @EnumSource(StandardVerb.class)
    void everyStandardVerbIsFoundByItsNameInAnyCase(StandardVerb verb) {
        assertThat(Verb.of(verb.name())).isSameAs(verb);
        assertThat(Verb.of(verb.name().toLowerCase(Locale.ROOT))).isSameAs(verb);
    }

    @Test
    void lookupIgnoresCase() {
        assertThat(Verb.of("retr")).isSameAs(StandardVerb.RETR);
        assertThat(Verb.of("Retr")).isSameAs(StandardVerb.RETR);
        assertThat(Verb.of("rEtR")).isSameAs(StandardVerb.RETR);
        assertThat(Verb.of("xsha256")).isSameAs(StandardVerb.XSHA256);
    }

    @Test
    void anUnknownVerbBecomesAnExtensionInUpperCase() {
        Verb verb = Verb.of("xDupe");
        assertThat(verb).isNotInstanceOf(StandardVerb.class);
        assertThat(verb.name()).isEqualTo("XDUPE");
        assertThat(verb).hasToString("XDUPE");
        assertThat(verb.isSensitive()).isFalse();
        assertThat(verb).isEqualTo(Verb.of("XDUPE")).hasSameHashCodeAs(Verb.of("xdupe"));
    }

    @Test
    void extensionVerbsMayHoldDigitsAndUpToSixteenCharacters() {
        assertThat(Verb.of("x1").name()).isEqualTo("X1");
        assertThat(Verb.of("9").name()).isEqualTo("9");
        assertThat(Verb.of("abcdefghijklmnop").name()).isEqualTo("ABCDEFGHIJKLMNOP");
    }

    @Test
    void refusesAnEmptyVerb() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Verb.of(""))
                .withMessage("a verb has 1 to 16 characters, got 0");
    }

    @Test
    void refusesATooLongVerb() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Verb.of("abcdefghijklmnopq"))
                .withMessage("a verb has 1 to 16 characters, got 17");
        assertThatIllegalArgumentException().isThrownBy(() -> Verb.of("A".repeat(100_000)));
    }

    @ParameterizedTest
    @ValueSource(strings = {" RETR", "RETR ", "RE TR", "RETR x", "\tRETR", "RE-TR", "RE_TR", "RETR;", "*", "/"})
    void refusesSpacesAndPunctuation(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Verb.of(name))
                .withMessageContaining("only ASCII letters and digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RETR\r\n", "\rRETR", "RE\nTR", "RETR\0", "QUIT\r\nDELE x"})
    void refusesCrLfAndNulAsAnInjection(String name) {
        assertThatThrownBy(() -> Verb.of(name))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageStartingWith("verb contains ");
    }

    /**
     * Upper-casing maps these to ASCII even in {@link Locale#ROOT}: dotless ı to I, ſ (long s) to S, ß to SS,
     * the ligature ﬁ to FI; they must be refused, not matched to SITE, SIZE, PASS or an extension.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sıte", "ſize", "paß", "ﬁnd", "retré", "ＲＥＴＲ", "ΡΕΤΡ", "size\u0301"})
    void refusesNonAsciiLettersThatUpperCaseToAscii(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Verb.of(name))
                .withMessageContaining("only ASCII letters and digits");
    }

    @Test
    void lookupDoesNotDependOnTheTurkishDefaultLocale() {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            // In Turkish, "i".toUpperCase() is "İ" (dotted capital I): these would miss without Locale.ROOT.
            assertThat(Verb.of("site")).isSameAs(StandardVerb.SITE);
            assertThat(Verb.of("list")).isSameAs(StandardVerb.LIST);
            assertThat(Verb.of("quit")).isSameAs(StandardVerb.QUIT);
            assertThat(Verb.of("mlsd")).isSameAs(StandardVerb.MLSD);
            assertThat(Verb.of("xdiff").name()).isEqualTo("XDIFF");
            assertThat(FtpCommands.site("CHMOD 644 f").line()).isEqualTo("SITE CHMOD 644 f");
        } finally {
            Locale.setDefault(original);
        }
    }

    @Test
    void onlyPassAcctAndAdatAreSensitive() {
        assertThat(StandardVerb.PASS.isSensitive()).isTrue();
        assertThat(StandardVerb.ACCT.isSensitive()).isTrue();
        assertThat(StandardVerb.ADAT.isSensitive()).isTrue();
        assertThat(StandardVerb.USER.isSensitive()).isFalse();
        assertThat(Verb.of("xpass").isSensitive()).isFalse();
    }
}
