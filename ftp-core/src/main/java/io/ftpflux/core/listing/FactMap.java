package io.ftpflux.core.listing;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The immutable map of an {@link FtpEntry}'s facts (RFC 3659 §7): a handful of names and values in two arrays,
 * in the order they were given, looked up by a linear search.
 *
 * <p>An MLSD line holds about ten facts, and the entry's fields already hold the ones most programs read (size,
 * modify, type, perm): cutting every value out of the line as a {@code String}, and hashing them into a
 * {@code Map.of}, was most of what parsing an MLSD line cost. A value can therefore be given as where it starts
 * in a source line, up to the next {@code ';'}; it is cut out the first time it is read and kept. That cache is
 * the only state that changes, and it changes from absent to a value equal to any other cut of it, as
 * {@link String#hashCode()} caches its hash: two threads reading at once each see an equal value.
 *
 * <p>It follows the {@link Map} contract of an unmodifiable map: every mutator throws
 * {@link UnsupportedOperationException}; {@code equals} and {@code hashCode} are those of any {@code Map};
 * iteration follows the order the facts were given. Like {@link Map#of()}, it holds no null key or value and
 * throws {@link NullPointerException} when asked for a null key.
 */
final class FactMap extends AbstractMap<String, String> {

    /** The map without facts. */
    static final FactMap EMPTY = new FactMap(new String[0], new String[0], null, "", 0);

    private final String[] keys;
    /** Each value, or null until it is cut out of {@link #source}. */
    private final @Nullable String[] values;
    /** Where each value not given as a string starts in {@link #source}; null when every value was given. */
    private final int @Nullable [] valueStarts;
    private final String source;
    private final int size;
    private @Nullable Set<Map.Entry<String, String>> entrySet;

    /**
     * Takes the arrays as they are, without a copy: the builder that filled them never changes them again.
     * {@code keys[0, size)} are distinct; a null {@code values[i]} starts at {@code valueStarts[i]} in the source
     * and ends at the next {@code ';'}.
     */
    FactMap(String[] keys, @Nullable String[] values, int @Nullable [] valueStarts, String source, int size) {
        this.keys = keys;
        this.values = values;
        this.valueStarts = valueStarts;
        this.source = source;
        this.size = size;
    }

    /**
     * Returns the map itself if it is a fact map, else an immutable copy in its iteration order.
     *
     * @throws NullPointerException if the map holds a null key or value
     */
    static FactMap copyOf(Map<String, String> map) {
        if (map instanceof FactMap facts) {
            return facts;
        }
        int count = map.size();
        if (count == 0) {
            return EMPTY;
        }
        String[] keys = new String[count];
        String[] values = new String[count];
        int i = 0;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            keys[i] = Objects.requireNonNull(entry.getKey(), "fact name");
            values[i++] = Objects.requireNonNull(entry.getValue(), "fact value");
        }
        return new FactMap(keys, values, null, "", count);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        Objects.requireNonNull(value);
        for (int i = 0; i < size; i++) {
            if (value.equals(value(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public @Nullable String get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : value(index);
    }

    @Override
    public String getOrDefault(Object key, String defaultValue) {
        int index = indexOf(key);
        return index < 0 ? defaultValue : value(index);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        Objects.requireNonNull(action);
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], value(i));
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        Set<Map.Entry<String, String>> entries = entrySet;
        if (entries == null) {
            entries = new Entries();
            entrySet = entries;
        }
        return entries;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (int i = 0; i < size; i++) {
            hash += keys[i].hashCode() ^ value(i).hashCode();
        }
        return hash;
    }

    // AbstractMap's mutators that would not throw on their own: the others call put or remove, which throw.

    @Override
    public void clear() {
        throw new UnsupportedOperationException("facts are immutable");
    }

    @Override
    public String put(String key, String value) {
        throw new UnsupportedOperationException("facts are immutable");
    }

    @Override
    public void putAll(Map<? extends String, ? extends String> map) {
        throw new UnsupportedOperationException("facts are immutable");
    }

    @Override
    public String remove(Object key) {
        throw new UnsupportedOperationException("facts are immutable");
    }

    private int indexOf(Object key) {
        Objects.requireNonNull(key);
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private String value(int index) {
        String value = values[index];
        if (value == null) {
            int start = Objects.requireNonNull(valueStarts)[index];
            value = source.substring(start, source.indexOf(';', start));
            values[index] = value;
        }
        return value;
    }

    private final class Entries extends AbstractSet<Map.Entry<String, String>> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Map.Entry<String, String> next() {
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    int index = next++;
                    return new SimpleImmutableEntry<>(keys[index], value(index));
                }
            };
        }

        @Override
        public boolean contains(Object object) {
            return object instanceof Map.Entry<?, ?> entry && entry.getKey() != null
                    && Objects.equals(entry.getValue(), get(entry.getKey()));
        }
    }
}
