package io.ftpflux.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyCodeTest {

    /** The codes of RFC 959 §4.2.2, RFC 2228 and RFC 2428, written out independently of ReplyCode. */
    private static final List<Integer> RFC_CODES = List.of(
            110, 120, 125, 150, 200, 202, 211, 212, 213, 214, 215, 220, 221, 225, 226, 227, 230, 250, 257, 331,
            332, 350, 421, 425, 426, 450, 451, 452, 500, 501, 502, 503, 504, 530, 532, 550, 551, 552, 553,
            232, 234, 235, 334, 335, 336, 431, 533, 534, 535, 536, 537, 631, 632, 633,
            229, 522);

    private static List<ReplyCode> constants() {
        return Stream.of(ReplyCode.class.getDeclaredFields())
                .filter(field -> field.getType() == ReplyCode.class)
                .filter(field -> Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers()))
                .map(ReplyCodeTest::read)
                .collect(Collectors.toList());
    }

    private static ReplyCode read(Field field) {
        try {
            return (ReplyCode) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyRfcCodeHasExactlyOneConstant() {
        assertThat(constants()).extracting(ReplyCode::value).containsExactlyInAnyOrderElementsOf(RFC_CODES);
    }

    @Test
    void everyConstantsCategoryAndFunctionMatchItsDigits() {
        for (ReplyCode code : constants()) {
            int first = code.value() / 100;
            int second = code.value() / 10 % 10;
            assertThat(code.category().digit()).as("category of %s", code).isEqualTo(first);
            assertThat(code.function().digit()).as("function of %s", code).isEqualTo(second);
        }
    }

    @Test
    void everyConstantIsTheSharedInstanceOfItsValue() {
        for (ReplyCode code : constants()) {
            assertThat(ReplyCode.of(code.value())).isSameAs(code);
        }
    }

    @Test
    void everyConstantHasItsRfcDescription() {
        for (ReplyCode code : constants()) {
            assertThat(code.description()).as("description of %s", code)
                    .isNotBlank()
                    .doesNotStartWith("Non-standard")
                    .endsWith(code.value() == 336 ? "\"....\"" : ".");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "120 => Service ready in nnn minutes.",
        "150 => File status okay; about to open data connection.",
        "227 => Entering Passive Mode (h1,h2,h3,h4,p1,p2).",
        "229 => Entering Extended Passive Mode (|||port|).",
        "257 => \"PATHNAME\" created.",
        "421 => Service not available, closing control connection.",
        "425 => Can't open data connection.",
        "550 => Requested action not taken. File unavailable (e.g., file not found, no access).",
        "534 => Request denied for policy reasons.",
        "631 => Integrity protected reply."
    })
    void descriptionsAreTheRfcText(int value, String description) {
        assertThat(ReplyCode.of(value).description()).isEqualTo(description);
    }

    @Test
    void namedConstantsHaveTheirCodes() {
        assertThat(ReplyCode.SERVICE_READY_IN_MINUTES.value()).isEqualTo(120);
        assertThat(ReplyCode.FILE_STATUS_OK_OPENING_DATA.value()).isEqualTo(150);
        assertThat(ReplyCode.CLOSING_DATA_CONNECTION.value()).isEqualTo(226);
        assertThat(ReplyCode.ENTERING_PASSIVE_MODE.value()).isEqualTo(227);
        assertThat(ReplyCode.ENTERING_EXTENDED_PASSIVE_MODE.value()).isEqualTo(229);
        assertThat(ReplyCode.SECURITY_DATA_EXCHANGE_COMPLETE.value()).isEqualTo(234);
        assertThat(ReplyCode.SERVICE_NOT_AVAILABLE.value()).isEqualTo(421);
        assertThat(ReplyCode.NETWORK_PROTOCOL_NOT_SUPPORTED.value()).isEqualTo(522);
        assertThat(ReplyCode.NOT_LOGGED_IN.value()).isEqualTo(530);
        assertThat(ReplyCode.FILE_UNAVAILABLE.value()).isEqualTo(550);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100 | Non-standard positive preliminary reply (syntax)",
        "299 | Non-standard positive completion reply (unspecified)",
        "454 | Non-standard transient negative reply (file system)",
        "599 | Non-standard permanent negative reply (unspecified)",
        "600 | Non-standard protected reply (syntax)",
        "699 | Non-standard protected reply (unspecified)",
        "228 | Non-standard positive completion reply (connections)",
        "311 | Non-standard positive intermediate reply (information)",
        "539 | Non-standard permanent negative reply (authentication)"
    })
    void unknownCodesSurviveWithAGenericDescription(int value, String description) {
        ReplyCode code = ReplyCode.of(value);
        assertThat(code.value()).isEqualTo(value);
        assertThat(code).hasToString(Integer.toString(value));
        assertThat(code.description()).isEqualTo(description);
        assertThat(code.category().digit()).isEqualTo(value / 100);
        assertThat(ReplyCode.of(value)).isEqualTo(code).isNotSameAs(code);
    }

    @Test
    void everyValidValueHasACodeWithADescription() {
        for (int value = 100; value <= 699; value++) {
            ReplyCode code = ReplyCode.of(value);
            assertThat(code.value()).isEqualTo(value);
            assertThat(code.description()).isNotBlank();
            assertThat(code.category()).isEqualTo(ReplyCategory.of(value / 100));
            assertThat(code.function()).isEqualTo(ReplyFunction.of(value / 10 % 10));
        }
    }

    @Test
    void equalityIsByValueWhetherSharedOrNew() {
        ReplyCode created = new ReplyCode(550);
        assertThat(created).isNotSameAs(ReplyCode.FILE_UNAVAILABLE)
                .isEqualTo(ReplyCode.FILE_UNAVAILABLE)
                .hasSameHashCodeAs(ReplyCode.FILE_UNAVAILABLE);
        assertThat(created.description()).isEqualTo(ReplyCode.FILE_UNAVAILABLE.description());
        assertThat(new ReplyCode(299)).isEqualTo(ReplyCode.of(299)).isNotEqualTo(ReplyCode.of(298));
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -550, -1, 0, 1, 55, 99, 700, 999, 1000, 5500, Integer.MAX_VALUE})
    void valuesOutsideTheRangeAreRefused(int value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplyCode.of(value))
                .withMessage("reply code must be 100 to 699: " + value);
        assertThatIllegalArgumentException().isThrownBy(() -> new ReplyCode(value));
    }

    @Test
    void transientAndPermanentFollowTheFirstDigit() {
        assertThat(ReplyCode.SERVICE_NOT_AVAILABLE.isTransient()).isTrue();
        assertThat(ReplyCode.FILE_ACTION_NOT_TAKEN.isTransient()).isTrue();
        assertThat(ReplyCode.of(499).isTransient()).isTrue();
        assertThat(ReplyCode.FILE_UNAVAILABLE.isTransient()).isFalse();
        assertThat(ReplyCode.FILE_UNAVAILABLE.isPermanent()).isTrue();
        assertThat(ReplyCode.of(599).isPermanent()).isTrue();
        assertThat(ReplyCode.SERVICE_NOT_AVAILABLE.isPermanent()).isFalse();
        for (ReplyCode positive : List.of(ReplyCode.RESTART_MARKER, ReplyCode.COMMAND_OK,
                ReplyCode.USER_NAME_OK_NEED_PASSWORD, ReplyCode.INTEGRITY_PROTECTED_REPLY)) {
            assertThat(positive.isTransient()).as("%s", positive).isFalse();
            assertThat(positive.isPermanent()).as("%s", positive).isFalse();
            assertThat(positive.isNegative()).as("%s", positive).isFalse();
        }
        assertThat(ReplyCode.CANNOT_OPEN_DATA_CONNECTION.isNegative()).isTrue();
        assertThat(ReplyCode.NOT_LOGGED_IN.isNegative()).isTrue();
    }

    @Test
    void connectionFileSystemAndAuthenticationFollowTheSecondDigit() {
        assertThat(List.of(ReplyCode.SERVICE_NOT_AVAILABLE, ReplyCode.CANNOT_OPEN_DATA_CONNECTION,
                ReplyCode.CONNECTION_CLOSED_TRANSFER_ABORTED, ReplyCode.ENTERING_PASSIVE_MODE,
                ReplyCode.NETWORK_PROTOCOL_NOT_SUPPORTED))
                .allMatch(ReplyCode::isConnectionRelated)
                .noneMatch(ReplyCode::isFileSystemRelated)
                .noneMatch(ReplyCode::isAuthenticationRelated);
        assertThat(List.of(ReplyCode.FILE_ACTION_NOT_TAKEN, ReplyCode.ACTION_ABORTED_LOCAL_ERROR,
                ReplyCode.INSUFFICIENT_STORAGE, ReplyCode.FILE_UNAVAILABLE, ReplyCode.FILE_NAME_NOT_ALLOWED,
                ReplyCode.FILE_ACTION_OK, ReplyCode.FILE_ACTION_PENDING))
                .allMatch(ReplyCode::isFileSystemRelated)
                .noneMatch(ReplyCode::isConnectionRelated);
        assertThat(List.of(ReplyCode.NOT_LOGGED_IN, ReplyCode.USER_NAME_OK_NEED_PASSWORD,
                ReplyCode.NEED_ACCOUNT_FOR_STORING_FILES, ReplyCode.NEED_UNAVAILABLE_SECURITY_RESOURCE))
                .allMatch(ReplyCode::isAuthenticationRelated)
                .noneMatch(ReplyCode::isConnectionRelated)
                .noneMatch(ReplyCode::isFileSystemRelated);
        assertThat(ReplyCode.SYNTAX_ERROR_COMMAND_UNRECOGNIZED.isConnectionRelated()).isFalse();
        assertThat(ReplyCode.SYNTAX_ERROR_COMMAND_UNRECOGNIZED.isFileSystemRelated()).isFalse();
    }
}
