package io.ftpflux.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplyPayloads#parseTimeVal(String)} and its in-place form (RFC 3659 §2.3) against {@code java.time}: the
 * calendar arithmetic is the parser's own, so every field, leap day and leap second is checked against the JDK's.
 */
class TimeValTest {

    @Property(tries = 3000)
    void agreesWithJavaTime(@ForAll("timeVals") String timeVal) {
        assertThat(ReplyPayloads.parseTimeVal(timeVal)).isEqualTo(byJavaTime(timeVal));
    }

    @Property(tries = 500)
    void readsInPlaceWhatItReadsAlone(@ForAll("timeVals") String timeVal) {
        String line = "modify=" + timeVal + ";perm=r; name";
        int start = line.indexOf('=') + 1;
        assertThat(ReplyPayloads.parseTimeVal(line, start, line.indexOf(';')))
                .isEqualTo(ReplyPayloads.parseTimeVal(timeVal));
    }

    @Test
    void readsCalendarEdges() {
        assertThat(ReplyPayloads.parseTimeVal("19700101000000")).isEqualTo(Instant.EPOCH);
        assertThat(ReplyPayloads.parseTimeVal("00000101000000")).isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
        assertThat(ReplyPayloads.parseTimeVal("99991231235959.999999999"))
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999999Z"));
        assertThat(ReplyPayloads.parseTimeVal("20000229120000")).isEqualTo(Instant.parse("2000-02-29T12:00:00Z"));
        assertThat(ReplyPayloads.parseTimeVal("19000229120000")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("20241231235960")).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(ReplyPayloads.parseTimeVal("20240101000000.5")).isEqualTo(Instant.parse("2024-01-01T00:00:00.5Z"));
        assertThat(ReplyPayloads.parseTimeVal("20240101000000.1234567891234"))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00.123456789Z"));
    }

    @Test
    void refusesWhatIsNotATimeVal() {
        assertThat(ReplyPayloads.parseTimeVal("2024010100000")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("2024010100000x")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("20240101000000.")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("20240101000000,5")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("20240101000000.1234567891x")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("+2024010100000")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("20241301000000")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("20240431000000")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("20240101240000")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("20240101006000")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("20240101000061")).isNull();
        assertThat(ReplyPayloads.parseTimeVal("２０２４0101000000")).isNull();
    }

    @Test
    void refusesARangeOutsideTheText() {
        assertThatThrownBy(() -> ReplyPayloads.parseTimeVal("20240101000000", 2, 15))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** The reading of RFC 3659 §2.3 through LocalDateTime, as the parser did before it computed days itself. */
    private static @Nullable Instant byJavaTime(String value) {
        if (!value.matches("[0-9]{14}(\\.[0-9]+)?")) {
            return null;
        }
        int second = Integer.parseInt(value.substring(12, 14));
        if (second > 60) {
            return null;
        }
        int nanos = value.length() > 14 ? Integer.parseInt((value.substring(15) + "00000000").substring(0, 9)) : 0;
        try {
            LocalDateTime minute = LocalDateTime.of(Integer.parseInt(value.substring(0, 4)),
                    Integer.parseInt(value.substring(4, 6)), Integer.parseInt(value.substring(6, 8)),
                    Integer.parseInt(value.substring(8, 10)), Integer.parseInt(value.substring(10, 12)));
            return Instant.ofEpochSecond(minute.toEpochSecond(ZoneOffset.UTC) + second, nanos);
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    /** Mostly well-formed time-vals with fields a little beyond their ranges, some cut short, some noise. */
    @Provide
    Arbitrary<String> timeVals() {
        Arbitrary<String> fields = Combinators.combine(
                Arbitraries.integers().between(0, 9999), Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 24),
                Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 61))
                .as((year, month, day, hour, minute, second) -> String.format(Locale.ROOT,
                        "%04d%02d%02d%02d%02d%02d", year, month, day, hour, minute, second));
        Arbitrary<String> fractions = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("."),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(14).map(digits -> "." + digits));
        Arbitrary<String> wellFormed = Combinators.combine(fields, fractions).as(String::concat);
        return Arbitraries.frequencyOf(
                Tuple.of(8, wellFormed),
                Tuple.of(1, wellFormed.map(text -> text.substring(0, text.length() - 1))),
                Tuple.of(1, Arbitraries.strings().withChars("0123456789.x ").ofMaxLength(20)));
    }
}
