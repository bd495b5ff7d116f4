package io.ftpflux.core.command;

import io.ftpflux.core.FtpUnsafeArgumentException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One FTP command (RFC 959 §4.1, §5.3): a verb and an optional argument, validated so that it can be sent
 * as exactly one command line.
 *
 * <p>The argument is sent as given (a path keeps its spaces, leading spaces and dashes), but CR, LF and NUL
 * are refused with {@link FtpUnsafeArgumentException} before anything is encoded: each would let an argument
 * inject a second command. So is a lone surrogate other than U+DC80 to U+DCFF, which {@link NameCodec} sends
 * as the byte a server's name held: no charset encodes it, and a {@code '?'} in its place would name another
 * file. {@link #toString()} redacts the argument of sensitive verbs (PASS, ACCT, ADAT);
 * only {@link #line()} shows it, for the encoder.
 *
 * @param verb the verb
 * @param argument the argument, or {@code null} for none; never empty
 */
public record FtpCommand(Verb verb, @Nullable String argument) {

    /** What {@link #toString()} shows in place of a sensitive argument. */
    public static final String REDACTED = "****";

    /**
     * Validates the command.
     *
     * @param verb the verb
     * @param argument the argument, or {@code null} for none
     * @throws FtpUnsafeArgumentException if the argument holds CR, LF, NUL or a lone surrogate outside U+DC80 to
     *     U+DCFF
     * @throws IllegalArgumentException if the argument is empty
     */
    public FtpCommand {
        Objects.requireNonNull(verb, "verb");
        if (argument != null) {
            if (argument.isEmpty()) {
                throw new IllegalArgumentException(verb.name() + ": an argument must not be empty; pass none instead");
            }
            requireSafe(verb.name() + " argument", argument);
        }
    }

    /**
     * Creates a command without an argument.
     *
     * @param verb the verb
     * @return the command
     */
    public static FtpCommand of(Verb verb) {
        return new FtpCommand(verb, null);
    }

    /**
     * Creates a command with an argument.
     *
     * @param verb the verb
     * @param argument the argument, sent as given
     * @return the command
     * @throws FtpUnsafeArgumentException if the argument holds CR, LF or NUL
     */
    public static FtpCommand of(Verb verb, String argument) {
        return new FtpCommand(verb, argument);
    }

    /**
     * Checks that a string can go on a command line: no CR, LF or NUL, and no lone surrogate but the escapes
     * U+DC80 to U+DCFF of {@link NameCodec}. Use it for server-supplied strings (a PWD result, a listing name)
     * before they are reused in a command.
     *
     * @param what what the string is, for the message (for example {@code "path"})
     * @param value the string to check
     * @return the string, unchanged
     * @throws FtpUnsafeArgumentException if the string holds CR, LF, NUL or another lone surrogate
     */
    public static String requireSafe(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                String name = c == '\r' ? "CR" : c == '\n' ? "LF" : "NUL";
                throw new FtpUnsafeArgumentException(
                        what + " contains " + name + " at index " + i + ", which would inject a command");
            }
        }
        int lone = NameCodec.indexOfUnencodableSurrogate(value);
        if (lone >= 0) {
            throw new FtpUnsafeArgumentException(NameCodec.unencodableSurrogate(what, value, lone));
        }
        return value;
    }

    /**
     * Returns the command line as sent on the wire, without the CRLF terminator. It shows secrets: pass it
     * only to the encoder, never to a log.
     *
     * @return {@code verb} or {@code verb + " " + argument}
     */
    public String line() {
        return argument == null ? verb.name() : verb.name() + ' ' + argument;
    }

    /**
     * Returns the command as it may be logged: the argument of a sensitive verb is {@value #REDACTED}.
     *
     * @return the redacted command line
     */
    @Override
    public String toString() {
        if (argument == null) {
            return verb.name();
        }
        return verb.name() + ' ' + (verb.isSensitive() ? REDACTED : argument);
    }
}
