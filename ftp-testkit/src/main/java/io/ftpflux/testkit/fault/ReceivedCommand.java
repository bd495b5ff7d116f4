package io.ftpflux.testkit.fault;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One command line as the fault server received it, in arrival order (RFC 959 §4.1, §5.3).
 *
 * <p>The line is decoded as UTF-8 (RFC 2640) after its CRLF (or bare LF) and any Telnet IAC sequences
 * (RFC 854, sent before ABOR) are removed. {@link #toString()} hides the argument of PASS and ACCT.
 *
 * @param sequence the position among all commands the server received, from 1
 * @param connectionId which control connection sent it, from 1 in accept order
 * @param line the whole line as received, without its line ending
 * @param verb the first word of the line in upper case, or the empty string for an empty line
 * @param argument everything after the first space, or the empty string when there is none
 * @param receivedAt when the line's terminating LF arrived
 */
public record ReceivedCommand(
        long sequence, int connectionId, String line, String verb, String argument, Instant receivedAt) {

    /**
     * Checks that no component is null.
     *
     * @param sequence the position among all commands the server received, from 1
     * @param connectionId which control connection sent it, from 1 in accept order
     * @param line the whole line as received, without its line ending
     * @param verb the first word of the line in upper case, or the empty string for an empty line
     * @param argument everything after the first space, or the empty string when there is none
     * @param receivedAt when the line's terminating LF arrived
     */
    public ReceivedCommand {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(argument, "argument");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    static ReceivedCommand parse(long sequence, int connectionId, String line, Instant receivedAt) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        return new ReceivedCommand(sequence, connectionId, line, verb, argument, receivedAt);
    }

    /**
     * Tells whether this command has the given verb, ignoring case.
     *
     * @param expectedVerb a verb such as {@code "RETR"}
     * @return true when the verbs match
     */
    public boolean is(String expectedVerb) {
        return verb.equalsIgnoreCase(expectedVerb);
    }

    @Override
    public String toString() {
        boolean secret = verb.equals("PASS") || verb.equals("ACCT");
        String shown = secret && !argument.isEmpty() ? verb + " ****" : line;
        return "#" + sequence + " [connection " + connectionId + "] " + shown;
    }
}
