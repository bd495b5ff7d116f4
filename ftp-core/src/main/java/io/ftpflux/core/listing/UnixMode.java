package io.ftpflux.core.listing;

/**
 * Reads the mode string of {@code ls -l} ({@code drwxr-sr-x+}): a type character, nine permission characters
 * and an optional ACL ({@code +}), extended-attribute ({@code @}) or SELinux ({@code .}) marker.
 */
final class UnixMode {

    /** What {@link #parse(String)} returns for a column that is not a mode string. */
    static final int NOT_A_MODE = -1;

    /** {@link #octal(int)} of every mode, made on first use: a listing repeats a handful of modes. */
    private static final String[] OCTAL = new String[07777 + 1];

    private UnixMode() {
    }

    /**
     * Reads the permission bits of a mode string.
     *
     * @param text a column of a listing line
     * @return the permission bits (up to {@code 07777}), or {@link #NOT_A_MODE} if the column is not a mode string
     */
    static int parse(String text) {
        int length = text.length();
        if (length != 10 && length != 11 || !isTypeChar(text.charAt(0))) {
            return NOT_A_MODE;
        }
        if (length == 11 && "+@.".indexOf(text.charAt(10)) < 0) {
            return NOT_A_MODE;
        }
        int user = triad(text, 1, 's', 'S', 04000, false);
        int group = triad(text, 4, 's', 'S', 02000, true);
        int other = triad(text, 7, 't', 'T', 01000, false);
        if (user < 0 || group < 0 || other < 0) {
            return NOT_A_MODE;
        }
        return (user & 07000) | (group & 07000) | (other & 07000)
                | (user & 07) << 6 | (group & 07) << 3 | (other & 07);
    }

    /**
     * Reads one {@code rwx} triad: returns its three bits plus {@code special} when the execute column shows
     * the special bit ({@code s}/{@code S}, {@code t}/{@code T}, and for the group {@code l}/{@code L}, the
     * mandatory locking that some systems show there), or -1 if it is not a triad.
     */
    private static int triad(String text, int start, char specialWithExecute, char specialWithoutExecute,
            int special, boolean lockingMark) {
        char read = text.charAt(start);
        char write = text.charAt(start + 1);
        char exec = text.charAt(start + 2);
        if (read != 'r' && read != '-' || write != 'w' && write != '-') {
            return -1;
        }
        int bits = (read == 'r' ? 4 : 0) | (write == 'w' ? 2 : 0);
        if (exec == 'x') {
            bits |= 1;
        } else if (exec == specialWithExecute) {
            bits |= 1 | special;
        } else if (exec == specialWithoutExecute || lockingMark && (exec == 'l' || exec == 'L')) {
            bits |= special;
        } else if (exec != '-') {
            return -1;
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
        if (mode < 0 || mode >= OCTAL.length) {
            String digits = Integer.toOctalString(mode);
            return "0000".substring(Math.min(4, digits.length())) + digits;
        }
        // A race only makes the same string twice: strings are immutable and the slot holds either.
        String octal = OCTAL[mode];
        if (octal == null) {
            octal = new String(new char[] {
                (char) ('0' + (mode >> 9 & 7)), (char) ('0' + (mode >> 6 & 7)),
                (char) ('0' + (mode >> 3 & 7)), (char) ('0' + (mode & 7))});
            OCTAL[mode] = octal;
        }
        return octal;
    }
}
