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
     * ASCII names as listings print them ({@code Nov}, {@code NOV}, {@code nov}), each mapped to what
     * {@link #byName} gives for it after normalising, so that most tokens are found without a lower-cased copy.
     */
    private final Map<String, Month> asPrinted = new HashMap<>();

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
        byName.forEach((name, month) -> {
            if (isAscii(name)) {
                String capitalised = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
                for (String printed : new String[] {name, capitalised, name.toUpperCase(Locale.ROOT)}) {
                    if (byName.get(normalize(printed)) == month) {
                        asPrinted.put(printed, month);
                    }
                }
            }
        });
    }

    /**
     * Returns the month a token names.
     *
     * @param token a month name as the listing shows it
     * @return the month, or {@code null} if no configured language names a month so
     */
    @Nullable Month parse(String token) {
        Month month = asPrinted.get(token);
        return month != null ? month : byName.get(normalize(token));
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
