package io.ftpflux.core.reply;

/**
 * The first digit of a reply code (RFC 959 §4.2.1, RFC 640): whether the command succeeded, is in
 * progress, needs more, or failed for now or for good. RFC 2228 §4 adds 6yz for protected replies.
 */
public enum ReplyCategory {
    /** 1yz: the action is being started; expect another reply before the next command. */
    POSITIVE_PRELIMINARY(1),
    /** 2yz: the action completed successfully; a new command may be sent. */
    POSITIVE_COMPLETION(2),
    /** 3yz: the command was accepted, but the action waits for another command (PASS after USER). */
    POSITIVE_INTERMEDIATE(3),
    /** 4yz: the command was not accepted, but the error is temporary; the same command may succeed later. */
    TRANSIENT_NEGATIVE(4),
    /** 5yz: the command was not accepted and will not be if repeated unchanged. */
    PERMANENT_NEGATIVE(5),
    /** 6yz: a protected reply (RFC 2228 §4) whose real reply is encoded in its text (631, 632, 633). */
    PROTECTED(6);

    /** {@code values()} copies its array on every call; replies ask for their category often. */
    private static final ReplyCategory[] BY_DIGIT = values();

    private final int digit;

    ReplyCategory(int digit) {
        this.digit = digit;
    }

    /**
     * Returns the category's digit.
     *
     * @return the first digit of codes in this category, 1 to 6
     */
    public int digit() {
        return digit;
    }

    /**
     * Returns the category of a first digit.
     *
     * @param digit the first digit of a reply code
     * @return the category
     * @throws IllegalArgumentException if the digit is not 1 to 6
     */
    public static ReplyCategory of(int digit) {
        if (digit < 1 || digit > 6) {
            throw new IllegalArgumentException("reply category digit must be 1 to 6: " + digit);
        }
        return BY_DIGIT[digit - 1];
    }

    /**
     * Tells whether a reply of this category ends a command's exchange (RFC 959 §4.2: every category
     * but 1yz is final for the command it answers).
     *
     * @return {@code false} for {@link #POSITIVE_PRELIMINARY}, {@code true} otherwise
     */
    public boolean isFinal() {
        return this != POSITIVE_PRELIMINARY;
    }

    /**
     * Tells whether this category reports a refusal.
     *
     * @return {@code true} for 4yz and 5yz
     */
    public boolean isNegative() {
        return this == TRANSIENT_NEGATIVE || this == PERMANENT_NEGATIVE;
    }
}
