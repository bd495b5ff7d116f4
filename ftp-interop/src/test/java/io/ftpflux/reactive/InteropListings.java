package io.ftpflux.reactive;

import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.ListingOptions;
import io.ftpflux.core.listing.ListingParsers;
import java.util.OptionalLong;
import reactor.core.publisher.Flux;

/**
 * A LIST listing (RFC 959 §4.1.3) even from a server that offers MLSD, for the interop suite.
 *
 * <p>{@link FtpSession#list(String)} always prefers MLSD when the server announces MLST, which is the right choice
 * for callers but leaves LIST untested against ProFTPD, Pure-FTPd and MINA. The public API offers no way to ask for
 * LIST, so this test helper reaches the session's package-private transfer instead (same package, test class path
 * only), and decodes the lines exactly as {@link FtpSession#list(String)} does.
 */
public final class InteropListings {

    private static final long MAX_ENTRIES = 10_000;

    private InteropListings() {
    }

    /**
     * Lists a directory with LIST, whatever the server announced, parsed by the autodetecting parsers.
     *
     * @param session an open session
     * @param path the directory, sent as given
     * @param client the client the session came from, for its charset and listing options
     * @return the entries, without the directory itself and its parent
     */
    public static Flux<FtpEntry> list(FtpSession session, FtpClient client, String path) {
        FtpCommand command = FtpCommands.list(path);
        ListingOptions options = client.listingOptions();
        return ListingDecoder.entries(session.receive(command, OptionalLong.empty()),
                ListingParsers.autodetect(options), command, client.controlCharset(), MAX_ENTRIES,
                entry -> !entry.isSelfOrParent());
    }
}
