package io.ftpflux.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class InMemoryFileSystemTest {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.UTF_8);

    private final InMemoryFileSystem files = new InMemoryFileSystem();

    @Test
    void normalizesPaths() {
        assertThat(InMemoryFileSystem.normalize("/a", "b//c/./d/../e")).isEqualTo("/a/b/c/e");
        assertThat(InMemoryFileSystem.normalize("/a", "/x")).isEqualTo("/x");
        assertThat(InMemoryFileSystem.normalize("/a", "../../..")).isEqualTo("/");
        assertThat(InMemoryFileSystem.normalize("/a", "")).isEqualTo("/a");
        assertThat(InMemoryFileSystem.parent("/a/b")).isEqualTo("/a");
        assertThat(InMemoryFileSystem.parent("/a")).isEqualTo("/");
        assertThat(InMemoryFileSystem.name("/a/b")).isEqualTo("b");
    }

    @Test
    void putsFilesWithTheirParentsAndReturnsCopies() {
        files.putFile("x/y/z.txt", ABC);
        assertThat(files.paths()).containsExactly("/", "/x", "/x/y", "/x/y/z.txt");
        assertThat(files.isDirectory("/x/y")).isTrue();
        assertThat(files.isFile("/x/y/z.txt")).isTrue();
        byte[] read = files.readFile("/x/y/z.txt").orElseThrow();
        read[0] = 'X';
        assertThat(files.readFile("/x/y/z.txt")).hasValue(ABC);
        assertThat(files.readFile("/x/y")).isEmpty();
        assertThatThrownBy(() -> files.putFile("/x", ABC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.createDirectories("/x/y/z.txt/w")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.putFile("/", ABC)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsDirectChildrenInOrder() {
        files.putFile("/d/b.txt", ABC);
        files.putFile("/d/a.txt", ABC);
        files.putFile("/d/sub/deep.txt", ABC);
        files.putFile("/d-sibling.txt", ABC);
        assertThat(files.children("/d")).extracting(InMemoryFileSystem.Entry::name).containsExactly("a.txt", "b.txt", "sub");
        assertThat(files.children("/")).extracting(InMemoryFileSystem.Entry::name).containsExactly("d", "d-sibling.txt");
        assertThat(files.entry("/d/a.txt")).extracting(InMemoryFileSystem.Entry::size).isEqualTo(3L);
    }

    @Test
    void renamesFilesAndWholeTrees() {
        files.putFile("/d/sub/f.txt", ABC);
        files.createDirectories("/target");
        assertThat(files.rename("/d", "/target/moved")).isTrue();
        assertThat(files.paths()).containsExactly("/", "/target", "/target/moved", "/target/moved/sub", "/target/moved/sub/f.txt");
        assertThat(files.rename("/target", "/target/moved/inside")).isFalse();
        assertThat(files.rename("/target/moved/sub/f.txt", "/target/moved")).isFalse();
        assertThat(files.rename("/missing", "/new")).isFalse();
        assertThat(files.rename("/target/moved/sub/f.txt", "/nowhere/f.txt")).isFalse();
    }

    @Test
    void removesOnlyEmptyDirectoriesAndDeletesOnlyFiles() {
        files.putFile("/d/f.txt", ABC);
        assertThat(files.removeDirectory("/d")).isFalse();
        assertThat(files.deleteFile("/d")).isFalse();
        assertThat(files.deleteFile("/d/f.txt")).isTrue();
        assertThat(files.removeDirectory("/d")).isTrue();
        assertThat(files.removeDirectory("/")).isFalse();
        assertThat(files.makeDirectory("/a/b")).isFalse();
        assertThat(files.makeDirectory("/a")).isTrue();
        assertThat(files.makeDirectory("/a")).isFalse();
    }

    @Test
    void storesReplacingOrKeepingAPrefix() {
        files.putFile("/f", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(files.store("/f", ABC, 2)).isTrue();
        assertThat(files.readFile("/f")).hasValue("heabc".getBytes(StandardCharsets.UTF_8));
        assertThat(files.store("/f", ABC, 99)).isFalse();
        assertThat(files.store("/f", ABC, 0)).isTrue();
        assertThat(files.readFile("/f")).hasValue(ABC);
        assertThat(files.store("/missing/f", ABC, 0)).isFalse();
        assertThat(files.store("/", ABC, 0)).isFalse();
    }

    @Test
    void servesGeneratedFiles() {
        files.putFile("/gen", new RepeatingContent(new byte[] {1, 2, 3}, 7));
        assertThat(files.readFile("/gen")).hasValue(new byte[] {1, 2, 3, 1, 2, 3, 1});
        assertThat(files.size("/gen")).isEqualTo(7);
    }
}
