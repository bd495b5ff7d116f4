package io.ftpflux.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.core.listing.FtpEntry;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ftpflux ls URL}: lists a directory (MLSD when the server offers it, RFC 3659 §7; else LIST). */
@Command(name = "ls", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List a directory (MLSD when the server offers it, else LIST).")
final class LsCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "URL", description = "The directory, e.g. ftp://host/pub")
    FtpUrl url;

    @Option(names = "--json", description = "Print a JSON array of entries (name, type, size, modified, facts).")
    boolean json;

    @Option(names = "-l", description = "Long format: type and permissions, size, time (UTC), name.")
    boolean longFormat;

    @Override
    public Integer call() {
        List<FtpEntry> entries;
        try (BlockingFtpSession session = connect(url)) {
            entries = session.list(remotePath(url)).stream().filter(entry -> !entry.isSelfOrParent()).toList();
        }
        if (json) {
            ArrayNode array = EntryFormat.JSON.createArrayNode();
            entries.forEach(entry -> array.add(EntryFormat.toJson(entry)));
            printJson(array);
        } else if (longFormat) {
            EntryFormat.longLines(entries).forEach(out()::println);
        } else {
            entries.forEach(entry -> out().println(EntryFormat.shortName(entry)));
        }
        out().flush();
        return ExitCodes.OK;
    }
}
