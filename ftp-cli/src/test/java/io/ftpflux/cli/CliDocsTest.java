package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Keeps docs/cli.md in step with the tool: every command and option is documented, and the exit-code table. */
class CliDocsTest {

    private static final Path GUIDE = Path.of("..", "docs", "cli.md");

    @Test
    void everyCommandAndOptionIsDocumented() throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        CommandLine root = FtpfluxCli.newCommandLine(Map.of());
        for (Map.Entry<String, CommandLine> command : root.getSubcommands().entrySet()) {
            assertThat(guide).as("command %s", command.getKey()).contains("`ftpflux " + command.getKey());
            command.getValue().getCommandSpec().options().stream()
                    .filter(option -> !option.usageHelp() && !option.versionHelp())
                    .forEach(option -> assertThat(guide).as("option %s of %s", option.longestName(), command.getKey())
                            .contains("`" + option.longestName()));
        }
    }

    @Test
    void theExitCodeTableListsEveryCode() throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        ExitCodes.help().keySet().forEach(code -> assertThat(guide).containsPattern("(?m)^\\| " + code + " \\| "));
    }
}
