package io.ftpflux.testkit.fault;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a small, correct FTP server does with each command (RFC 959 §4.1, §5.4; RFC 2389 FEAT and OPTS; RFC 2428
 * EPSV and EPRT; RFC 3659 SIZE, MDTM, REST, MLST and MLSD), with the faults of the command's plan applied.
 * Transfers are delegated to {@link Transfers}. Confined to the control connection's event loop.
 */
final class CommandHandler {

    private static final Set<String> ALLOWED_BEFORE_LOGIN =
            Set.of("USER", "PASS", "QUIT", "SYST", "FEAT", "OPTS", "NOOP", "ABOR");
    private static final Set<String> TYPES = Set.of("A", "A N", "I", "L 8");

    private final FaultServer server;
    private final ControlSession session;
    private final InMemoryFileSystem files;
    private final Transfers transfers;
    private @Nullable String user;
    private boolean loggedIn;
    private String workingDirectory = "/";
    private long restartOffset;
    private @Nullable String renameFrom;
    private @Nullable DataEndpoint endpoint;

    CommandHandler(FaultServer server, ControlSession session) {
        this.server = server;
        this.session = session;
        this.files = server.fileSystem();
        this.transfers = new Transfers(server, session);
    }

    /** Frees the pending data endpoint when the control connection ends. */
    void close() {
        closeEndpoint();
    }

    Mono<Void> handle(ReceivedCommand command, boolean truncated) {
        String verb = command.verb();
        String argument = command.argument();
        FaultPlan plan = server.planFor(verb);
        String pendingRename = renameFrom;
        renameFrom = null;
        if (truncated) {
            return session.reply(plan, "500 Command line too long.\r\n");
        }
        if (plan.reply != null) {
            // A replaced reply means the command had no effect, except that a refused transfer uses up the
            // pending data connection.
            if (Verbs.usesDataConnection(verb)) {
                closeEndpoint();
            }
            return session.reply(plan, "");
        }
        if (verb.isEmpty()) {
            return session.reply(plan, "500 Empty command line.\r\n");
        }
        if (!loggedIn && !ALLOWED_BEFORE_LOGIN.contains(verb)) {
            return session.reply(plan, "530 Please log in with USER and PASS.\r\n");
        }
        return switch (verb) {
            case "USER" -> user(plan, argument);
            case "PASS" -> pass(plan, argument);
            case "SYST" -> session.reply(plan, "215 UNIX Type: L8\r\n");
            case "FEAT" -> session.reply(plan, featureReply());
            case "OPTS" -> session.reply(plan, argument.trim().equalsIgnoreCase("UTF8 ON")
                    ? "200 Always in UTF8 mode.\r\n" : "501 Option not understood.\r\n");
            case "NOOP" -> session.reply(plan, "200 NOOP ok.\r\n");
            case "TYPE" -> session.reply(plan, TYPES.contains(argument.trim().toUpperCase(Locale.ROOT))
                    ? "200 Type set to " + argument.trim() + ".\r\n" : "504 Type not supported.\r\n");
            case "MODE" -> session.reply(plan, argument.trim().equalsIgnoreCase("S")
                    ? "200 Mode set to S.\r\n" : "504 Only stream mode is supported.\r\n");
            case "STRU" -> session.reply(plan, argument.trim().equalsIgnoreCase("F")
                    ? "200 Structure set to F.\r\n" : "504 Only file structure is supported.\r\n");
            case "PWD", "XPWD" -> session.reply(plan, "257 " + quote(workingDirectory) + " is the current directory.\r\n");
            case "CWD", "XCWD" -> changeDirectory(plan, resolve(argument));
            case "CDUP", "XCUP" -> changeDirectory(plan, InMemoryFileSystem.parent(workingDirectory));
            case "PASV" -> passive(plan, false, argument);
            case "EPSV" -> passive(plan, true, argument);
            case "PORT" -> active(plan, DataAddresses.parsePort(argument));
            case "EPRT" -> active(plan, DataAddresses.parseEprt(argument));
            case "REST" -> restart(plan, argument.trim());
            case "RETR" -> retrieve(plan, resolve(argument));
            case "LIST", "NLST", "MLSD" -> listing(plan, verb, argument);
            case "STOR" -> store(plan, resolve(argument), false);
            case "APPE" -> store(plan, resolve(argument), true);
            case "SIZE" -> size(plan, resolve(argument));
            case "MDTM" -> modificationTime(plan, resolve(argument));
            case "MLST" -> machineListEntry(plan, argument.isEmpty() ? workingDirectory : resolve(argument));
            case "DELE" -> session.reply(plan, files.deleteFile(resolve(argument))
                    ? "250 File deleted.\r\n" : "550 No such file.\r\n");
            case "MKD", "XMKD" -> makeDirectory(plan, resolve(argument));
            case "RMD", "XRMD" -> session.reply(plan, files.removeDirectory(resolve(argument))
                    ? "250 Directory removed.\r\n" : "550 No such empty directory.\r\n");
            case "RNFR" -> renameFrom(plan, resolve(argument));
            case "RNTO" -> renameTo(plan, pendingRename, resolve(argument));
            case "ABOR" -> abort(plan);
            case "QUIT" -> session.reply(plan, "221 Goodbye.\r\n").then(Mono.fromRunnable(session::close));
            default -> session.reply(plan, "500 Unknown command.\r\n");
        };
    }

    private Mono<Void> user(FaultPlan plan, String name) {
        user = name;
        loggedIn = false;
        return session.reply(plan, "331 Password required.\r\n");
    }

    private Mono<Void> pass(FaultPlan plan, String password) {
        if (user == null) {
            return session.reply(plan, "503 Login with USER first.\r\n");
        }
        loggedIn = server.acceptsLogin(user, password);
        if (!loggedIn) {
            user = null;
        }
        return session.reply(plan, loggedIn ? "230 Login successful.\r\n" : "530 Login incorrect.\r\n");
    }

    private String featureReply() {
        StringBuilder reply = new StringBuilder("211-Features:\r\n");
        for (String feature : server.features()) {
            reply.append(' ').append(feature).append("\r\n");
        }
        return reply.append("211 End\r\n").toString();
    }

    private Mono<Void> changeDirectory(FaultPlan plan, String directory) {
        if (!files.isDirectory(directory)) {
            return session.reply(plan, "550 No such directory.\r\n");
        }
        workingDirectory = directory;
        return session.reply(plan, "250 Directory changed to " + directory + ".\r\n");
    }

    private Mono<Void> passive(FaultPlan plan, boolean extended, String argument) {
        String option = argument.trim().toUpperCase(Locale.ROOT);
        if (extended && option.equals("ALL")) {
            return session.reply(plan, "200 EPSV ALL ok.\r\n");
        }
        if (extended && !option.isEmpty() && !option.equals("1") && !option.equals("2")) {
            return session.reply(plan, "501 Unknown network protocol.\r\n");
        }
        InetAddress local = session.localAddress();
        if (!extended && !(local instanceof Inet4Address)) {
            return session.reply(plan, "425 PASV needs IPv4; use EPSV.\r\n");
        }
        closeEndpoint();
        return DataEndpoint.listen(server, local, plan.passiveMode)
                .publishOn(session.scheduler())
                .flatMap(listener -> {
                    if (session.isClosed()) {
                        listener.close();
                        return Mono.empty();
                    }
                    endpoint = listener;
                    Fault.AdvertisePassive advertised = plan.advertise;
                    int port = advertised == null || advertised.port() == Fault.AdvertisePassive.ACTUAL_PORT
                            ? listener.port() : advertised.port();
                    if (extended) {
                        return session.reply(plan, DataAddresses.epsvReply(port));
                    }
                    byte[] host = advertised == null
                            ? local.getAddress() : DataAddresses.parseDottedQuad(advertised.host());
                    return session.reply(plan, DataAddresses.pasvReply(host, port));
                });
    }

    private Mono<Void> active(FaultPlan plan, @Nullable InetSocketAddress target) {
        if (target == null) {
            return session.reply(plan, "501 Syntax error in the address.\r\n");
        }
        if (!target.getAddress().isLoopbackAddress()) {
            return session.reply(plan, "501 The fault server connects to loopback addresses only.\r\n");
        }
        closeEndpoint();
        endpoint = DataEndpoint.connectTo(server, target);
        return session.reply(plan, "200 Active mode data connection to " + target.getPort() + " ok.\r\n");
    }

    private Mono<Void> restart(FaultPlan plan, String offset) {
        if (offset.isEmpty() || offset.length() > 18 || !offset.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return session.reply(plan, "501 REST needs a byte offset.\r\n");
        }
        restartOffset = Long.parseLong(offset);
        return session.reply(plan, "350 Restarting at " + restartOffset + ".\r\n");
    }

    private Mono<Void> retrieve(FaultPlan plan, String path) {
        DataEndpoint data = takeEndpoint();
        long offset = takeRestartOffset();
        FileContent content = files.content(path);
        if (content == null) {
            return refuse(data, plan, "550 No such file: " + path + "\r\n");
        }
        if (offset > content.size()) {
            return refuse(data, plan, "554 Restart offset " + offset + " is beyond the end of the file.\r\n");
        }
        if (data == null) {
            return noDataEndpoint(plan);
        }
        return transfers.download(plan, data, content, offset, path);
    }

    private Mono<Void> listing(FaultPlan plan, String verb, String argument) {
        DataEndpoint data = takeEndpoint();
        takeRestartOffset();
        String path = resolve(withoutListOptions(argument));
        byte[] configured = server.configuredListing(verb, path);
        byte[] listing;
        if (configured != null) {
            listing = configured;
        } else {
            InMemoryFileSystem.Entry entry = files.entry(path);
            if (entry == null || (verb.equals("MLSD") && !entry.directory())) {
                return refuse(data, plan, "550 No such directory: " + path + "\r\n");
            }
            List<InMemoryFileSystem.Entry> entries = entry.directory() ? files.children(path) : List.of(entry);
            listing = switch (verb) {
                case "NLST" -> Listings.nameList(entries, server.charset());
                case "MLSD" -> Listings.machineList(entries, server.charset());
                default -> Listings.list(entries, Instant.now(), server.charset());
            };
        }
        if (data == null) {
            return noDataEndpoint(plan);
        }
        return transfers.download(plan, data, FileContent.of(listing), 0, path);
    }

    private Mono<Void> store(FaultPlan plan, String path, boolean append) {
        DataEndpoint data = takeEndpoint();
        long offset = takeRestartOffset();
        if (!files.isDirectory(InMemoryFileSystem.parent(path)) || files.isDirectory(path)) {
            return refuse(data, plan, "553 Cannot store at " + path + ".\r\n");
        }
        long keep = append ? files.size(path) : offset;
        if (keep > files.size(path)) {
            return refuse(data, plan, "554 Restart offset " + offset + " is beyond the end of the file.\r\n");
        }
        if (data == null) {
            return noDataEndpoint(plan);
        }
        return transfers.upload(plan, data, path, keep);
    }

    private Mono<Void> size(FaultPlan plan, String path) {
        return session.reply(plan, files.isFile(path)
                ? "213 " + files.size(path) + "\r\n" : "550 No such file.\r\n");
    }

    private Mono<Void> modificationTime(FaultPlan plan, String path) {
        InMemoryFileSystem.Entry entry = files.entry(path);
        return session.reply(plan, entry != null && !entry.directory()
                ? "213 " + Listings.timeVal(entry.modified()) + "\r\n" : "550 No such file.\r\n");
    }

    private Mono<Void> machineListEntry(FaultPlan plan, String path) {
        InMemoryFileSystem.Entry entry = files.entry(path);
        if (entry == null) {
            return session.reply(plan, "550 No such file or directory.\r\n");
        }
        return session.reply(plan, "250-Listing " + path + "\r\n " + Listings.facts(entry) + " " + path + "\r\n250 End\r\n");
    }

    private Mono<Void> makeDirectory(FaultPlan plan, String path) {
        return session.reply(plan, files.makeDirectory(path)
                ? "257 " + quote(path) + " created.\r\n" : "550 Cannot create " + path + ".\r\n");
    }

    private Mono<Void> renameFrom(FaultPlan plan, String path) {
        if (files.entry(path) == null) {
            return session.reply(plan, "550 No such file or directory.\r\n");
        }
        renameFrom = path;
        return session.reply(plan, "350 Ready for RNTO.\r\n");
    }

    private Mono<Void> renameTo(FaultPlan plan, @Nullable String from, String to) {
        if (from == null) {
            return session.reply(plan, "503 RNFR required first.\r\n");
        }
        return session.reply(plan, files.rename(from, to) ? "250 Rename successful.\r\n" : "550 Rename failed.\r\n");
    }

    private Mono<Void> abort(FaultPlan plan) {
        closeEndpoint();
        return session.reply(plan, session.takeAbortedTransfer()
                ? "226 Abort successful.\r\n" : "225 No transfer to abort.\r\n");
    }

    private Mono<Void> refuse(@Nullable DataEndpoint data, FaultPlan plan, String reply) {
        if (data != null) {
            data.close();
        }
        return session.reply(plan, reply);
    }

    private Mono<Void> noDataEndpoint(FaultPlan plan) {
        return session.reply(plan, "425 Use PORT, EPRT, PASV or EPSV first.\r\n");
    }

    private @Nullable DataEndpoint takeEndpoint() {
        DataEndpoint taken = endpoint;
        endpoint = null;
        return taken;
    }

    private void closeEndpoint() {
        DataEndpoint previous = takeEndpoint();
        if (previous != null) {
            previous.close();
        }
    }

    private long takeRestartOffset() {
        long offset = restartOffset;
        restartOffset = 0;
        return offset;
    }

    private String resolve(String argument) {
        return InMemoryFileSystem.normalize(workingDirectory, argument);
    }

    /** LIST and NLST arguments may start with {@code ls} options such as {@code -la}; they are ignored. */
    private static String withoutListOptions(String argument) {
        String rest = argument.trim();
        while (rest.startsWith("-")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1).trim();
        }
        return rest;
    }

    /** A path in a 257 reply, with embedded quotes doubled (RFC 959 Appendix II). */
    private static String quote(String path) {
        return '"' + path.replace("\"", "\"\"") + '"';
    }
}
