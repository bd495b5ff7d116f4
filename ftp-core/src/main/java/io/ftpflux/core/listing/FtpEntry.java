package io.ftpflux.core.listing;

import io.ftpflux.core.command.NameCodec;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a directory listing: what MLSD/MLST facts (RFC 3659 §7) or a LIST line told about a file.
 *
 * <p>Every field but the name, the type and the raw line may be unknown ({@code null}): a LIST format may not
 * show sizes, MLSD servers choose which facts to send. {@link #facts()} keeps every fact the server gave, with
 * lower-case names (RFC 3659 §7.1: fact names are case-insensitive); LIST parsers put what they read there too
 * (for example {@code unix.owner}). An entry no parser understood has type {@link EntryType#UNPARSED} and
 * its raw line as its name.
 *
 * <p>Names are decoded with the control connection's charset by {@link NameCodec}: each byte that does not
 * decode in it (a Latin-1 or Shift_JIS name on a UTF-8 session) becomes one escape, a lone surrogate U+DC80 to
 * U+DCFF, and the rest reads normally. The name therefore encodes back to the server's exact bytes
 * ({@link #nameBytes()}), so it can be passed, alone or joined to a directory, to any command of the session
 * (RETR, DELE, RNFR, CWD...). {@link NameCodec#isEscaped(CharSequence)} tells whether a name holds escapes;
 * printed, they show as replacement characters.
 *
 * @param name the entry's name, without any directory part
 * @param type what the entry is
 * @param size the size in bytes, or {@code null} if unknown
 * @param modified the last modification instant, or {@code null} if unknown
 * @param permissions the permissions as the server showed them ({@code rwxr-xr-x}, or an MLSD {@code perm}
 *     fact such as {@code adfrw}), or {@code null} if unknown
 * @param linkTarget the target of a symbolic link, or {@code null} if unknown or not a link
 * @param facts every fact known, by lower-case name: an immutable map that iterates in the order the facts were
 *     given (for MLSD, the server's order)
 * @param rawLine the listing line this entry was read from
 * @param nameCharset the charset the name was decoded with, the control connection's: {@link NameCodec} with it
 *     encodes {@link #name()} back to the server's bytes
 */
public record FtpEntry(
        String name,
        EntryType type,
        @Nullable Long size,
        @Nullable Instant modified,
        @Nullable String permissions,
        @Nullable String linkTarget,
        Map<String, String> facts,
        String rawLine,
        Charset nameCharset) {

    /**
     * Validates the entry and freezes its facts.
     *
     * @param name the entry's name, without any directory part
     * @param type what the entry is
     * @param size the size in bytes, or {@code null} if unknown
     * @param modified the last modification instant, or {@code null} if unknown
     * @param permissions the permissions as the server showed them, or {@code null} if unknown
     * @param linkTarget the target of a symbolic link, or {@code null} if unknown or not a link
     * @param facts every fact known, by lower-case name; copied unless it is an entry's own, and kept in its
     *     iteration order
     * @param rawLine the listing line this entry was read from
     * @param nameCharset the charset the name was decoded with
     * @throws IllegalArgumentException if the size is negative
     * @throws NullPointerException if a fact's name or value is null
     */
    public FtpEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rawLine, "rawLine");
        Objects.requireNonNull(nameCharset, "nameCharset");
        if (size != null && size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        facts = FactMap.copyOf(facts);
    }

    /**
     * Starts an entry with a name and a type; everything else unknown.
     *
     * @param name the entry's name
     * @param type what the entry is
     * @return a builder
     */
    public static Builder builder(String name, EntryType type) {
        return new Builder(name, type);
    }

    /**
     * Creates the entry for a line no parser understood.
     *
     * @param rawLine the line, kept whole as the name and the raw line
     * @return an {@link EntryType#UNPARSED} entry
     */
    public static FtpEntry unparsed(String rawLine) {
        return builder(rawLine, EntryType.UNPARSED).rawLine(rawLine).build();
    }

    /**
     * Returns one fact by name.
     *
     * @param factName the fact's name, in any case
     * @return the fact's value, or {@code null} if the entry does not have it
     */
    public @Nullable String fact(String factName) {
        return facts.get(factName.toLowerCase(Locale.ROOT));
    }

    /**
     * Returns the Unix permission bits from the {@code unix.mode} fact: the octal {@code UNIX.mode} of MLSD
     * (ProFTPD, Pure-FTPd; RFC 3659 §7.6 leaves OS facts to the server) or what a LIST parser read from
     * {@code rwxr-xr-x}.
     *
     * @return the bits, such as {@code 0755} (special bits included, file type bits dropped), or {@code null}
     *     if the fact is missing or not an octal number
     */
    public @Nullable Integer unixMode() {
        String mode = fact("unix.mode");
        if (mode == null || mode.isEmpty() || mode.length() > 8) {
            return null;
        }
        for (int i = 0; i < mode.length(); i++) {
            if (mode.charAt(i) < '0' || mode.charAt(i) > '7') {
                return null;
            }
        }
        return Integer.parseInt(mode, 8) & 07777;
    }

    /**
     * Returns the name as the server's bytes: {@link NameCodec#encode(CharSequence, Charset)} of the name in
     * {@link #nameCharset()}, escapes back to the bytes they stand for.
     *
     * @return the bytes; for an entry read from a listing, exactly those the server sent
     * @throws io.ftpflux.core.FtpUnsafeArgumentException if the name was built by hand with a character the
     *     charset cannot encode
     */
    public byte[] nameBytes() {
        return NameCodec.encode(name, nameCharset);
    }

    /**
     * Tells whether the entry stands for the listed directory or its parent: a {@link EntryType#DIRECTORY} of the
     * MLSD {@code cdir} or {@code pdir} type (RFC 3659 §7.5.1), or named {@code .} or {@code ..}.
     *
     * @return {@code true} for the directory itself or its parent
     */
    public boolean isSelfOrParent() {
        // The type first: listings call this for every entry, and most are not directories.
        if (type != EntryType.DIRECTORY) {
            return false;
        }
        if (name.equals(".") || name.equals("..")) {
            return true;
        }
        String typeFact = fact("type");
        return typeFact != null && (typeFact.equalsIgnoreCase("cdir") || typeFact.equalsIgnoreCase("pdir"));
    }

    /**
     * Returns a copy whose name was decoded with another charset.
     *
     * @param charset the charset that encodes the name back to the server's bytes
     * @return the new entry
     */
    public FtpEntry withNameCharset(Charset charset) {
        return new FtpEntry(name, type, size, modified, permissions, linkTarget, facts, rawLine, charset);
    }

    /**
     * Returns a builder holding this entry's values.
     *
     * @return a builder to derive a changed entry from
     */
    public Builder toBuilder() {
        Builder builder = new Builder(name, type)
                .size(size)
                .modified(modified)
                .permissions(permissions)
                .linkTarget(linkTarget)
                .rawLine(rawLine)
                .nameCharset(nameCharset);
        facts.forEach(builder::fact);
        return builder;
    }

    /** Builds an {@link FtpEntry}; parsers fill in what their format shows. */
    public static final class Builder {
        private static final int INITIAL_FACTS = 10;
        private String name;
        private EntryType type;
        private @Nullable Long size;
        private @Nullable Instant modified;
        private @Nullable String permissions;
        private @Nullable String linkTarget;
        // Facts as parallel arrays, which build() hands to the entry's FactMap without a copy.
        private String[] factNames = new String[INITIAL_FACTS];
        private @Nullable String[] factValues = new String[INITIAL_FACTS];
        /** Where the values not cut yet start in {@link #factSource}; null until the first such value. */
        private int @Nullable [] factValueStarts;
        private String factSource = "";
        private int factCount;
        /** Whether an entry built holds the fact arrays: the next change to the facts copies them first. */
        private boolean factsHandedOver;
        private String rawLine = "";
        private Charset nameCharset = StandardCharsets.UTF_8;

        private Builder(String name, EntryType type) {
            this.name = name;
            this.type = type;
        }

        /**
         * Sets the name.
         *
         * @param name the entry's name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the type.
         *
         * @param type what the entry is
         * @return this builder
         */
        public Builder type(EntryType type) {
            this.type = type;
            return this;
        }

        /**
         * Sets the size.
         *
         * @param size the size in bytes, or {@code null} if unknown
         * @return this builder
         */
        public Builder size(@Nullable Long size) {
            this.size = size;
            return this;
        }

        /**
         * Sets the modification instant.
         *
         * @param modified the instant, or {@code null} if unknown
         * @return this builder
         */
        public Builder modified(@Nullable Instant modified) {
            this.modified = modified;
            return this;
        }

        /**
         * Sets the permissions as the server showed them.
         *
         * @param permissions the permissions, or {@code null} if unknown
         * @return this builder
         */
        public Builder permissions(@Nullable String permissions) {
            this.permissions = permissions;
            return this;
        }

        /**
         * Sets the target of a symbolic link.
         *
         * @param linkTarget the target, or {@code null} if unknown
         * @return this builder
         */
        public Builder linkTarget(@Nullable String linkTarget) {
            this.linkTarget = linkTarget;
            return this;
        }

        /**
         * Adds a fact; its name is stored in lower case.
         *
         * @param factName the fact's name
         * @param value the fact's value
         * @return this builder
         */
        public Builder fact(String factName, String value) {
            return lowerCaseFact(factName.toLowerCase(Locale.ROOT), value);
        }

        /** Adds a fact whose name is in lower case already, as a parser that lower-cased it passes it. */
        Builder lowerCaseFact(String key, String value) {
            int index = factIndex(key);
            return index >= 0 ? setFact(index, value) : newLowerCaseFact(key, value);
        }

        /** Adds a fact whose name is in lower case and that the builder is known not to hold yet. */
        Builder newLowerCaseFact(String key, String value) {
            return setFact(appendFact(key), value);
        }

        /**
         * Adds a fact whose name is in lower case and whose value starts at {@code valueStart} in {@code source}
         * and ends at the next {@code ';'}, as in an MLSD line: the value is cut out only if it is ever read. Every
         * such value of one entry comes from the same source.
         *
         * @param absent whether the builder is known not to hold the fact yet, which saves a search
         */
        Builder lowerCaseFactAt(String key, boolean absent, String source, int valueStart) {
            if (factValueStarts != null && !factSource.equals(source)) {
                throw new IllegalStateException("the facts of one entry come from one source line");
            }
            int index = absent ? -1 : factIndex(key);
            if (index < 0) {
                index = appendFact(key);
            } else {
                copyFactsIfHandedOver();
            }
            // Grown with the other arrays once there.
            if (factValueStarts == null) {
                factValueStarts = new int[factNames.length];
                factSource = source;
            }
            factValues[index] = null;
            factValueStarts[index] = valueStart;
            return this;
        }

        private int factIndex(String key) {
            for (int i = 0; i < factCount; i++) {
                if (factNames[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        private Builder setFact(int index, String value) {
            copyFactsIfHandedOver();
            factValues[index] = Objects.requireNonNull(value, "fact value");
            return this;
        }

        private int appendFact(String key) {
            copyFactsIfHandedOver();
            if (factCount == factNames.length) {
                int capacity = 2 * factCount;
                factNames = Arrays.copyOf(factNames, capacity);
                factValues = Arrays.copyOf(factValues, capacity);
                if (factValueStarts != null) {
                    factValueStarts = Arrays.copyOf(factValueStarts, capacity);
                }
            }
            factNames[factCount] = key;
            return factCount++;
        }

        private void copyFactsIfHandedOver() {
            if (factsHandedOver) {
                factNames = factNames.clone();
                factValues = factValues.clone();
                if (factValueStarts != null) {
                    factValueStarts = factValueStarts.clone();
                }
                factsHandedOver = false;
            }
        }

        /**
         * Sets the line the entry was read from.
         *
         * @param rawLine the listing line
         * @return this builder
         */
        public Builder rawLine(String rawLine) {
            this.rawLine = rawLine;
            return this;
        }

        /**
         * Sets the charset the name was decoded with, which encodes it back to the server's bytes (UTF-8 unless
         * set).
         *
         * @param nameCharset the charset
         * @return this builder
         */
        public Builder nameCharset(Charset nameCharset) {
            this.nameCharset = nameCharset;
            return this;
        }

        /**
         * Builds the entry.
         *
         * @return the entry
         */
        public FtpEntry build() {
            return new FtpEntry(name, type, size, modified, permissions, linkTarget, facts(), rawLine, nameCharset);
        }

        /** The immutable map of the facts, which takes the builder's arrays: a later change copies them first. */
        private FactMap facts() {
            if (factCount == 0) {
                return FactMap.EMPTY;
            }
            factsHandedOver = true;
            return new FactMap(factNames, factValues, factValueStarts, factSource, factCount);
        }
    }
}
