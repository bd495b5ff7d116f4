package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "../x", "/etc/passwd", "a/b", "C:\\x", "C:x", "..", ".", "", "a\\b", "line\nbreak", "carriage\rreturn",
        "esc\u001b[31mred", "nul\u0000", "del\u007f", "c1\u009b", "big.iso.part"})
    void hostileNamesAreRefused(String name) {
        assertThat(SafeNames.problem(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file.txt", ".hidden", "...", "café", "a b", "naïve-ü", "x..y", "-rf", "日本語.txt"})
    void plainNamesAreAccepted(String name) {
        assertThat(SafeNames.problem(name)).isEmpty();
        // What is accepted stays inside the directory it is resolved against, on this platform.
        Path root = Path.of("/target/dir");
        assertThat(root.resolve(name).normalize().getParent()).isEqualTo(root);
    }

    @ParameterizedTest
    @ValueSource(strings = {"esc\u001b[2J", "bell\u0007", "new\nline"})
    void printableNamesCarryNoControlCharacter(String name) {
        assertThat(SafeNames.printable(name)).doesNotContainPattern("[\\x00-\\x1f\\x7f]").contains("\\u00");
    }
}
