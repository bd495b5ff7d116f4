package io.ftpflux.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpUnsafeArgumentException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class FtpCommandPropertyTest {

    @Provide
    Arbitrary<String> safeArguments() {
        // Every char but surrogates, plus the escapes U+DC80..U+DCFF that stand for a name's undecodable bytes.
        return Arbitraries.strings()
                .withCharRange('\u0001', '\ud7ff')
                .withCharRange('\udc80', '\udcff')
                .withCharRange('\ue000', '\uffff')
                .excludeChars('\r', '\n')
                .ofMinLength(1)
                .ofMaxLength(40);
    }

    @Provide
    Arbitrary<Character> unsafeCharacters() {
        return Arbitraries.of('\r', '\n', '\0');
    }

    @Property(tries = 300)
    void anySafeArgumentIsSentUnchanged(@ForAll("safeArguments") String argument) {
        FtpCommand command = FtpCommand.of(StandardVerb.STOR, argument);
        assertThat(command.argument()).isEqualTo(argument);
        assertThat(command.line()).isEqualTo("STOR " + argument);
    }

    @Provide
    Arbitrary<Character> surrogatesThatAreNoEscapes() {
        return Arbitraries.chars().range('\ud800', '\udfff').filter(c -> c < '\udc80' || c > '\udcff');
    }

    @Property(tries = 300)
    void aLoneSurrogateThatIsNoEscapeIsRefusedAtItsIndex(
            @ForAll("safeArguments") String argument,
            @ForAll("surrogatesThatAreNoEscapes") char lone,
            @ForAll @IntRange(min = 0, max = 40) int position) {
        int index = Math.min(position, argument.length());
        String injected = argument.substring(0, index) + lone + argument.substring(index);
        if (Character.isHighSurrogate(lone) && index < argument.length()
                && Character.isLowSurrogate(argument.charAt(index))) {
            // With the escape after it, it is no longer lone: the two are one valid character.
            assertThat(FtpCommand.of(StandardVerb.DELE, injected).argument()).isEqualTo(injected);
            return;
        }

        assertThatThrownBy(() -> FtpCommand.of(StandardVerb.DELE, injected))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageContaining("lone surrogate")
                .hasMessageContaining("at index " + index);
    }

    @Property(tries = 300)
    void oneUnsafeCharacterAnywhereIsRefusedAtItsIndex(
            @ForAll("safeArguments") String argument,
            @ForAll("unsafeCharacters") char unsafe,
            @ForAll @IntRange(min = 0, max = 40) int position) {
        int index = Math.min(position, argument.length());
        String injected = argument.substring(0, index) + unsafe + argument.substring(index);
        String name = unsafe == '\r' ? "CR" : unsafe == '\n' ? "LF" : "NUL";

        assertThatThrownBy(() -> FtpCommand.of(StandardVerb.STOR, injected))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageContaining(name + " at index " + index);
    }
}
