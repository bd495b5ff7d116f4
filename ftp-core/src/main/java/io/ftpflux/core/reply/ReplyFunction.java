package io.ftpflux.core.reply;

/**
 * The second digit of a reply code (RFC 959 §4.2.1): what the reply is about. A retry policy decides on
 * both digits: a transient connection error (42z) is worth a retry, a permanent file-system error (55z) is
 * not.
 */
public enum ReplyFunction {
    /** x0z: syntax errors, or syntactically correct commands that fit no functional category. */
    SYNTAX(0),
    /** x1z: replies to requests for information (status, help). */
    INFORMATION(1),
    /** x2z: replies about the control and data connections. */
    CONNECTIONS(2),
    /** x3z: replies about login and accounting. */
    AUTHENTICATION(3),
    /** x4z: unspecified by RFC 959; also stands for the digits 6 to 9, which no RFC defines. */
    UNSPECIFIED(4),
    /** x5z: the status of the server's file system for the requested transfer or file action. */
    FILE_SYSTEM(5);

    /** {@code values()} copies its array on every call; replies ask for their function often. */
    private static final ReplyFunction[] BY_DIGIT = values();

    private final int digit;

    ReplyFunction(int digit) {
        this.digit = digit;
    }

    /**
     * Returns the function's digit.
     *
     * @return the second digit of codes with this function, 0 to 5
     */
    public int digit() {
        return digit;
    }

    /**
     * Returns the function of a second digit.
     *
     * @param digit the second digit of a reply code, 0 to 9
     * @return the function; digits 6 to 9 map to {@link #UNSPECIFIED}
     * @throws IllegalArgumentException if the digit is not 0 to 9
     */
    public static ReplyFunction of(int digit) {
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("reply function digit must be 0 to 9: " + digit);
        }
        return digit <= 5 ? BY_DIGIT[digit] : UNSPECIFIED;
    }
}
