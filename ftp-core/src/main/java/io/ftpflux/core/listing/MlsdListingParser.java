package io.ftpflux.core.listing;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyCategory;
import io.ftpflux.core.reply.ReplyPayloads;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        Map<String, String> facts = readFacts(line, factsEnd);
        if (facts == null) {
            return null;
        }
        FtpEntry.Builder builder = FtpEntry.builder(name, EntryType.OTHER).rawLine(line);
        facts.forEach(builder::fact);
        String type = facts.get("type");
        if (type != null) {
            readType(type, builder);
        }
        String size = facts.get("size");
        builder.size(parseSize(size != null ? size : facts.get("sizd")));
        String modify = facts.get("modify");
        if (modify != null) {
            builder.modified(ReplyPayloads.parseTimeVal(modify));
        }
        return builder.permissions(facts.get("perm")).build();
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

    /** Reads the {@code name=value;} pairs before {@code factsEnd}, names in lower case; null if one is malformed. */
    private static @Nullable Map<String, String> readFacts(String line, int factsEnd) {
        Map<String, String> facts = new LinkedHashMap<>();
        int start = 0;
        while (start <= factsEnd) {
            int end = line.indexOf(';', start);
            if (end > start) {
                int equals = line.indexOf('=', start);
                if (equals <= start || equals > end || !isFactName(line, start, equals)) {
                    return null;
                }
                facts.put(line.substring(start, equals).toLowerCase(Locale.ROOT), line.substring(equals + 1, end));
            }
            start = end + 1;
        }
        return facts;
    }

    /** RFC 3659 §7: a fact name is a token of printable characters without space, '=' or ';'. */
    private static boolean isFactName(String line, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
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
        if (value == null || value.isEmpty() || value.length() > 19 || !allDigits(value, 0, value.length())) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }


    private static boolean allDigits(String value, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
