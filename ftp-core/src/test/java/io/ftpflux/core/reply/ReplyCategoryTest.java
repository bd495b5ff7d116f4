package io.ftpflux.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyCategoryTest {

    @ParameterizedTest
    @EnumSource(ReplyCategory.class)
    void ofReturnsTheCategoryOfItsDigit(ReplyCategory category) {
        assertThat(ReplyCategory.of(category.digit())).isSameAs(category);
    }

    @Test
    void digitsFollowTheRfc() {
        assertThat(ReplyCategory.of(1)).isSameAs(ReplyCategory.POSITIVE_PRELIMINARY);
        assertThat(ReplyCategory.of(2)).isSameAs(ReplyCategory.POSITIVE_COMPLETION);
        assertThat(ReplyCategory.of(3)).isSameAs(ReplyCategory.POSITIVE_INTERMEDIATE);
        assertThat(ReplyCategory.of(4)).isSameAs(ReplyCategory.TRANSIENT_NEGATIVE);
        assertThat(ReplyCategory.of(5)).isSameAs(ReplyCategory.PERMANENT_NEGATIVE);
        assertThat(ReplyCategory.of(6)).isSameAs(ReplyCategory.PROTECTED);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 7, 9, 10, Integer.MAX_VALUE})
    void digitsOutsideOneToSixAreRefused(int digit) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplyCategory.of(digit))
                .withMessage("reply category digit must be 1 to 6: " + digit);
    }

    @Test
    void onlyPreliminaryRepliesAreNotFinal() {
        for (ReplyCategory category : ReplyCategory.values()) {
            assertThat(category.isFinal()).as("%s", category)
                    .isEqualTo(category != ReplyCategory.POSITIVE_PRELIMINARY);
        }
    }

    @Test
    void onlyFourAndFiveAreNegative() {
        for (ReplyCategory category : ReplyCategory.values()) {
            assertThat(category.isNegative()).as("%s", category)
                    .isEqualTo(category.digit() == 4 || category.digit() == 5);
        }
    }
}
