package io.ftpflux.cli;

import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.core.listing.FtpEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ftpflux stat URL}: one entry's facts (MLST, RFC 3659 §7.2; else SIZE, MDTM and the parent's listing). */
@Command(name = "stat", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show one file's or directory's facts (MLST, else SIZE/MDTM or the parent's listing).")
final class StatCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "URL", description = "The file or directory.")
    FtpUrl url;

    @Option(names = "--json", description = "Print one JSON object (name, type, size, modified, facts).")
    boolean json;

    @Override
    public Integer call() {
        FtpEntry entry;
        try (BlockingFtpSession session = connect(url)) {
            entry = session.stat(remotePath(url));
        }
        if (json) {
            printJson(EntryFormat.toJson(entry));
        } else {
            EntryFormat.statLines(entry).forEach(out()::println);
            out().flush();
        }
        return ExitCodes.OK;
    }
}
