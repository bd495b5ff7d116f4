package io.ftpflux.core.command;

import io.ftpflux.core.FtpUnsafeArgumentException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Static factories for every command a client sends: RFC 959 §4.1 and its extensions (RFC 2228, 2389, 2428,
 * 2640, 3659, 7151 and common drafts), one method per verb.
 *
 * <p>Paths and names are sent exactly as given: no trimming, no normalisation, so a path may start with a
 * space or a dash. They must not be empty ({@link IllegalArgumentException}) and must not hold CR, LF or NUL
 * ({@link FtpUnsafeArgumentException}, from {@link FtpCommand}). Numbers are refused when negative.
 * Addresses for PORT and EPRT come already formatted.
 */
public final class FtpCommands {

    // RFC 3659 §2.3 time-val without fraction, the form MFMT and MFCT take.
    private static final DateTimeFormatter TIME_VAL =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    // RFC 2228 §3: PBSZ takes a 32-bit unsigned integer.
    private static final long MAX_PROTECTION_BUFFER_SIZE = 0xFFFF_FFFFL;

    private FtpCommands() {
    }

    // ---- RFC 959 §4.1.1: access control ----

    /**
     * Creates {@code USER name}, the login name (RFC 959 §4.1.1).
     *
     * @param name the user name, sent as given
     * @return the command
     */
    public static FtpCommand user(String name) {
        return withArgument(StandardVerb.USER, "user name", name);
    }

    /**
     * Creates {@code PASS password} (RFC 959 §4.1.1); its {@code toString()} never shows the password.
     *
     * <p>An empty password is sent as a bare {@code PASS}: the RFC grammar has no empty argument, and
     * servers that allow empty passwords accept the bare verb.
     *
     * @param password the password, sent as given; may be empty
     * @return the command
     */
    public static FtpCommand pass(String password) {
        Objects.requireNonNull(password, "password");
        return password.isEmpty() ? FtpCommand.of(StandardVerb.PASS) : FtpCommand.of(StandardVerb.PASS, password);
    }

    /**
     * Creates {@code ACCT account} (RFC 959 §4.1.1); its {@code toString()} never shows the account.
     *
     * @param account the account, sent as given
     * @return the command
     */
    public static FtpCommand acct(String account) {
        return withArgument(StandardVerb.ACCT, "account", account);
    }

    /**
     * Creates {@code CWD path}, change working directory (RFC 959 §4.1.1).
     *
     * @param path the directory, sent as given
     * @return the command
     */
    public static FtpCommand cwd(String path) {
        return withPath(StandardVerb.CWD, path);
    }

    /**
     * Creates {@code CDUP}, change to the parent directory (RFC 959 §4.1.1).
     *
     * @return the command
     */
    public static FtpCommand cdup() {
        return FtpCommand.of(StandardVerb.CDUP);
    }

    /**
     * Creates {@code SMNT path}, structure mount (RFC 959 §4.1.1).
     *
     * @param path the file system to mount, sent as given
     * @return the command
     */
    public static FtpCommand smnt(String path) {
        return withPath(StandardVerb.SMNT, path);
    }

    /**
     * Creates {@code REIN}, reinitialize: log out but keep the connection (RFC 959 §4.1.1).
     *
     * @return the command
     */
    public static FtpCommand rein() {
        return FtpCommand.of(StandardVerb.REIN);
    }

    /**
     * Creates {@code QUIT}, log out and close the control connection (RFC 959 §4.1.1).
     *
     * @return the command
     */
    public static FtpCommand quit() {
        return FtpCommand.of(StandardVerb.QUIT);
    }

    // ---- RFC 959 §4.1.2 and RFC 2428: transfer parameters ----

    /**
     * Creates {@code PORT h1,h2,h3,h4,p1,p2}, the client's data address for active mode (RFC 959 §4.1.2).
     *
     * @param hostPort the address, already formatted as six comma-separated numbers
     * @return the command
     */
    public static FtpCommand port(String hostPort) {
        return withArgument(StandardVerb.PORT, "host-port", hostPort);
    }

    /**
     * Creates {@code EPRT |net-prt|net-addr|tcp-port|}, the extended active-mode address (RFC 2428 §2).
     *
     * @param address the address, already formatted with its delimiters
     * @return the command
     */
    public static FtpCommand eprt(String address) {
        return withArgument(StandardVerb.EPRT, "address", address);
    }

    /**
     * Creates {@code PASV}, ask the server to listen for the data connection (RFC 959 §4.1.2).
     *
     * @return the command
     */
    public static FtpCommand pasv() {
        return FtpCommand.of(StandardVerb.PASV);
    }

    /**
     * Creates {@code EPSV}, extended passive mode over the control connection's protocol (RFC 2428 §3).
     *
     * @return the command
     */
    public static FtpCommand epsv() {
        return FtpCommand.of(StandardVerb.EPSV);
    }

    /**
     * Creates {@code EPSV ALL}: from now on only EPSV is used, so NATs may stop rewriting PORT (RFC 2428 §4).
     *
     * @return the command
     */
    public static FtpCommand epsvAll() {
        return FtpCommand.of(StandardVerb.EPSV, "ALL");
    }

    /**
     * Creates {@code TYPE code}, the representation type (RFC 959 §4.1.2).
     *
     * @param type the type, for example {@link TransferType#IMAGE}
     * @return the command
     */
    public static FtpCommand type(TransferType type) {
        return FtpCommand.of(StandardVerb.TYPE, type.code());
    }

    /**
     * Creates {@code STRU code}, the file structure (RFC 959 §4.1.2).
     *
     * @param structure the structure, for example {@link FileStructure#FILE}
     * @return the command
     */
    public static FtpCommand stru(FileStructure structure) {
        return FtpCommand.of(StandardVerb.STRU, structure.code());
    }

    /**
     * Creates {@code MODE code}, the transmission mode (RFC 959 §4.1.2).
     *
     * @param mode the mode, for example {@link TransferMode#STREAM}
     * @return the command
     */
    public static FtpCommand mode(TransferMode mode) {
        return FtpCommand.of(StandardVerb.MODE, mode.code());
    }

    // ---- RFC 959 §4.1.3: service commands ----

    /**
     * Creates {@code RETR path}, download a file (RFC 959 §4.1.3).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand retr(String path) {
        return withPath(StandardVerb.RETR, path);
    }

    /**
     * Creates {@code STOR path}, upload a file, replacing any existing one (RFC 959 §4.1.3).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand stor(String path) {
        return withPath(StandardVerb.STOR, path);
    }

    /**
     * Creates {@code STOU}, upload under a name the server chooses and reports (RFC 959 §4.1.3).
     *
     * @return the command
     */
    public static FtpCommand stou() {
        return FtpCommand.of(StandardVerb.STOU);
    }

    /**
     * Creates {@code APPE path}, append to a file, creating it if needed (RFC 959 §4.1.3).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand appe(String path) {
        return withPath(StandardVerb.APPE, path);
    }

    /**
     * Creates {@code ALLO bytes}, reserve space before a STOR (RFC 959 §4.1.3).
     *
     * @param bytes the number of bytes to reserve, at least 0
     * @return the command
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public static FtpCommand allo(long bytes) {
        return FtpCommand.of(StandardVerb.ALLO, Long.toString(requireNonNegative("ALLO size", bytes)));
    }

    /**
     * Creates {@code REST offset}: the next RETR, STOR or APPE starts at this byte (RFC 3659 §5, stream
     * mode).
     *
     * @param offset the byte offset, at least 0
     * @return the command
     * @throws IllegalArgumentException if {@code offset} is negative
     */
    public static FtpCommand rest(long offset) {
        return FtpCommand.of(StandardVerb.REST, Long.toString(requireNonNegative("REST offset", offset)));
    }

    /**
     * Creates {@code RNFR path}, the file to rename; RNTO must follow (RFC 959 §4.1.3).
     *
     * @param path the existing file, sent as given
     * @return the command
     */
    public static FtpCommand rnfr(String path) {
        return withPath(StandardVerb.RNFR, path);
    }

    /**
     * Creates {@code RNTO path}, the new name after RNFR (RFC 959 §4.1.3).
     *
     * @param path the new name, sent as given
     * @return the command
     */
    public static FtpCommand rnto(String path) {
        return withPath(StandardVerb.RNTO, path);
    }

    /**
     * Creates {@code ABOR}, abort the transfer in progress (RFC 959 §4.1.3).
     *
     * @return the command
     */
    public static FtpCommand abor() {
        return FtpCommand.of(StandardVerb.ABOR);
    }

    /**
     * Creates {@code DELE path}, delete a file (RFC 959 §4.1.3).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand dele(String path) {
        return withPath(StandardVerb.DELE, path);
    }

    /**
     * Creates {@code RMD path}, remove a directory (RFC 959 §4.1.3).
     *
     * @param path the directory, sent as given
     * @return the command
     */
    public static FtpCommand rmd(String path) {
        return withPath(StandardVerb.RMD, path);
    }

    /**
     * Creates {@code MKD path}, make a directory (RFC 959 §4.1.3).
     *
     * @param path the directory, sent as given
     * @return the command
     */
    public static FtpCommand mkd(String path) {
        return withPath(StandardVerb.MKD, path);
    }

    /**
     * Creates {@code PWD}, print the working directory (RFC 959 §4.1.3).
     *
     * @return the command
     */
    public static FtpCommand pwd() {
        return FtpCommand.of(StandardVerb.PWD);
    }

    /**
     * Creates {@code LIST}, list the working directory in the server's format (RFC 959 §4.1.3).
     *
     * @return the command
     */
    public static FtpCommand list() {
        return FtpCommand.of(StandardVerb.LIST);
    }

    /**
     * Creates {@code LIST path} (RFC 959 §4.1.3). Some servers read a leading dash as {@code ls} options.
     *
     * @param path the directory or file, sent as given
     * @return the command
     */
    public static FtpCommand list(String path) {
        return withPath(StandardVerb.LIST, path);
    }

    /**
     * Creates {@code NLST}, list the names in the working directory (RFC 959 §4.1.3).
     *
     * @return the command
     */
    public static FtpCommand nlst() {
        return FtpCommand.of(StandardVerb.NLST);
    }

    /**
     * Creates {@code NLST path} (RFC 959 §4.1.3).
     *
     * @param path the directory, sent as given
     * @return the command
     */
    public static FtpCommand nlst(String path) {
        return withPath(StandardVerb.NLST, path);
    }

    /**
     * Creates {@code SITE command}, a server-specific command such as {@code CHMOD 644 file}
     * (RFC 959 §4.1.3).
     *
     * @param command the site command and its arguments, sent as given
     * @return the command
     */
    public static FtpCommand site(String command) {
        return withArgument(StandardVerb.SITE, "site command", command);
    }

    /**
     * Creates {@code SYST}, ask for the server's operating system type (RFC 959 §4.1.3).
     *
     * @return the command
     */
    public static FtpCommand syst() {
        return FtpCommand.of(StandardVerb.SYST);
    }

    /**
     * Creates {@code STAT}, the server's status, or the transfer's while one runs (RFC 959 §4.1.3).
     *
     * @return the command
     */
    public static FtpCommand stat() {
        return FtpCommand.of(StandardVerb.STAT);
    }

    /**
     * Creates {@code STAT path}, a listing sent over the control connection (RFC 959 §4.1.3).
     *
     * @param path the file or directory, sent as given
     * @return the command
     */
    public static FtpCommand stat(String path) {
        return withPath(StandardVerb.STAT, path);
    }

    /**
     * Creates {@code HELP}, the server's list of commands (RFC 959 §4.1.3).
     *
     * @return the command
     */
    public static FtpCommand help() {
        return FtpCommand.of(StandardVerb.HELP);
    }

    /**
     * Creates {@code HELP topic}, help on one command (RFC 959 §4.1.3).
     *
     * @param topic the topic, usually a verb
     * @return the command
     */
    public static FtpCommand help(String topic) {
        return withArgument(StandardVerb.HELP, "help topic", topic);
    }

    /**
     * Creates {@code NOOP}, which only asks for a 200 (RFC 959 §4.1.3).
     *
     * @return the command
     */
    public static FtpCommand noop() {
        return FtpCommand.of(StandardVerb.NOOP);
    }

    // ---- RFC 2228 §3: security extensions ----

    /**
     * Creates {@code AUTH mechanism}, start a security exchange; {@code "TLS"} for FTPS (RFC 2228 §3,
     * RFC 4217).
     *
     * @param mechanism the mechanism, for example {@code "TLS"}
     * @return the command
     */
    public static FtpCommand auth(String mechanism) {
        return withArgument(StandardVerb.AUTH, "security mechanism", mechanism);
    }

    /**
     * Creates {@code ADAT data}, security data for the exchange AUTH began (RFC 2228 §3); its
     * {@code toString()} never shows the data.
     *
     * @param base64Data the security data, base64-encoded
     * @return the command
     */
    public static FtpCommand adat(String base64Data) {
        return withArgument(StandardVerb.ADAT, "security data", base64Data);
    }

    /**
     * Creates {@code PBSZ size}, the protection buffer size; FTPS always sends 0 (RFC 2228 §3).
     *
     * @param size the buffer size, 0 to 4294967295
     * @return the command
     * @throws IllegalArgumentException if {@code size} is negative or above a 32-bit unsigned integer
     */
    public static FtpCommand pbsz(long size) {
        if (size < 0 || size > MAX_PROTECTION_BUFFER_SIZE) {
            throw new IllegalArgumentException(
                    "PBSZ size must be 0 to " + MAX_PROTECTION_BUFFER_SIZE + ": " + size);
        }
        return FtpCommand.of(StandardVerb.PBSZ, Long.toString(size));
    }

    /**
     * Creates {@code PROT level}, the data channel protection level (RFC 2228 §3).
     *
     * @param level the level, for example {@link ProtectionLevel#PRIVATE}
     * @return the command
     */
    public static FtpCommand prot(ProtectionLevel level) {
        return FtpCommand.of(StandardVerb.PROT, level.code());
    }

    /**
     * Creates {@code CCC}, return the control connection to clear text (RFC 2228 §3).
     *
     * @return the command
     */
    public static FtpCommand ccc() {
        return FtpCommand.of(StandardVerb.CCC);
    }

    /**
     * Creates {@code MIC data}, an integrity-protected command (RFC 2228 §3).
     *
     * @param base64Data the protected command, base64-encoded
     * @return the command
     */
    public static FtpCommand mic(String base64Data) {
        return withArgument(StandardVerb.MIC, "protected command", base64Data);
    }

    /**
     * Creates {@code CONF data}, a confidentiality-protected command (RFC 2228 §3).
     *
     * @param base64Data the protected command, base64-encoded
     * @return the command
     */
    public static FtpCommand conf(String base64Data) {
        return withArgument(StandardVerb.CONF, "protected command", base64Data);
    }

    /**
     * Creates {@code ENC data}, a privacy-protected command (RFC 2228 §3).
     *
     * @param base64Data the protected command, base64-encoded
     * @return the command
     */
    public static FtpCommand enc(String base64Data) {
        return withArgument(StandardVerb.ENC, "protected command", base64Data);
    }

    // ---- RFC 2389: feature negotiation; RFC 2640: internationalization ----

    /**
     * Creates {@code FEAT}, ask for the server's extensions (RFC 2389 §3).
     *
     * @return the command
     */
    public static FtpCommand feat() {
        return FtpCommand.of(StandardVerb.FEAT);
    }

    /**
     * Creates {@code OPTS command options}, set options of a command (RFC 2389 §4).
     *
     * @param commandAndOptions the command name and its options, for example {@code "MLST type;size;"}
     * @return the command
     */
    public static FtpCommand opts(String commandAndOptions) {
        return withArgument(StandardVerb.OPTS, "options", commandAndOptions);
    }

    /**
     * Creates {@code OPTS UTF8 ON}, which some servers (IIS among them) need before they use UTF-8 for
     * paths; servers that list {@code UTF8} in FEAT use it already (RFC 2640).
     *
     * @return the command
     */
    public static FtpCommand optsUtf8On() {
        return FtpCommand.of(StandardVerb.OPTS, "UTF8 ON");
    }

    /**
     * Creates {@code LANG}, return to the server's default language (RFC 2640 §4.1).
     *
     * @return the command
     */
    public static FtpCommand lang() {
        return FtpCommand.of(StandardVerb.LANG);
    }

    /**
     * Creates {@code LANG tag}, the language of the server's replies (RFC 2640 §4.1).
     *
     * @param languageTag the language tag, for example {@code "fr"}
     * @return the command
     */
    public static FtpCommand lang(String languageTag) {
        return withArgument(StandardVerb.LANG, "language tag", languageTag);
    }

    // ---- RFC 3659: extensions to FTP; RFC 7151: HOST ----

    /**
     * Creates {@code SIZE path}, the transfer size of a file (RFC 3659 §4).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand size(String path) {
        return withPath(StandardVerb.SIZE, path);
    }

    /**
     * Creates {@code MDTM path}, the modification time of a file (RFC 3659 §3).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand mdtm(String path) {
        return withPath(StandardVerb.MDTM, path);
    }

    /**
     * Creates {@code MLST}, the facts of the working directory (RFC 3659 §7).
     *
     * @return the command
     */
    public static FtpCommand mlst() {
        return FtpCommand.of(StandardVerb.MLST);
    }

    /**
     * Creates {@code MLST path}, the facts of one entry, over the control connection (RFC 3659 §7).
     *
     * @param path the file or directory, sent as given
     * @return the command
     */
    public static FtpCommand mlst(String path) {
        return withPath(StandardVerb.MLST, path);
    }

    /**
     * Creates {@code MLSD}, a machine listing of the working directory (RFC 3659 §7).
     *
     * @return the command
     */
    public static FtpCommand mlsd() {
        return FtpCommand.of(StandardVerb.MLSD);
    }

    /**
     * Creates {@code MLSD path}, a machine listing of a directory (RFC 3659 §7).
     *
     * @param path the directory, sent as given
     * @return the command
     */
    public static FtpCommand mlsd(String path) {
        return withPath(StandardVerb.MLSD, path);
    }

    /**
     * Creates {@code HOST name}, the virtual host to log in to, sent before USER (RFC 7151 §3).
     *
     * @param host the host name or address literal
     * @return the command
     */
    public static FtpCommand host(String host) {
        return withArgument(StandardVerb.HOST, "host", host);
    }

    // ---- Common extensions (drafts and de-facto commands) ----

    /**
     * Creates {@code MFMT time path}, set a file's modification time (draft-somers-ftp-mfxx).
     *
     * <p>The time is sent as {@code YYYYMMDDHHMMSS} in UTC (RFC 3659 §2.3 time-val); fractions of a second
     * are dropped, as the command has no place for them.
     *
     * @param modified the new modification time, in the years 0 to 9999
     * @param path the file, sent as given
     * @return the command
     * @throws IllegalArgumentException if the year does not fit in four digits
     */
    public static FtpCommand mfmt(Instant modified, String path) {
        return withTimeAndPath(StandardVerb.MFMT, modified, path);
    }

    /**
     * Creates {@code MFCT time path}, set a file's creation time (draft-somers-ftp-mfxx); the time is
     * formatted as for {@link #mfmt(Instant, String)}.
     *
     * @param created the new creation time, in the years 0 to 9999
     * @param path the file, sent as given
     * @return the command
     * @throws IllegalArgumentException if the year does not fit in four digits
     */
    public static FtpCommand mfct(Instant created, String path) {
        return withTimeAndPath(StandardVerb.MFCT, created, path);
    }

    /**
     * Creates {@code MFF facts path}, set several facts of a file at once (draft-somers-ftp-mfxx).
     *
     * @param facts the facts, formatted as in MLST, for example {@code "modify=20240101120000;UNIX.mode=0644;"}
     * @param path the file, sent as given
     * @return the command
     * @throws IllegalArgumentException if the facts are empty or contain a space
     */
    public static FtpCommand mff(String facts, String path) {
        requireNotEmpty(StandardVerb.MFF, "facts", facts);
        int space = facts.indexOf(' ');
        if (space >= 0) {
            // The first space ends the facts: the server would read the rest as part of the path.
            throw new IllegalArgumentException("MFF: the facts must not contain a space, found one at index " + space);
        }
        requireNotEmpty(StandardVerb.MFF, "path", path);
        return FtpCommand.of(StandardVerb.MFF, facts + ' ' + path);
    }

    /**
     * Creates {@code HASH path}, the file's hash in the algorithm chosen with OPTS HASH
     * (draft-bryan-ftpext-hash).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand hash(String path) {
        return withPath(StandardVerb.HASH, path);
    }

    /**
     * Creates {@code RANG start end}, the byte range the next HASH covers (draft-bryan-ftp-range); both
     * ends are inclusive, and {@code RANG 1 0} resets the range.
     *
     * @param start the first byte, at least 0
     * @param end the last byte, at least 0
     * @return the command
     * @throws IllegalArgumentException if either end is negative
     */
    public static FtpCommand rang(long start, long end) {
        requireNonNegative("RANG start", start);
        requireNonNegative("RANG end", end);
        return FtpCommand.of(StandardVerb.RANG, start + " " + end);
    }

    /**
     * Creates {@code XCRC path}, the CRC-32 of a file (de-facto extension).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand xcrc(String path) {
        return withPath(StandardVerb.XCRC, path);
    }

    /**
     * Creates {@code XMD5 path}, the MD5 of a file (de-facto extension).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand xmd5(String path) {
        return withPath(StandardVerb.XMD5, path);
    }

    /**
     * Creates {@code XSHA1 path}, the SHA-1 of a file (de-facto extension).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand xsha1(String path) {
        return withPath(StandardVerb.XSHA1, path);
    }

    /**
     * Creates {@code XSHA256 path}, the SHA-256 of a file (de-facto extension).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand xsha256(String path) {
        return withPath(StandardVerb.XSHA256, path);
    }

    /**
     * Creates {@code XSHA512 path}, the SHA-512 of a file (de-facto extension).
     *
     * @param path the file, sent as given
     * @return the command
     */
    public static FtpCommand xsha512(String path) {
        return withPath(StandardVerb.XSHA512, path);
    }

    /**
     * Creates {@code CLNT name}, tell the server the client's name and version (de-facto extension).
     *
     * @param clientName the client's name, for example {@code "ftpflux 1.0"}
     * @return the command
     */
    public static FtpCommand clnt(String clientName) {
        return withArgument(StandardVerb.CLNT, "client name", clientName);
    }

    /**
     * Creates {@code AVBL}, the space available in the working directory
     * (draft-peterson-streamlined-ftp-command-extensions).
     *
     * @return the command
     */
    public static FtpCommand avbl() {
        return FtpCommand.of(StandardVerb.AVBL);
    }

    /**
     * Creates {@code AVBL path}, the space available in a directory
     * (draft-peterson-streamlined-ftp-command-extensions).
     *
     * @param path the directory, sent as given
     * @return the command
     */
    public static FtpCommand avbl(String path) {
        return withPath(StandardVerb.AVBL, path);
    }

    private static FtpCommand withPath(StandardVerb verb, String path) {
        return withArgument(verb, "path", path);
    }

    private static FtpCommand withArgument(StandardVerb verb, String what, String value) {
        return FtpCommand.of(verb, requireNotEmpty(verb, what, value));
    }

    private static FtpCommand withTimeAndPath(StandardVerb verb, Instant time, String path) {
        Objects.requireNonNull(time, "time");
        requireNotEmpty(verb, "path", path);
        int year = LocalDateTime.ofInstant(time, ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException(verb + ": the time must be in the years 0 to 9999: " + time);
        }
        return FtpCommand.of(verb, TIME_VAL.format(time) + ' ' + path);
    }

    // A null would otherwise become a command without argument, and an empty one an argument of nothing.
    private static String requireNotEmpty(StandardVerb verb, String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(verb + ": the " + what + " must not be empty");
        }
        return value;
    }

    private static long requireNonNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
        return value;
    }
}
