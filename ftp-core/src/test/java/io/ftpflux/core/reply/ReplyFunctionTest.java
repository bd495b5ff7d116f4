package io.ftpflux.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyFunctionTest {

    @ParameterizedTest
    @EnumSource(ReplyFunction.class)
    void ofReturnsTheFunctionOfItsDigit(ReplyFunction function) {
        assertThat(ReplyFunction.of(function.digit())).isSameAs(function);
    }

    @Test
    void digitsFollowTheRfc() {
        assertThat(ReplyFunction.of(0)).isSameAs(ReplyFunction.SYNTAX);
        assertThat(ReplyFunction.of(1)).isSameAs(ReplyFunction.INFORMATION);
        assertThat(ReplyFunction.of(2)).isSameAs(ReplyFunction.CONNECTIONS);
        assertThat(ReplyFunction.of(3)).isSameAs(ReplyFunction.AUTHENTICATION);
        assertThat(ReplyFunction.of(4)).isSameAs(ReplyFunction.UNSPECIFIED);
        assertThat(ReplyFunction.of(5)).isSameAs(ReplyFunction.FILE_SYSTEM);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 8, 9})
    void digitsNoRfcDefinesAreUnspecified(int digit) {
        assertThat(ReplyFunction.of(digit)).isSameAs(ReplyFunction.UNSPECIFIED);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 10, 55, Integer.MAX_VALUE})
    void digitsOutsideZeroToNineAreRefused(int digit) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplyFunction.of(digit))
                .withMessage("reply function digit must be 0 to 9: " + digit);
    }
}
