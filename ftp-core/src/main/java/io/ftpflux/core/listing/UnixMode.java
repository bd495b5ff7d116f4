package io.ftpflux.core.listing;

import org.jspecify.annotations.Nullable;

/**
 * Reads the mode string of {@code ls -l} ({@code drwxr-sr-x+}): a type character, nine permission characters
 * and an optional ACL ({@code +}), extended-attribute ({@code @}) or SELinux ({@code .}) marker.
 */
final class UnixMode {

    private UnixMode() {
    }

    /**
     * Reads the permission bits of a mode string.
     *
     * @param text a column of a listing line
     * @return the permission bits (up to {@code 07777}), or {@code null} if the column is not a mode string
     */
    static @Nullable Integer parse(String text) {
        int length = text.length();
        if (length != 10 && length != 11 || !isTypeChar(text.charAt(0))) {
            return null;
        }
        if (length == 11 && "+@.".indexOf(text.charAt(10)) < 0) {
            return null;
        }
        Integer user = triad(text, 1, 'x', 's', 'S', 04000, "");
        Integer group = triad(text, 4, 'x', 's', 'S', 02000, "lL");
        Integer other = triad(text, 7, 'x', 't', 'T', 01000, "");
        if (user == null || group == null || other == null) {
            return null;
        }
        return (user & 07000) | (group & 07000) | (other & 07000)
                | (user & 07) << 6 | (group & 07) << 3 | (other & 07);
    }

    /**
     * Reads one {@code rwx} triad: returns its three bits plus {@code special} when the execute column shows
     * the special bit ({@code s}/{@code S}, {@code t}/{@code T}, and for the group {@code l}/{@code L}, the
     * mandatory locking that some systems show there).
     */
    private static @Nullable Integer triad(String text, int start, char execute, char specialWithExecute,
            char specialWithoutExecute, int special, String otherSpecialMarks) {
        char read = text.charAt(start);
        char write = text.charAt(start + 1);
        char exec = text.charAt(start + 2);
        if (read != 'r' && read != '-' || write != 'w' && write != '-') {
            return null;
        }
        int bits = (read == 'r' ? 4 : 0) | (write == 'w' ? 2 : 0);
        if (exec == execute) {
            bits |= 1;
        } else if (exec == specialWithExecute) {
            bits |= 1 | special;
        } else if (exec == specialWithoutExecute || otherSpecialMarks.indexOf(exec) >= 0) {
            bits |= special;
        } else if (exec != '-') {
            return null;
        }
        return bits;
    }

    private static boolean isTypeChar(char c) {
        return c == '-' || c == '?' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /**
     * Maps the type character of a mode string to an entry type.
     *
     * @param typeChar the first character of the mode string
     * @return {@code -} a file, {@code d} a directory, {@code l} a link, anything else other
     */
    static EntryType type(char typeChar) {
        return switch (typeChar) {
            case '-' -> EntryType.FILE;
            case 'd' -> EntryType.DIRECTORY;
            case 'l' -> EntryType.SYMLINK;
            default -> EntryType.OTHER;
        };
    }

    /**
     * Formats permission bits as {@code ls} users and the MLSD {@code UNIX.mode} fact write them.
     *
     * @param mode the permission bits
     * @return at least four octal digits, such as {@code 0755}
     */
    static String octal(int mode) {
        String digits = Integer.toOctalString(mode);
        return "0000".substring(Math.min(4, digits.length())) + digits;
    }
}
