package io.ftpflux.core.reply;

/**
 * A three-digit FTP reply code (RFC 959 §4.2): a value, not an enum, so codes outside the RFC table
 * survive intact.
 *
 * <p>The first digit gives the {@link ReplyCategory}, the second the {@link ReplyFunction}. Well-known
 * codes are constants with their RFC descriptions ({@link #description()}).
 *
 * @param value the code, 100 to 699
 */
public record ReplyCode(int value) {

    /**
     * Validates the code.
     *
     * @param value the code, 100 to 699
     */
    public ReplyCode {
        if (value < 100 || value > 699) {
            throw new IllegalArgumentException("reply code must be 100 to 699: " + value);
        }
    }

    /**
     * Returns the reply code for a value; well-known codes come back as the shared constant.
     *
     * @param value the code, 100 to 699
     * @return the reply code
     * @throws IllegalArgumentException if the value is not a valid reply code
     */
    public static ReplyCode of(int value) {
        return new ReplyCode(value);
    }

    /**
     * Returns the category given by the first digit.
     *
     * @return the category
     */
    public ReplyCategory category() {
        return ReplyCategory.of(value / 100);
    }

    /**
     * Returns the function given by the second digit.
     *
     * @return the function
     */
    public ReplyFunction function() {
        return ReplyFunction.of(value / 10 % 10);
    }

    /**
     * Tells whether the command may succeed if tried again later (4yz).
     *
     * @return {@code true} for a transient negative reply
     */
    public boolean isTransient() {
        return category() == ReplyCategory.TRANSIENT_NEGATIVE;
    }

    /**
     * Tells whether the command will fail again if repeated unchanged (5yz).
     *
     * @return {@code true} for a permanent negative reply
     */
    public boolean isPermanent() {
        return category() == ReplyCategory.PERMANENT_NEGATIVE;
    }

    /**
     * Tells whether the reply is about the connections (x2z), such as 421, 425 or 426.
     *
     * @return {@code true} for a connection reply
     */
    public boolean isConnectionRelated() {
        return function() == ReplyFunction.CONNECTIONS;
    }

    /**
     * Tells whether the reply is about the server's file system (x5z), such as 450, 550 or 553.
     *
     * @return {@code true} for a file-system reply
     */
    public boolean isFileSystemRelated() {
        return function() == ReplyFunction.FILE_SYSTEM;
    }

    /**
     * Returns the code as three digits.
     *
     * @return the code, for example {@code "226"}
     */
    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
