package io.ftpflux.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The entries of a {@code .netrc} file, as ftp(1), curl and lftp read it: tokens separated by white space,
 * {@code machine NAME}, {@code default}, and within each {@code login}, {@code password} and {@code account};
 * a {@code macdef} block runs to the next empty line and is skipped. Quoted tokens ({@code "a b"}) may hold
 * white space.
 *
 * @param entries the entries in file order
 */
record Netrc(List<Entry> entries) {

    /**
     * One {@code machine} (or {@code default}) entry.
     *
     * @param machine the host it applies to, or {@code null} for {@code default}
     * @param login the user, or {@code null}
     * @param password the password, or {@code null}
     */
    record Entry(@Nullable String machine, @Nullable String login, @Nullable String password) {

        /** Hides the password from logs and assertion messages. */
        @Override
        public String toString() {
            return "Entry[machine=" + machine + ", login=" + login + ", password=" + (password == null ? null : "****")
                    + "]";
        }
    }

    Netrc {
        entries = List.copyOf(entries);
    }

    /**
     * Reads a file; a missing file is an empty one.
     *
     * @param file the file
     * @return the entries
     * @throws IOException if the file exists but cannot be read
     * @throws IllegalArgumentException if the file is malformed
     */
    static Netrc read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new Netrc(List.of());
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses the text of a file.
     *
     * @param text the file's text
     * @return the entries
     * @throws IllegalArgumentException if a keyword lacks its value or a quote is unclosed
     */
    static Netrc parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Tokens tokens = new Tokens(text);
        String machine = null;
        String login = null;
        String password = null;
        boolean inEntry = false;
        for (String token = tokens.next(); token != null; token = tokens.next()) {
            switch (token) {
                case "machine", "default" -> {
                    if (inEntry) {
                        entries.add(new Entry(machine, login, password));
                    }
                    inEntry = true;
                    machine = token.equals("machine") ? tokens.value(token) : null;
                    login = null;
                    password = null;
                }
                case "login" -> login = tokens.value(token);
                case "password" -> password = tokens.value(token);
                case "account" -> tokens.value(token);
                case "macdef" -> {
                    tokens.value(token);
                    tokens.skipMacro();
                }
                default -> {
                    // Unknown keywords are ignored, as other readers do; their value would be read as a keyword
                    // next and ignored too.
                }
            }
        }
        if (inEntry) {
            entries.add(new Entry(machine, login, password));
        }
        return new Netrc(entries);
    }

    /**
     * Finds the entry for a host: the first {@code machine} entry naming it (case-insensitively), else the
     * {@code default} entry.
     *
     * @param host the host as the URL names it
     * @return the entry, if any applies
     */
    Optional<Entry> find(String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        return entries.stream()
                .filter(entry -> entry.machine() != null && entry.machine().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .or(() -> entries.stream().filter(entry -> entry.machine() == null).findFirst());
    }

    /** Splits the text into white-space separated tokens, honouring double quotes and backslash escapes. */
    private static final class Tokens {
        private final String text;
        private int position;

        Tokens(String text) {
            this.text = text;
        }

        @Nullable String next() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            if (position >= text.length()) {
                return null;
            }
            StringBuilder token = new StringBuilder();
            if (text.charAt(position) == '"') {
                position++;
                while (position < text.length() && text.charAt(position) != '"') {
                    if (text.charAt(position) == '\\' && position + 1 < text.length()) {
                        position++;
                    }
                    token.append(text.charAt(position++));
                }
                if (position >= text.length()) {
                    throw new IllegalArgumentException("unclosed quote in the netrc file");
                }
                position++;
                return token.toString();
            }
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
                if (text.charAt(position) == '\\' && position + 1 < text.length()) {
                    position++;
                }
                token.append(text.charAt(position++));
            }
            return token.toString();
        }

        String value(String keyword) {
            String value = next();
            if (value == null) {
                throw new IllegalArgumentException("'" + keyword + "' without a value at the end of the netrc file");
            }
            return value;
        }

        void skipMacro() {
            int end = text.indexOf("\n\n", position);
            position = end < 0 ? text.length() : end + 2;
        }
    }
}
