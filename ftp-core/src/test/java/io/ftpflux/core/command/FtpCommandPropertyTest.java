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
        return Arbitraries.strings()
                .all()
                .excludeChars('\r', '\n', '\0')
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
