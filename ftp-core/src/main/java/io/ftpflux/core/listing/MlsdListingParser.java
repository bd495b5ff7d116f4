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
    private static final int[] COMMON_HASHES = Arrays.stream(COMMON_FACT_NAMES).mapToInt(String::hashCode).toArray();
    /** Four times as many slots as names, so that a search for a name that is not there ends soon. */
    private static final int COMMON_SLOT_MASK = 63;
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
        if (factsEnd <= 0) {
            return null;
        }
        String name = line.substring(factsEnd + 2);
        if (name.isEmpty()) {
            return null;
        }
        FtpEntry.Builder builder = FtpEntry.builder(name, EntryType.OTHER).rawLine(line);
        Facts known = readFacts(line, factsEnd, builder);
        if (known == null) {
            return null;
        }
        if (known.type != null) {
            readType(known.type, builder);
        }
        builder.size(parseSize(known.size != null ? known.size : known.sizd));
        if (known.modify != null) {
            builder.modified(ReplyPayloads.parseTimeVal(known.modify));
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
     * returns the values of the facts that fill the entry's fields; null if a pair is malformed. A fact given
     * twice keeps its last value.
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
                // One pass over the name checks it (RFC 3659 §7: printable, without space, '=' or ';') and hashes
                // it in lower case, to find it among the common names without cutting it out of the line.
                int equals = start;
                int hash = 0;
                for (; equals < end; equals++) {
                    char c = line.charAt(equals);
                    if (c == '=') {
                        break;
                    }
                    if (c <= ' ' || c >= 0x7f) {
                        return null;
                    }
                    hash = 31 * hash + lowerAscii(c);
                }
                if (equals == start || equals == end) {
                    return null;
                }
                int common = commonFactIndex(line, start, equals, hash);
                String factName = common >= 0
                        ? COMMON_FACT_NAMES[common]
                        : line.substring(start, equals).toLowerCase(Locale.ROOT);
                String value = line.substring(equals + 1, end);
                if (common >= 0 && (commonSeen & (1 << common)) == 0) {
                    commonSeen |= 1 << common;
                    builder.newLowerCaseFact(factName, value);
                } else {
                    builder.lowerCaseFact(factName, value);
                }
                known.take(common, value);
            }
            start = end + 1;
        }
        return known;
    }

    /**
     * Returns the index in {@link #COMMON_FACT_NAMES} of the fact name at {@code [start, end)}, whose lower-case
     * {@link String#hashCode()} is {@code hash}, or -1 when it is none of them: a listing's lines then share their
     * fact names instead of each cutting its own.
     */
    private static int commonFactIndex(String line, int start, int end, int hash) {
        int length = end - start;
        for (int slot = hash & COMMON_SLOT_MASK; ; slot = (slot + 1) & COMMON_SLOT_MASK) {
            int index = COMMON_SLOTS[slot];
            if (index < 0) {
                return -1;
            }
            String common = COMMON_FACT_NAMES[index];
            if (COMMON_HASHES[index] == hash && common.length() == length
                    && equalsIgnoringAsciiCase(line, start, common)) {
                return index;
            }
        }
    }

    /** Fact names are ASCII, so ignoring ASCII case here is what lower-casing does. */
    private static boolean equalsIgnoringAsciiCase(String line, int start, String lowerCase) {
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

    /** An open-addressing table of {@link #COMMON_FACT_NAMES} by hash: their indexes, -1 for an empty slot. */
    private static int[] commonSlots() {
        int[] slots = new int[COMMON_SLOT_MASK + 1];
        Arrays.fill(slots, -1);
        for (int index = 0; index < COMMON_FACT_NAMES.length; index++) {
            int slot = COMMON_FACT_NAMES[index].hashCode() & COMMON_SLOT_MASK;
            while (slots[slot] >= 0) {
                slot = (slot + 1) & COMMON_SLOT_MASK;
            }
            slots[slot] = index;
        }
        return slots;
    }

    /** The values of the facts that fill an entry's fields, as read from one line. */
    private static final class Facts {
        @Nullable String type;
        @Nullable String size;
        @Nullable String sizd;
        @Nullable String modify;
        @Nullable String perm;

        /** Takes a fact's value if it fills a field; {@code commonFactIndex} is -1 for an uncommon name. */
        void take(int commonFactIndex, String value) {
            switch (commonFactIndex) {
                case TYPE -> type = value;
                case SIZE -> size = value;
                case SIZD -> sizd = value;
                case MODIFY -> modify = value;
                case PERM -> perm = value;
                default -> {
                    // Kept in the entry's facts only.
                }
            }
        }
    }

    private static void readType(String type, FtpEntry.Builder builder) {
        String lower = type.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "file" -> builder.type(EntryType.FILE);
            case "dir", "cdir", "pdir" -> builder.type(EntryType.DIRECTORY);
            default -> readOsType(type, lower, builder);
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
    static @Nullable Long parseSize(@Nullable String value) {
        if (value == null || value.isEmpty() || value.length() > 19) {
            return null;
        }
        long size = 0;
        for (int i = 0; i < value.length(); i++) {
            int digit = value.charAt(i) - '0';
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
