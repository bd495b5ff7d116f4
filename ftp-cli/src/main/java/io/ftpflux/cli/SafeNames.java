package io.ftpflux.cli;

import java.util.Optional;

/**
 * Decides whether a name from a listing may become a local file name during a mirror. A listing is the server's
 * word, and a hostile server can name an entry {@code ../../.bashrc}: only a plain, single path element is
 * accepted, so that a mirror never writes outside its target directory, whatever the local platform.
 */
final class SafeNames {

    private SafeNames() {
    }

    /**
     * Tells why a name is unsafe as one local path element.
     *
     * @param name the name as the listing gave it
     * @return the reason it is refused, or empty if it is safe
     */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("empty name");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("names the directory itself or its parent");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return Optional.of("contains a control character");
            }
            if (c == '/' || c == '\\') {
                return Optional.of("contains a path separator");
            }
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return Optional.of("looks like a drive path");
        }
        if (name.endsWith(".part")) {
            // The mirror downloads through NAME.part; a remote file of that name would collide with another's.
            return Optional.of("ends in .part, which downloads use for unfinished files");
        }
        return Optional.empty();
    }

    /**
     * Shows a name in a warning without letting its control characters act on the terminal.
     *
     * @param name the name
     * @return the name with each control character written as a Java unicode escape (ESC as {@code \\u001b})
     */
    static String printable(String name) {
        StringBuilder shown = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }
}
