package io.ftpflux.core.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The listing parsers: MLSD (RFC 3659 §7), NLST and LIST formats (RFC 959 §4.1.3), and autodetection among
 * them.
 *
 * <p>Every parser returned is stateless and thread-safe; hand it to a {@link ListingReader} to read a
 * listing's bytes.
 */
public final class ListingParsers {

    private ListingParsers() {
    }

    /**
     * Returns the parser for MLSD lines and MLST entries (RFC 3659 §7).
     *
     * @return the MLSD parser
     * @see MlsdListingParser
     */
    public static ListingParser mlsd() {
        return MlsdListingParser.INSTANCE;
    }

    /**
     * Returns the parser for {@code ls -l} style LIST output (vsftpd, ProFTPD, Pure-FTPd, Apache MINA
     * FtpServer, busybox, NetWare-like).
     *
     * @param options the server's clock, zone and month-name languages
     * @return the Unix parser
     * @see UnixListingParser
     */
    public static ListingParser unix(ListingOptions options) {
        return new UnixListingParser(Objects.requireNonNull(options, "options"));
    }

    /**
     * Returns the parser for NLST output (RFC 959 §4.1.3): each line is a name, of a kind the listing does not
     * tell ({@link EntryType#OTHER}).
     *
     * @return the NLST parser
     */
    public static ListingParser nlst() {
        return NlstListingParser.INSTANCE;
    }

    /**
     * Returns a parser that recognizes every built-in format.
     *
     * <p>Used line by line, it tries MLSD, then each LIST format. Given to a {@link ListingReader}, it picks
     * one format per listing: the reader is told the command that produced the listing, and the first line
     * that is not noise decides among the formats that fit that command (MLSD first after MLSD, names after
     * NLST, the LIST formats after LIST); a later line the chosen format rejects is tried with the others.
     *
     * @param options the server's clock, zone and month-name languages, for LIST formats
     * @return the autodetecting parser
     */
    public static ListingParser autodetect(ListingOptions options) {
        return autodetect(options, List.of());
    }

    /**
     * Returns a parser that recognizes the given formats and every built-in one, as
     * {@link #autodetect(ListingOptions)} does.
     *
     * <p>The extra parsers are tried before the built-in LIST formats (after MLSD for MLSD listings), in the
     * given order: a caller adds a parser for a server whose lines a built-in format would misread or miss.
     *
     * @param options the server's clock, zone and month-name languages, for LIST formats
     * @param extraParsers parsers for further LIST formats, stateless and thread-safe
     * @return the autodetecting parser
     */
    public static ListingParser autodetect(ListingOptions options, List<? extends ListingParser> extraParsers) {
        Objects.requireNonNull(options, "options");
        List<ListingParser> formats = new ArrayList<>(extraParsers);
        // The built-in LIST formats, in the order they are tried: one line each.
        formats.add(unix(options));
        formats.add(dos(options));
        formats.add(eplf());
        formats.add(vms(options));
        formats.add(mvs(options));
        return new AutodetectListingParser(formats);
    }

    /**
     * Returns the parser for MS-DOS style LIST output, as IIS and Windows servers send it.
     *
     * @param options the server's clock and zone
     * @return the DOS parser
     * @see DosListingParser
     */
    public static ListingParser dos(ListingOptions options) {
        return new DosListingParser(Objects.requireNonNull(options, "options"));
    }

    /**
     * Returns the parser for EPLF, the Easily Parsed LIST Format.
     *
     * @return the EPLF parser
     * @see EplfListingParser
     */
    public static ListingParser eplf() {
        return new EplfListingParser();
    }

    /**
     * Returns the parser for OpenVMS LIST output.
     *
     * @param options the server's clock and zone
     * @return the VMS parser
     * @see VmsListingParser
     */
    public static ListingParser vms(ListingOptions options) {
        return new VmsListingParser(Objects.requireNonNull(options, "options"));
    }

    /**
     * Returns the parser for z/OS (MVS) dataset and PDS member listings.
     *
     * @param options the server's clock and zone
     * @return the MVS parser
     * @see MvsListingParser
     */
    public static ListingParser mvs(ListingOptions options) {
        return new MvsListingParser(Objects.requireNonNull(options, "options"));
    }
}
