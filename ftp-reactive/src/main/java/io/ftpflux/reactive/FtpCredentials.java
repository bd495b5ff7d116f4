package io.ftpflux.reactive;

import io.ftpflux.core.command.FtpCommand;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who logs in (RFC 959 §4.1.1: USER, PASS, ACCT); {@link #toString()} never shows the password or account.
 *
 * @param user the user name
 * @param password the password, or {@code null} if the server asks for none
 * @param account the account, or {@code null} if the server asks for none (332)
 */
public record FtpCredentials(String user, @Nullable String password, @Nullable String account) {

    /**
     * Validates the credentials: none of them may carry CR, LF or NUL.
     *
     * @param user the user name
     * @param password the password, or {@code null} if the server asks for none
     * @param account the account, or {@code null} if the server asks for none (332)
     * @throws io.ftpflux.core.FtpUnsafeArgumentException if one carries CR, LF or NUL
     */
    public FtpCredentials {
        Objects.requireNonNull(user, "user");
        FtpCommand.requireSafe("user", user);
        if (password != null) {
            FtpCommand.requireSafe("password", password);
        }
        if (account != null) {
            FtpCommand.requireSafe("account", account);
        }
    }

    /**
     * Returns credentials for a user and password.
     *
     * @param user the user name
     * @param password the password
     * @return the credentials
     */
    public static FtpCredentials of(String user, String password) {
        return new FtpCredentials(user, password, null);
    }

    /**
     * Returns the conventional anonymous login (RFC 1635): user {@code anonymous}, an e-mail-like password.
     *
     * @return the anonymous credentials
     */
    public static FtpCredentials anonymous() {
        return new FtpCredentials("anonymous", "anonymous@", null);
    }

    /**
     * Shows the user only.
     *
     * @return the credentials with secrets redacted
     */
    @Override
    public String toString() {
        return "FtpCredentials[user=" + user + ", password=" + (password == null ? "none" : FtpCommand.REDACTED)
                + ", account=" + (account == null ? "none" : FtpCommand.REDACTED) + "]";
    }
}
