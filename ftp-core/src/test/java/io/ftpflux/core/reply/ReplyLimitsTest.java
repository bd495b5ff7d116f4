package io.ftpflux.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyLimitsTest {

    @Test
    void defaultsAre64KibPerLineAnd1MibAnd10000LinesPerReply() {
        ReplyLimits defaults = ReplyLimits.defaults();
        assertThat(defaults.maxLineLength()).isEqualTo(65_536);
        assertThat(defaults.maxReplySize()).isEqualTo(1_048_576);
        assertThat(defaults.maxLines()).isEqualTo(10_000);
    }

    @ParameterizedTest
    @CsvSource({"0, 10, 1, maxLineLength", "-1, 10, 1, maxLineLength", "1, 0, 1, maxReplySize",
        "1, 10, 0, maxLines", "1, 10, -5, maxLines", "11, 10, 1, must not exceed maxReplySize"})
    void invalidLimitsAreRefused(int maxLineLength, int maxReplySize, int maxLines, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReplyLimits(maxLineLength, maxReplySize, maxLines))
                .withMessageContaining(message);
    }

    @Test
    void aLineMayBeAsLongAsAWholeReply() {
        assertThat(new ReplyLimits(10, 10, 1).maxLineLength()).isEqualTo(10);
    }

    @Test
    void withersChangeOneLimitAndValidate() {
        ReplyLimits limits = ReplyLimits.defaults().withMaxLines(100_000).withMaxReplySize(8 << 20);
        assertThat(limits).isEqualTo(new ReplyLimits(65_536, 8 << 20, 100_000));
        assertThat(limits.withMaxLineLength(1024).maxLineLength()).isEqualTo(1024);
        assertThatIllegalArgumentException().isThrownBy(() -> limits.withMaxReplySize(1024));
        assertThatIllegalArgumentException().isThrownBy(() -> limits.withMaxLineLength((8 << 20) + 1));
        assertThatIllegalArgumentException().isThrownBy(() -> limits.withMaxLines(0));
    }
}
