package io.ftpflux.core.listing;

import java.text.Normalizer;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads month names as {@code ls -l} prints them in the server's language: the abbreviations of the C library
 * ({@code Mär}, {@code févr.}) differ from Java's (CLDR: {@code März}, {@code févr.}), so a name matches
 * when it is one of Java's short or full names, or an unambiguous prefix of at least three letters of a full
 * name. Case and a trailing dot do not matter. Locales are tried in order, English last.
 */
final class MonthNames {

    private static final int MIN_PREFIX = 3;
    private static final TextStyle[] STYLES = {
        TextStyle.SHORT, TextStyle.SHORT_STANDALONE, TextStyle.FULL, TextStyle.FULL_STANDALONE
    };

    private final Map<String, Month> byName = new HashMap<>();
    /**
     * The ASCII names of {@link #byName} in an open-addressing table by their {@link String#hashCode()}, with their
     * months at the same slots: nearly every listing names months in ASCII, and owners, groups and sizes are tried
     * as month names too, so a token is looked up here without a lower-cased copy of it.
     */
    private final String[] asciiNames;
    private final Month[] asciiMonths;

    MonthNames(List<Locale> locales) {
        List<Locale> all = new ArrayList<>(locales);
        all.add(Locale.ENGLISH);
        // Exact names of every locale first, so that no locale's prefix shadows another locale's name.
        for (Locale locale : all) {
            for (Month month : Month.values()) {
                for (TextStyle style : STYLES) {
                    byName.putIfAbsent(normalize(month.getDisplayName(style, locale)), month);
                }
            }
        }
        for (Locale locale : all) {
            addPrefixes(locale);
        }
        List<String> ascii = byName.keySet().stream().filter(MonthNames::isAscii).toList();
        // At most a quarter full, so that a search for a token that is no month ends soon.
        int slots = Integer.highestOneBit(Math.max(1, ascii.size()) * 4) * 2;
        asciiNames = new String[slots];
        asciiMonths = new Month[slots];
        for (String name : ascii) {
            int slot = slot(name.hashCode());
            while (asciiNames[slot] != null) {
                slot = (slot + 1) & (slots - 1);
            }
            asciiNames[slot] = name;
            asciiMonths[slot] = byName.get(name);
        }
    }

    /**
     * Returns the month a token names.
     *
     * @param token a month name as the listing shows it
     * @return the month, or {@code null} if no configured language names a month so
     */
    @Nullable Month parse(String token) {
        int length = token.endsWith(".") ? token.length() - 1 : token.length();
        // The hash of the token in lower case and without its dot, which is how the table holds names.
        int hash = 0;
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            if (c > 0x7F) {
                return byName.get(normalize(token));
            }
            hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        for (int slot = slot(hash); ; slot = (slot + 1) & (asciiNames.length - 1)) {
            String name = asciiNames[slot];
            if (name == null) {
                return null;
            }
            if (name.length() == length && name.hashCode() == hash && token.regionMatches(true, 0, name, 0, length)) {
                return asciiMonths[slot];
            }
        }
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (asciiNames.length - 1);
    }

    private void addPrefixes(Locale locale) {
        Map<String, Month> prefixes = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Month month : Month.values()) {
            for (TextStyle style : new TextStyle[] {TextStyle.FULL, TextStyle.FULL_STANDALONE}) {
                String full = normalize(month.getDisplayName(style, locale));
                for (int length = MIN_PREFIX; length < full.length(); length++) {
                    String prefix = full.substring(0, length);
                    Month previous = prefixes.putIfAbsent(prefix, month);
                    if (previous != null && previous != month) {
                        ambiguous.add(prefix);
                    }
                }
            }
        }
        prefixes.keySet().removeAll(ambiguous);
        prefixes.forEach(byName::putIfAbsent);
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        // Nearly every listing names months in ASCII, which is always in normal form: skip the normaliser.
        return isAscii(lower) ? lower : Normalizer.normalize(lower, Normalizer.Form.NFC);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
