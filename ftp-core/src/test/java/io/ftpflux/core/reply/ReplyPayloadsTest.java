package io.ftpflux.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpProtocolException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyPayloadsTest {

    @Test
    void pathnameIsTheQuotedTextWithDoubledQuotesUndone() {
        assertThat(ReplyPayloads.pathname(FtpReply.of(257, "\"/home/alice\" is the current directory")))
                .isEqualTo("/home/alice");
        assertThat(ReplyPayloads.pathname(FtpReply.of(257, "\"/a \"\"quoted\"\" dir\" created")))
                .isEqualTo("/a \"quoted\" dir");
        assertThat(ReplyPayloads.pathname(FtpReply.of(257, "\"  leading spaces\"")))
                .isEqualTo("  leading spaces");
        assertThat(ReplyPayloads.pathname(FtpReply.of(257, "\"\"")))
                .isEmpty();
    }

    @Test
    void pathnameRefusesMissingOrUnterminatedQuotesAndOtherCodes() {
        assertThatThrownBy(() -> ReplyPayloads.pathname(FtpReply.of(257, "/home/alice")))
                .isInstanceOf(FtpProtocolException.class).hasMessageContaining("no quoted pathname");
        assertThatThrownBy(() -> ReplyPayloads.pathname(FtpReply.of(257, "\"/home/alice")))
                .isInstanceOf(FtpProtocolException.class).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> ReplyPayloads.pathname(FtpReply.of(250, "\"/x\"")))
                .isInstanceOf(FtpProtocolException.class).hasMessageContaining("257");
    }

    @Test
    void sizeIsADecimalNumber() {
        assertThat(ReplyPayloads.size(FtpReply.of(213, "0"))).isZero();
        assertThat(ReplyPayloads.size(FtpReply.of(213, "5368709120"))).isEqualTo(5_368_709_120L);
        assertThat(ReplyPayloads.size(FtpReply.of(213, "9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "12 bytes", "0x10", "9223372036854775808", "99999999999999999999", "1.5"})
    void sizeRefusesAnythingElse(String text) {
        FtpReply reply = new FtpReply(ReplyCode.of(213), List.of("213 " + text));
        assertThatThrownBy(() -> ReplyPayloads.size(reply)).isInstanceOf(FtpProtocolException.class);
    }

    @Test
    void modificationTimeIsUtcWithOptionalFraction() {
        assertThat(ReplyPayloads.modificationTime(FtpReply.of(213, "20240229103000")))
                .isEqualTo(Instant.parse("2024-02-29T10:30:00Z"));
        assertThat(ReplyPayloads.modificationTime(FtpReply.of(213, "19991231235959.123")))
                .isEqualTo(Instant.parse("1999-12-31T23:59:59.123Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20230229103000", "2024022910300", "20241301000000", "20240101246000", "yesterday",
        "20240101000000.", "20240101006100"})
    void modificationTimeRefusesInvalidTimes(String text) {
        assertThatThrownBy(() -> ReplyPayloads.modificationTime(FtpReply.of(213, text)))
                .isInstanceOf(FtpProtocolException.class);
    }

    @Test
    void announcedByteCountReadsTheHintOfA150() {
        assertThat(ReplyPayloads.announcedByteCount(
                FtpReply.of(150, "Opening BINARY mode data connection for big.bin (1073741824 bytes).")))
                .hasValue(1_073_741_824L);
        assertThat(ReplyPayloads.announcedByteCount(FtpReply.of(150, "Opening data connection (1 byte)")))
                .hasValue(1L);
        assertThat(ReplyPayloads.announcedByteCount(FtpReply.of(150, "File status okay; about to open data")))
                .isEmpty();
        assertThat(ReplyPayloads.announcedByteCount(FtpReply.of(150, "(99999999999999999999 bytes)")))
                .isEmpty();
    }
}
