package io.ftpflux.core.feature;

import java.util.Objects;

/**
 * One entry of a feature's semicolon-separated list, with the {@code *} that marks it as selected: an MLST
 * fact the server shows by default (RFC 3659 §7.8), the current LANG language (RFC 2640 §4), the current
 * HASH algorithm.
 *
 * @param name the entry as the server wrote it, without the {@code *} (for example {@code "UNIX.mode"})
 * @param selected whether the server marked it with {@code *}
 */
public record FeatureOption(String name, boolean selected) {

    /**
     * Validates the option.
     *
     * @param name the entry, not empty
     * @param selected whether it is marked as selected
     * @throws IllegalArgumentException if the name is empty
     */
    public FeatureOption {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a feature option has a name");
        }
    }

    /**
     * Tells whether this option has a name, ignoring case as MLST facts, language tags and hash names do.
     *
     * @param other the name to compare
     * @return {@code true} if the names are equal ignoring case
     */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /**
     * Returns the option as the server lists it.
     *
     * @return the name, followed by {@code *} if selected
     */
    @Override
    public String toString() {
        return selected ? name + '*' : name;
    }
}
