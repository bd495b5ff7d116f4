package io.ftpflux.testkit.fault;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The fault server's file system: files and directories in memory, keyed by absolute slash-separated path.
 *
 * <p>Paths are normalised ({@code "a//b/../c"} is {@code "/a/c"}); a relative path is taken from the root.
 * Putting a file creates its parent directories. Every method is thread-safe, so a test may change files while
 * the server runs. The root directory {@code "/"} always exists. Names follow RFC 959 §3.1.1 loosely: any
 * character except {@code '/'} and NUL.
 */
public final class InMemoryFileSystem {

    /** An entry as a listing shows it. */
    record Entry(String path, String name, boolean directory, long size, Instant modified) {
    }

    private record Node(@Nullable FileContent content, Instant modified) {
        boolean directory() {
            return content == null;
        }
    }

    private final TreeMap<String, Node> nodes = new TreeMap<>();

    InMemoryFileSystem() {
        nodes.put("/", new Node(null, now()));
    }

    /**
     * Creates or replaces a file, modified now (whole seconds).
     *
     * @param path where, absolute or from the root
     * @param content the bytes, copied
     */
    public void putFile(String path, byte[] content) {
        putFile(path, content, now());
    }

    /**
     * Creates or replaces a file with a given modification time (shown by LIST, MLSD, MLST and MDTM).
     *
     * @param path where, absolute or from the root
     * @param content the bytes, copied
     * @param modified the modification time
     */
    public void putFile(String path, byte[] content, Instant modified) {
        put(path, FileContent.of(content.clone()), modified);
    }

    /**
     * Creates or replaces a file whose content is generated when it is downloaded.
     *
     * @param path where, absolute or from the root
     * @param content the generated content
     */
    public void putFile(String path, RepeatingContent content) {
        put(path, FileContent.of(content), now());
    }

    /**
     * Creates a directory and any missing parents; does nothing when it exists.
     *
     * @param path where, absolute or from the root
     * @throws IllegalArgumentException when a file is in the way
     */
    public synchronized void createDirectories(String path) {
        String normalized = normalize("/", path);
        for (String ancestor : lineage(normalized)) {
            Node existing = nodes.get(ancestor);
            if (existing == null) {
                nodes.put(ancestor, new Node(null, now()));
            } else if (!existing.directory()) {
                throw new IllegalArgumentException("cannot create directory " + normalized + ": " + ancestor + " is a file");
            }
        }
    }

    /**
     * Returns a file's content, for example what a STOR stored.
     *
     * @param path which file, absolute or from the root
     * @return the bytes, or empty when there is no such file
     * @throws IllegalStateException when a generated file is too large for an array
     */
    public Optional<byte[]> readFile(String path) {
        FileContent content = content(normalize("/", path));
        return content == null ? Optional.empty() : Optional.of(content.toByteArray());
    }

    /**
     * Tells whether a file exists at {@code path}.
     *
     * @param path absolute or from the root
     * @return true for a file, false for a directory or nothing
     */
    public synchronized boolean isFile(String path) {
        Node node = nodes.get(normalize("/", path));
        return node != null && !node.directory();
    }

    /**
     * Tells whether a directory exists at {@code path}.
     *
     * @param path absolute or from the root
     * @return true for a directory
     */
    public synchronized boolean isDirectory(String path) {
        Node node = nodes.get(normalize("/", path));
        return node != null && node.directory();
    }

    /**
     * Returns every path, files and directories, in sorted order.
     *
     * @return a snapshot, including {@code "/"}
     */
    public synchronized List<String> paths() {
        return List.copyOf(nodes.keySet());
    }

    /** Resolves {@code path} against {@code directory} and removes {@code "."}, {@code ".."} and empty names. */
    static String normalize(String directory, String path) {
        Deque<String> names = new ArrayDeque<>();
        String combined = path.startsWith("/") ? path : directory + "/" + path;
        for (String name : combined.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                names.pollLast();
            } else {
                names.addLast(name);
            }
        }
        return "/" + String.join("/", names);
    }

    static String parent(String normalized) {
        int slash = normalized.lastIndexOf('/');
        return slash <= 0 ? "/" : normalized.substring(0, slash);
    }

    static String name(String normalized) {
        return normalized.equals("/") ? "/" : normalized.substring(normalized.lastIndexOf('/') + 1);
    }

    synchronized @Nullable Entry entry(String normalized) {
        Node node = nodes.get(normalized);
        return node == null ? null : toEntry(normalized, node);
    }

    synchronized @Nullable FileContent content(String normalized) {
        Node node = nodes.get(normalized);
        return node == null ? null : node.content();
    }

    /** The entries directly inside a directory, sorted by name. */
    synchronized List<Entry> children(String directory) {
        String prefix = directory.equals("/") ? "/" : directory + "/";
        List<Entry> children = new ArrayList<>();
        for (Map.Entry<String, Node> candidate : nodes.tailMap(prefix, false).entrySet()) {
            String path = candidate.getKey();
            if (!path.startsWith(prefix)) {
                break;
            }
            if (path.indexOf('/', prefix.length()) < 0) {
                children.add(toEntry(path, candidate.getValue()));
            }
        }
        return children;
    }

    synchronized boolean deleteFile(String normalized) {
        Node node = nodes.get(normalized);
        if (node == null || node.directory()) {
            return false;
        }
        nodes.remove(normalized);
        return true;
    }

    synchronized boolean makeDirectory(String normalized) {
        Node parent = nodes.get(parent(normalized));
        if (nodes.containsKey(normalized) || parent == null || !parent.directory()) {
            return false;
        }
        nodes.put(normalized, new Node(null, now()));
        return true;
    }

    synchronized boolean removeDirectory(String normalized) {
        Node node = nodes.get(normalized);
        if (node == null || !node.directory() || normalized.equals("/") || !children(normalized).isEmpty()) {
            return false;
        }
        nodes.remove(normalized);
        return true;
    }

    /** Moves a file or a whole directory tree; the target must not exist and its parent must be a directory. */
    synchronized boolean rename(String from, String to) {
        Node target = nodes.get(parent(to));
        if (!nodes.containsKey(from) || from.equals("/") || nodes.containsKey(to)
                || target == null || !target.directory() || to.startsWith(from + "/")) {
            return false;
        }
        Map<String, Node> moved = new TreeMap<>(nodes.subMap(from + "/", from + "0"));
        moved.put(from, nodes.get(from));
        for (Map.Entry<String, Node> node : moved.entrySet()) {
            nodes.remove(node.getKey());
            nodes.put(to + node.getKey().substring(from.length()), node.getValue());
        }
        return true;
    }

    /**
     * Stores uploaded bytes: replaces the file, or keeps its first {@code keep} bytes and adds {@code data} after
     * them (REST then STOR, or APPE with {@code keep} = the current size). Returns false when the parent is not a
     * directory, the path is a directory, or the file is shorter than {@code keep}.
     */
    synchronized boolean store(String normalized, byte[] data, long keep) {
        Node parent = nodes.get(parent(normalized));
        Node existing = nodes.get(normalized);
        if (parent == null || !parent.directory() || (existing != null && existing.directory())) {
            return false;
        }
        byte[] stored = data;
        if (keep > 0) {
            if (existing == null || existing.content().size() < keep) {
                return false;
            }
            byte[] kept = existing.content().toByteArray();
            stored = new byte[Math.toIntExact(keep + data.length)];
            System.arraycopy(kept, 0, stored, 0, (int) keep);
            System.arraycopy(data, 0, stored, (int) keep, data.length);
        }
        nodes.put(normalized, new Node(FileContent.of(stored), now()));
        return true;
    }

    synchronized long size(String normalized) {
        Node node = nodes.get(normalized);
        return node == null || node.content() == null ? 0 : node.content().size();
    }

    private synchronized void put(String path, FileContent content, Instant modified) {
        Objects.requireNonNull(modified, "modified");
        String normalized = normalize("/", path);
        if (normalized.equals("/")) {
            throw new IllegalArgumentException("the root is a directory, not a file");
        }
        createDirectories(parent(normalized));
        Node existing = nodes.get(normalized);
        if (existing != null && existing.directory()) {
            throw new IllegalArgumentException("cannot put a file at " + normalized + ": it is a directory");
        }
        nodes.put(normalized, new Node(content, modified));
    }

    private static Entry toEntry(String path, Node node) {
        FileContent content = node.content();
        return new Entry(path, name(path), content == null, content == null ? 0 : content.size(), node.modified());
    }

    private static List<String> lineage(String normalized) {
        List<String> lineage = new ArrayList<>();
        for (String path = normalized; !path.equals("/"); path = parent(path)) {
            lineage.add(0, path);
        }
        return lineage;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
