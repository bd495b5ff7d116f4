package io.ftpflux.core.command;

import java.util.Locale;

/**
 * A verb outside {@link StandardVerb}: a server extension the client can still send (RFC 959 §5.3.1 grammar).
 *
 * @param name the verb in upper case: 1 to 16 ASCII letters or digits
 */
record ExtensionVerb(String name) implements Verb {

    /** The longest verb accepted; real verbs have 3 to 7 characters, so this only stops nonsense. */
    static final int MAX_LENGTH = 16;

    ExtensionVerb {
        if (!normalize(name).equals(name)) {
            throw new IllegalArgumentException("an extension verb is stored in upper case: '" + name + "'");
        }
    }

    /**
     * Validates a verb as a caller typed it and returns it in upper case.
     *
     * <p>The characters are checked before upper-casing: even with {@link Locale#ROOT}, case mapping turns
     * some non-ASCII letters into ASCII ones ({@code "sıte"} with a dotless i becomes {@code "SITE"},
     * {@code "ß"} becomes {@code "SS"}), which would let such a name pass as a standard verb.
     */
    static String normalize(String name) {
        FtpCommand.requireSafe("verb", name);
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "a verb has 1 to " + MAX_LENGTH + " characters, got " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "a verb has only ASCII letters and digits, but '%s' has U+%04X at index %d",
                        name, (int) c, i));
            }
        }
        return name.toUpperCase(Locale.ROOT);
    }

    @Override
    public boolean isSensitive() {
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
