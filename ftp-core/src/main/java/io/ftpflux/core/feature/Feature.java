package io.ftpflux.core.feature;

import java.util.Locale;
import java.util.Objects;

/**
 * One line of a FEAT reply (RFC 2389 §3.2): a feature name and the parameters the server wrote after it.
 *
 * <p>Feature names are case-insensitive (RFC 2389 §3.2), so the name is kept upper-cased; the parameters are
 * kept as sent, because their meaning belongs to each feature (MLST fact names, LANG tags, HASH algorithms).
 *
 * @param name the feature name, upper-cased with {@link Locale#ROOT} (for example {@code "REST"})
 * @param parameters the text after the name, trimmed; empty when there is none (for example {@code "STREAM"})
 */
public record Feature(String name, String parameters) {

    /**
     * Validates the feature and upper-cases its name.
     *
     * @param name the feature name, without whitespace
     * @param parameters the parameters, or an empty string
     * @throws IllegalArgumentException if the name is empty or holds whitespace
     */
    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a feature name is one non-empty word: \"" + name + "\"");
        }
        name = name.toUpperCase(Locale.ROOT);
        parameters = parameters.strip();
    }

    /**
     * Returns the feature as a FEAT line shows it, without the leading space.
     *
     * @return the name, followed by a space and the parameters if there are any
     */
    @Override
    public String toString() {
        return parameters.isEmpty() ? name : name + ' ' + parameters;
    }
}
