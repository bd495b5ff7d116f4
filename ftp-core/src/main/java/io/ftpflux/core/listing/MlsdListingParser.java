package io.ftpflux.core.listing;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyCategory;
import io.ftpflux.core.reply.ReplyPayloads;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Parses MLSD lines and MLST entries (RFC 3659 §7): {@code fact=value;fact=value; name}.
 *
 * <p>The facts end at the first {@code "; "}; the name is everything after that space, so names with spaces,
 * leading spaces, semicolons or {@code =} come through whole. Fact names are case-insensitive (RFC 3659 §7)
 * and kept in lower case in {@link FtpEntry#facts()}; every fact is kept, known or not. The known ones fill
 * the entry's fields:
 * <ul>
 *   <li>{@code type} (§7.5.1): {@code file}, {@code dir}, {@code cdir}, {@code pdir}, and the
 *       {@code OS.name=kind} form servers use for other kinds: {@code OS.unix=slink:/target} (or
 *       {@code symlink}) is a {@link EntryType#SYMLINK} with that target; devices, FIFOs and sockets are
 *       {@link EntryType#OTHER}. An entry without a type fact is {@link EntryType#OTHER}: its kind is unknown.
 *   <li>{@code size} (§7.5.7), or {@code sizd} (the size of a directory's listing) when there is no size.
 *   <li>{@code modify} (§7.5.3): {@code YYYYMMDDHHMMSS[.sss]}, always UTC (§2.3).
 *   <li>{@code perm} (§7.5.5): the permissions, such as {@code adfrw}.
 * </ul>
 * A fact value the parser cannot read (a size that is not a number, a time that does not exist) leaves its
 * field {@code null} and stays in the facts: one odd fact does not make the line unreadable. A line without a
 * facts section, or whose facts are not {@code name=value} pairs, is not MLSD.
 *
 * <p>Stateless and thread-safe.
 */
public final class MlsdListingParser implements ListingParser {

    static final MlsdListingParser INSTANCE = new MlsdListingParser();

    private static final String SLINK_PREFIX = "slink:";
    private static final String SYMLINK_PREFIX = "symlink:";
    /** The facts of RFC 3659 §7.5 and the Unix facts that ProFTPD and Pure-FTPd send, in lower case. */
    private static final String[] COMMON_FACT_NAMES = {
        "type", "size", "modify", "perm", "unique", "sizd", "create", "lang", "media-type", "charset",
        "unix.mode", "unix.owner", "unix.group", "unix.ownername", "unix.groupname", "unix.uid", "unix.gid",
    };
    /** Indexes in {@link #COMMON_FACT_NAMES} of the facts that fill an entry's fields. */
    private static final int TYPE = 0;
    private static final int SIZE = 1;
    private static final int MODIFY = 2;
    private static final int PERM = 3;
    private static final int SIZD = 5;
    /** The most characters a name packed into two longs, one byte each, can have: every common name fits. */
    private static final int PACKED_LENGTH = 2 * Long.BYTES;
    private static final long[] COMMON_LOW = new long[COMMON_FACT_NAMES.length];
    private static final long[] COMMON_HIGH = new long[COMMON_FACT_NAMES.length];
    /** Four times as many slots as names, so that a search for a name that is not there ends soon. */
    private static final int COMMON_SLOT_BITS = 6;
    private static final int[] COMMON_SLOTS = commonSlots();

    private MlsdListingParser() {
    }

    /**
     * Returns {@code "mlsd"}.
     *
     * @return the format's name
     */
    @Override
    public String name() {
        return "mlsd";
    }

    /**
     * Parses one MLSD line, or an MLST entry without the single space that starts it in a control reply.
     *
     * @param line the line, without its line terminator
     * @return the entry, or {@code null} if the line has no well-formed facts section or no name
     */
    @Override
    public @Nullable FtpEntry parse(String line) {
        int factsEnd = line.indexOf("; ");
        if (factsEnd <= 0 || factsEnd + 2 == line.length()) {
            return null;
        }
        FtpEntry.Builder builder = FtpEntry.builder(line.substring(factsEnd + 2), EntryType.OTHER).rawLine(line);
        Facts known = readFacts(line, factsEnd, builder);
        if (known == null) {
            return null;
        }
        if (known.typeStart >= 0) {
            readType(line, known.typeStart, known.typeEnd, builder);
        }
        if (known.sizeStart >= 0) {
            builder.size(parseSize(line, known.sizeStart, known.sizeEnd));
        } else if (known.sizdStart >= 0) {
            builder.size(parseSize(line, known.sizdStart, known.sizdEnd));
        }
        if (known.modifyStart >= 0) {
            builder.modified(ReplyPayloads.parseTimeVal(line, known.modifyStart, known.modifyEnd));
        }
        return builder.permissions(known.perm).build();
    }

    /**
     * Parses the entry of an MLST reply (RFC 3659 §7.2) whose text the control connection decoded as UTF-8, with
     * {@link io.ftpflux.core.command.NameCodec} escapes for bytes that did not decode.
     *
     * @param reply the final reply to MLST, such as
     *     {@code 250-Listing /a}, {@code " type=file;size=1; /a"}, {@code 250 End}
     * @return the entry; its name is the path as the server gave it
     * @throws IllegalArgumentException if the reply is not a positive completion reply
     * @throws FtpProtocolException if the reply holds no entry line in MLST format
     */
    public static FtpEntry parseMlstReply(FtpReply reply) {
        return parseMlstReply(reply, StandardCharsets.UTF_8);
    }

    /**
     * Parses the entry of an MLST reply (RFC 3659 §7.2): the reply's one text line that starts with a space,
     * or, from servers that leave the space out, its first text line in MLST format.
     *
     * @param reply the final reply to MLST, such as
     *     {@code 250-Listing /a}, {@code " type=file;size=1; /a"}, {@code 250 End}
     * @param controlCharset the charset the control connection decoded the reply with (by
     *     {@link io.ftpflux.core.command.NameCodec}, as {@link io.ftpflux.core.reply.ReplyAssembler} does), which
     *     becomes the entry's {@link FtpEntry#nameCharset()}
     * @return the entry; its name is the path as the server gave it
     * @throws IllegalArgumentException if the reply is not a positive completion reply
     * @throws FtpProtocolException if the reply holds no entry line in MLST format
     */
    public static FtpEntry parseMlstReply(FtpReply reply, Charset controlCharset) {
        if (reply.code().category() != ReplyCategory.POSITIVE_COMPLETION) {
            throw new IllegalArgumentException("not a successful MLST reply: " + reply.lines().get(0));
        }
        List<String> entryLines = new ArrayList<>();
        for (String line : reply.innerLines()) {
            // RFC 3659 §7.2: the entry line is the one that starts with a single space.
            if (line.startsWith(" ")) {
                entryLines.add(line.substring(1));
            }
        }
        if (entryLines.isEmpty()) {
            // Apache MINA FtpServer 1.2.1 sends the entry without the leading space (and a blank line after it).
            reply.innerLines().stream().filter(line -> !line.isBlank()).forEach(entryLines::add);
        }
        if (entryLines.isEmpty()) {
            throw new FtpProtocolException("MLST reply has no entry line: " + reply);
        }
        for (String line : entryLines) {
            FtpEntry entry = INSTANCE.parse(line);
            if (entry != null) {
                return entry.withNameCharset(controlCharset);
            }
        }
        throw new FtpProtocolException("MLST reply entry is not 'fact=value;...; name' (RFC 3659 §7): "
                + entryLines.get(0));
    }

    /**
     * Reads the {@code name=value;} pairs before {@code factsEnd} into the builder, names in lower case, and
     * returns where the values of the facts that fill the entry's fields are; null if a pair is malformed. A fact
     * given twice keeps its last value. The values stay in the line, cut out only if the entry's facts are read:
     * the fields hold what most programs use.
     */
    private static @Nullable Facts readFacts(String line, int factsEnd, FtpEntry.Builder builder) {
        Facts known = new Facts();
        // The common names met so far, one bit each: a common name met for the first time needs no search for
        // an earlier value, and no other name can equal it.
        int commonSeen = 0;
        int start = 0;
        while (start <= factsEnd) {
            int end = line.indexOf(';', start);
            if (end > start) {
                // One pass over the name checks it (RFC 3659 §7: printable, without space, '=' or ';') and packs it
                // in lower case, a byte a character, to find it among the common names without cutting it out.
                int equals = start;
                long low = 0;
                long high = 0;
                for (; equals < end; equals++) {
                    char c = line.charAt(equals);
                    if (c == '=') {
                        break;
                    }
                    if (c <= ' ' || c >= 0x7f) {
                        return null;
                    }
                    int at = equals - start;
                    if (at < Long.BYTES) {
                        low |= (long) lowerAscii(c) << (at * Byte.SIZE);
                    } else if (at < PACKED_LENGTH) {
                        high |= (long) lowerAscii(c) << ((at - Long.BYTES) * Byte.SIZE);
                    }
                }
                if (equals == start || equals == end) {
                    return null;
                }
                int valueStart = equals + 1;
                int common = equals - start <= PACKED_LENGTH ? commonFactIndex(low, high) : -1;
                if (common < 0) {
                    builder.lowerCaseFactAt(line.substring(start, equals).toLowerCase(Locale.ROOT), false, line,
                            valueStart);
                } else {
                    boolean firstTime = (commonSeen & (1 << common)) == 0;
                    commonSeen |= 1 << common;
                    if (common == PERM) {
                        // The entry's permissions field holds the value anyway: the facts share it.
                        known.perm = line.substring(valueStart, end);
                        if (firstTime) {
                            builder.newLowerCaseFact(COMMON_FACT_NAMES[PERM], known.perm);
                        } else {
                            builder.lowerCaseFact(COMMON_FACT_NAMES[PERM], known.perm);
                        }
                    } else {
                        builder.lowerCaseFactAt(COMMON_FACT_NAMES[common], firstTime, line, valueStart);
                        known.take(common, valueStart, end);
                    }
                }
            }
            start = end + 1;
        }
        return known;
    }

    /**
     * Returns the index in {@link #COMMON_FACT_NAMES} of the name of at most {@link #PACKED_LENGTH} characters
     * packed into {@code low} and {@code high}, or -1 when it is none of them: a listing's lines then share their
     * fact names instead of each cutting its own. Names hold no NUL, so equal packs are equal names.
     */
    private static int commonFactIndex(long low, long high) {
        for (int slot = slot(low, high); ; slot = (slot + 1) & (COMMON_SLOTS.length - 1)) {
            int index = COMMON_SLOTS[slot];
            if (index < 0 || COMMON_LOW[index] == low && COMMON_HIGH[index] == high) {
                return index;
            }
        }
    }

    private static int slot(long low, long high) {
        long mixed = (low * 0x9E37_79B9_7F4A_7C15L + high) * 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (mixed >>> (Long.SIZE - COMMON_SLOT_BITS));
    }

    /** Fact names are ASCII, so ignoring ASCII case here is what lower-casing does. */
    private static boolean isIgnoringCase(String line, int start, int end, String lowerCase) {
        if (end - start != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < lowerCase.length(); i++) {
            if (lowerAscii(line.charAt(start + i)) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Packs the common names and places them in an open-addressing table: their indexes, -1 for an empty slot. */
    private static int[] commonSlots() {
        int[] slots = new int[1 << COMMON_SLOT_BITS];
        Arrays.fill(slots, -1);
        for (int index = 0; index < COMMON_FACT_NAMES.length; index++) {
            String name = COMMON_FACT_NAMES[index];
            for (int at = 0; at < name.length(); at++) {
                if (at < Long.BYTES) {
                    COMMON_LOW[index] |= (long) name.charAt(at) << (at * Byte.SIZE);
                } else {
                    COMMON_HIGH[index] |= (long) name.charAt(at) << ((at - Long.BYTES) * Byte.SIZE);
                }
            }
            int slot = slot(COMMON_LOW[index], COMMON_HIGH[index]);
            while (slots[slot] >= 0) {
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = index;
        }
        return slots;
    }

    /** Where the values of the facts that fill an entry's fields are in one line: start -1 if absent. */
    private static final class Facts {
        int typeStart = -1;
        int typeEnd;
        int sizeStart = -1;
        int sizeEnd;
        int sizdStart = -1;
        int sizdEnd;
        int modifyStart = -1;
        int modifyEnd;
        @Nullable String perm;

        /** Notes where a fact's value is if it fills a field; {@code commonFactIndex} is -1 for other names. */
        void take(int commonFactIndex, int start, int end) {
            switch (commonFactIndex) {
                case TYPE -> {
                    typeStart = start;
                    typeEnd = end;
                }
                case SIZE -> {
                    sizeStart = start;
                    sizeEnd = end;
                }
                case SIZD -> {
                    sizdStart = start;
                    sizdEnd = end;
                }
                case MODIFY -> {
                    modifyStart = start;
                    modifyEnd = end;
                }
                default -> {
                    // Kept in the entry's facts only.
                }
            }
        }
    }

    /** Reads the type fact at {@code line[start, end)}; the common types are matched where they are. */
    private static void readType(String line, int start, int end, FtpEntry.Builder builder) {
        if (isIgnoringCase(line, start, end, "file")) {
            builder.type(EntryType.FILE);
        } else if (isIgnoringCase(line, start, end, "dir") || isIgnoringCase(line, start, end, "cdir")
                || isIgnoringCase(line, start, end, "pdir")) {
            builder.type(EntryType.DIRECTORY);
        } else {
            String type = line.substring(start, end);
            readOsType(type, type.toLowerCase(Locale.ROOT), builder);
        }
    }

    /** RFC 3659 §7.5.1 leaves other types to "OS.name=type"; Unix servers name links slink or symlink. */
    private static void readOsType(String type, String lower, FtpEntry.Builder builder) {
        int equals = lower.indexOf('=');
        if (!lower.startsWith("os.") || equals < 0) {
            builder.type(EntryType.OTHER);
            return;
        }
        String kind = lower.substring(equals + 1);
        String original = type.substring(equals + 1);
        if (kind.equals("slink") || kind.equals("symlink")) {
            builder.type(EntryType.SYMLINK);
        } else if (kind.startsWith(SLINK_PREFIX)) {
            builder.type(EntryType.SYMLINK).linkTarget(emptyToNull(original.substring(SLINK_PREFIX.length())));
        } else if (kind.startsWith(SYMLINK_PREFIX)) {
            builder.type(EntryType.SYMLINK).linkTarget(emptyToNull(original.substring(SYMLINK_PREFIX.length())));
        } else {
            builder.type(EntryType.OTHER);
        }
    }

    private static @Nullable String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** A size is 1 to 19 decimal digits that fit in a long; anything else is unknown. */
    static @Nullable Long parseSize(String value) {
        return parseSize(value, 0, value.length());
    }

    /** {@link #parseSize(String)} of {@code text[start, end)}, without cutting it out. */
    static @Nullable Long parseSize(String text, int start, int end) {
        int length = end - start;
        if (length == 0 || length > 19) {
            return null;
        }
        long size = 0;
        for (int i = 0; i < length; i++) {
            int digit = text.charAt(start + i) - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            // Eighteen digits always fit in a long; a nineteenth may not.
            if (i == 18 && size > (Long.MAX_VALUE - digit) / 10) {
                return null;
            }
            size = size * 10 + digit;
        }
        return size;
    }
}
