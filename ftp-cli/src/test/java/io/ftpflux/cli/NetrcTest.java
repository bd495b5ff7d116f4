package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetrcTest {

    private static final String FILE = """
            # comments are not part of the format, but a token like this one is ignored
            machine ftp.example.com login alice password "pass word"
            machine other.example.com
                login bob
                password b\\"ob
                account acct
            macdef init
            cd /pub
            binary

            default login anonymous password guest@
            """;

    @Test
    void machineEntriesAreFoundByHostCaseInsensitively() {
        Netrc netrc = Netrc.parse(FILE);
        assertThat(netrc.find("FTP.Example.com")).hasValue(new Netrc.Entry("ftp.example.com", "alice", "pass word"));
        assertThat(netrc.find("other.example.com")).hasValue(new Netrc.Entry("other.example.com", "bob", "b\"ob"));
    }

    @Test
    void anUnknownHostGetsTheDefaultEntryAndAMacroIsSkipped() {
        assertThat(Netrc.parse(FILE).find("elsewhere")).hasValue(new Netrc.Entry(null, "anonymous", "guest@"));
        assertThat(Netrc.parse(FILE).entries()).hasSize(3);
    }

    @Test
    void withoutDefaultAnUnknownHostHasNoEntry() {
        assertThat(Netrc.parse("machine a login x password y").find("b")).isEmpty();
        assertThat(Netrc.parse("").entries()).isEmpty();
    }

    @Test
    void aKeywordWithoutValueOrAnUnclosedQuoteIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Netrc.parse("machine a login x password"))
                .withMessageContaining("'password' without a value");
        assertThatIllegalArgumentException().isThrownBy(() -> Netrc.parse("machine a password \"abc"))
                .withMessageContaining("unclosed quote");
    }

    @Test
    void entriesNeverShowTheirPassword() {
        assertThat(Netrc.parse(FILE).find("ftp.example.com").orElseThrow().toString()).doesNotContain("pass word");
    }

    @Test
    void aMissingFileIsEmptyAndAPresentOneIsRead(@TempDir Path dir) throws Exception {
        assertThat(Netrc.read(dir.resolve("absent")).entries()).isEmpty();
        Path file = dir.resolve("netrc");
        Files.writeString(file, "machine h login u password p\n", StandardCharsets.UTF_8);
        assertThat(Netrc.read(file).find("h")).hasValue(new Netrc.Entry("h", "u", "p"));
    }
}
