package io.ftpflux.core.command;

import io.ftpflux.core.FtpUnsafeArgumentException;

/**
 * The verb of an FTP command (RFC 959 §5.3.1): the standard ones as {@link StandardVerb}, any other (SITE
 * subcommands aside, server extensions such as {@code XCRC} or {@code AVBL}) through {@link #of(String)}.
 *
 * <p>Sealed so that every verb is validated: a verb is 1 to 16 ASCII letters or digits, so it can never
 * carry a space, CR, LF or NUL onto the wire.
 */
public sealed interface Verb permits StandardVerb, ExtensionVerb {

    /**
     * Returns the verb as sent on the wire, in upper case.
     *
     * @return the verb, for example {@code "RETR"}
     */
    String name();

    /**
     * Tells whether the command's argument is a secret that logs and messages must never show.
     *
     * @return {@code true} for PASS, ACCT and ADAT
     */
    boolean isSensitive();

    /**
     * Returns the verb for a name: the standard verb when there is one, otherwise an extension verb.
     *
     * <p>Only ASCII letters and digits are accepted, in any case; the name is checked before it is
     * upper-cased, so the result does not depend on the default locale and no non-ASCII letter can map
     * onto a standard verb.
     *
     * @param name the verb, 1 to 16 ASCII letters or digits, in any case
     * @return the verb, in upper case
     * @throws FtpUnsafeArgumentException if the name holds CR, LF or NUL
     * @throws IllegalArgumentException if the name is empty, too long or has other characters
     */
    static Verb of(String name) {
        String upper = ExtensionVerb.normalize(name);
        StandardVerb standard = StandardVerb.lookup(upper);
        return standard != null ? standard : new ExtensionVerb(upper);
    }
}
