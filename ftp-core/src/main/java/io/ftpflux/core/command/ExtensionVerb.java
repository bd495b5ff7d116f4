package io.ftpflux.core.command;

/**
 * A verb outside {@link StandardVerb}: a server extension the client can still send.
 *
 * @param name the verb in upper case: 1 to 16 ASCII letters or digits
 */
record ExtensionVerb(String name) implements Verb {

    ExtensionVerb {
        if (name.isEmpty() || name.length() > 16) {
            throw new IllegalArgumentException("a verb has 1 to 16 characters: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("a verb has only ASCII letters and digits: '" + name + "'");
            }
        }
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
