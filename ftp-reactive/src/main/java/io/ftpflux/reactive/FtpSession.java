package io.ftpflux.reactive;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpDataIntegrityException;
import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.command.TransferType;
import io.ftpflux.core.feature.Features;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.ListingParser;
import io.ftpflux.core.listing.ListingParsers;
import io.ftpflux.core.listing.MlsdListingParser;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyAssembler;
import io.ftpflux.core.reply.ReplyCode;
import io.ftpflux.core.reply.ReplyPayloads;
import io.ftpflux.reactive.internal.ControlCodec;
import io.ftpflux.reactive.internal.ControlConnection;
import io.ftpflux.reactive.internal.ControlConnection.Exchange;
import io.ftpflux.reactive.internal.ControlTls;
import io.ftpflux.reactive.internal.DataChannel;
import io.ftpflux.reactive.internal.DataConnector;
import io.ftpflux.reactive.event.FtpEvent;
import io.ftpflux.reactive.internal.DataTransfers;
import io.ftpflux.reactive.internal.Events;
import io.ftpflux.reactive.internal.Failures;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;
import reactor.netty.tcp.TcpClient;

/**
 * One logged-in conversation with an FTP server over one control connection (RFC 959).
 *
 * <p>Operations are queued and run one at a time, in subscription order: FTP has one command in flight per
 * control connection. Each operation runs when subscribed; cancelling one never desynchronises the session
 * (a cancelled transfer's final reply is consumed before the next operation starts). Signals arrive on the
 * connections' event loops, or on Reactor's bounded-elastic scheduler after work on local files, so
 * subscribers must not block.
 *
 * <p>Errors are the {@code io.ftpflux.core} exceptions, and {@link java.io.IOException}s for local files. The
 * session stays usable ({@link #isOpen()}) after a refusal ({@link FtpReplyException}), an unsafe argument
 * ({@link io.ftpflux.core.FtpUnsafeArgumentException}: nothing was sent), a failed size check
 * ({@link FtpDataIntegrityException}), a local file error, and a listing whose content was refused (an
 * {@link FtpProtocolException} for too many entries or an over-long line: the listing is cancelled, its final
 * reply consumed). Any other {@link FtpException} (a timeout, a broken connection, a malformed reply) closes
 * it: the conversation may no longer be in step with the server, and later operations fail with
 * {@link FtpConnectionException}.
 *
 * <p>Transfers use the client's {@link FtpClient#transferType()}, binary ({@code TYPE I}) unless set. In the
 * ASCII type the file methods ({@link #download(String, Path, DownloadOptions)},
 * {@link #upload(String, Path, UploadOptions)}) convert line ends: the network form ends lines with CRLF
 * (RFC 959 §3.1.1.1), the local file with LF. They cannot resume (servers disagree on what a REST offset counts
 * in that type), so resume options fail with {@link IllegalArgumentException}, and uploads then read the file
 * instead of sending it zero-copy. Their size checks compare the network byte count with SIZE, which RFC 3659 §4
 * defines as the size in the current type but many servers report as the stored size: a mismatch leaves
 * {@code sizeVerified} false instead of failing. Every other method moves bytes exactly as they travel, in the
 * network form; callers who want local line ends from a stream can use
 * {@link io.ftpflux.core.transfer.NetworkAsciiDecoder} and {@link io.ftpflux.core.transfer.NetworkAsciiEncoder}.
 * {@link #download(String, long)} counts its offset in those network bytes, as RFC 3659 §5 does, and checks
 * the stream against SIZE as in binary, so in the ASCII type it fails on a server that reports the stored size.
 */
public final class FtpSession {

    private final FtpClient client;
    private final ControlConnection control;
    private final DataConnector dataConnector;
    private final DataTransfers.Settings settings;
    private final ListingParser listingParser;
    private final CheckedTransfers transfers;
    private final Events events;
    private volatile Features features = Features.none();
    private volatile @Nullable FtpReply greeting;
    private final @Nullable ControlTls tls;
    private final @Nullable Function<Connection, Connection> dataTls;

    private FtpSession(FtpClient client, ControlConnection control, Events events, @Nullable ControlTls tls) {
        this.client = client;
        this.tls = tls;
        this.dataTls = tls == null ? null : tls.dataConnections();
        this.control = control;
        this.events = events;
        this.dataConnector = new DataConnector(client.dataConnectionMode(), control.connection().channel(),
                client.passiveAddressPolicy(), client.activeModeOptions(), client.timeouts().dataConnect(),
                client.loopResources(), events);
        this.settings = new DataTransfers.Settings(client.timeouts().reply(), client.timeouts().dataIdle(),
                client.transferType() == TransferType.IMAGE, events);
        this.listingParser = ListingParsers.autodetect(client.listingOptions());
        this.transfers = new CheckedTransfers(() -> features, client.controlCharset(), this::dataChannel, settings,
                client.transferType() == TransferType.ASCII);
    }

    static Mono<FtpSession> open(FtpClient client) {
        FtpTimeouts timeouts = client.timeouts();
        TcpClient tcp = TcpClient.newConnection()
                .host(client.host())
                .port(client.port())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeouts.connect().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true);
        if (client.loopResources() != null) {
            tcp = tcp.runOn(client.loopResources());
        }
        if (client.wiretap()) {
            tcp = tcp.wiretap(true);
        }
        String where = client.host() + ":" + client.port();
        Events events = new Events(client.eventListener());
        TcpClient connector = tcp;
        FtpTls tlsSettings = client.tls();
        // One TLS context per session: its session cache is what the data connections resume, and no one else's.
        Mono<Optional<SslContext>> tlsContext = tlsSettings == null ? Mono.just(Optional.empty())
                : Mono.fromCallable(() -> Optional.of(tlsSettings.newContext()))
                        .subscribeOn(Schedulers.boundedElastic())
                        .onErrorMap(error -> !(error instanceof FtpException),
                                error -> new FtpSecurityException("cannot set up TLS: " + error.getMessage(), error));
        return tlsContext.flatMap(context -> Mono.defer(() -> {
                    Events.Span span = events.start(FtpEvent.Type.CONNECT, where);
                    return connector.connect()
                            .onErrorMap(error -> Failures.ofConnect(error, "connecting to " + where,
                                    FtpTimeoutException.Phase.CONNECT, timeouts.connect()))
                            .doOnSuccess(connected -> span.succeeded(null, -1))
                            .doOnError(span::failed)
                            .doOnCancel(() -> span.failed(new CancellationException("connect cancelled")));
                })
                .flatMap(connection -> {
                    ControlCodec codec = new ControlCodec(
                            new ReplyAssembler(client.replyLimits(), client.controlCharset()), client.controlCharset());
                    ControlTls tls = context.map(sslContext -> new ControlTls(tlsSettings, sslContext, client.host(),
                            client.port(), timeouts.reply(), events, codec)).orElse(null);
                    if (tls != null && tlsSettings.mode() == FtpTls.Mode.IMPLICIT) {
                        tls.startImplicit(connection);
                    }
                    ControlConnection control = new ControlConnection(connection, codec, timeouts.reply(),
                            timeouts.reply(), client.keepAlive(), events);
                    FtpSession session = new FtpSession(client, control, events, tls);
                    return session.start().thenReturn(session)
                            .onErrorResume(error -> {
                                control.close(error instanceof FtpException ftp ? ftp
                                        : new FtpConnectionException("session setup failed", error));
                                return Mono.error(error);
                            })
                            .doFinally(signal -> {
                                // After the cancel went upstream, so that nothing waits for the failure it causes.
                                if (signal == SignalType.CANCEL) {
                                    control.close(new FtpConnectionException("connect was cancelled", null));
                                }
                            });
                }));
    }

    /** Greeting, AUTH TLS, login, PBSZ/PROT, CCC, FEAT, OPTS UTF8, TYPE: all before the session is handed out. */
    private Mono<Void> start() {
        return control.conversation(exchange -> greeting(exchange)
                        .then(tls == null ? Mono.empty() : tls.upgrade(exchange))
                        .then(Mono.defer(() -> {
                            Events.Span span = events.start(FtpEvent.Type.LOGIN, client.credentials().user());
                            return login(exchange)
                                    .doOnSuccess(done -> span.succeeded(null, -1))
                                    .doOnError(span::failed)
                                    .doOnCancel(() -> span.failed(new CancellationException("login cancelled")));
                        }))
                        .then(tls == null ? Mono.empty() : tls.protect(exchange))
                        .then(tls == null ? Mono.empty() : tls.clearCommandChannel(exchange))
                        .then(exchange.send(FtpCommands.feat()).filter(FtpReply::isFinal).single())
                        .flatMap(reply -> {
                            features = Features.parse(reply);
                            return features.supportsUtf8()
                                    ? exchange.send(FtpCommands.optsUtf8On()).then()
                                    : Mono.empty();
                        })
                        .then(exchange.execute(FtpCommands.type(client.transferType())))
                        .then())
                .then();
    }

    private Mono<FtpReply> greeting(Exchange exchange) {
        return exchange.awaitGreeting(client.timeouts().greeting())
                .filter(FtpReply::isFinal)
                .single()
                .flatMap(reply -> {
                    if (reply.code().value() == ReplyCode.SERVICE_READY.value()) {
                        greeting = reply;
                        return Mono.just(reply);
                    }
                    if (tls != null && tls.explicit() && reply.code().value() == 230) {
                        // RFC 4217 §4: logged in before TLS, the session would run without the protection asked for.
                        return Mono.error(new FtpSecurityException("the server logged in before TLS was set up ("
                                + reply.code() + " greeting); refusing the session"));
                    }
                    if (reply.code().category().isNegative()) {
                        return Mono.error(FtpReplyException.of(null, reply));
                    }
                    return Mono.error(new FtpProtocolException("expected a 220 greeting, got: " + reply));
                });
    }

    private Mono<Void> login(Exchange exchange) {
        FtpCredentials credentials = client.credentials();
        return exchange.execute(FtpCommands.user(credentials.user())).flatMap(reply -> switch (reply.code().value()) {
            case 230, 202 -> Mono.empty();
            case 331 -> credentials.password() == null
                    ? Mono.error(new FtpProtocolException("the server asks for a password and none is configured"))
                    : exchange.execute(FtpCommands.pass(credentials.password()))
                            .flatMap(passReply -> afterPassword(exchange, passReply));
            case 332 -> account(exchange);
            default -> Mono.error(new FtpProtocolException("unexpected reply to USER: " + reply));
        }).then();
    }

    private Mono<Void> afterPassword(Exchange exchange, FtpReply reply) {
        return switch (reply.code().value()) {
            case 230, 202 -> Mono.empty();
            case 332 -> account(exchange);
            default -> Mono.error(new FtpProtocolException("unexpected reply to PASS: " + reply));
        };
    }

    private Mono<Void> account(Exchange exchange) {
        String account = client.credentials().account();
        if (account == null) {
            return Mono.error(new FtpProtocolException("the server asks for an account and none is configured"));
        }
        return exchange.execute(FtpCommands.acct(account)).then();
    }

    /**
     * Returns the server's 220 greeting (RFC 959 §5.4), which often names the server software and its version.
     *
     * @return the greeting reply, with all its lines
     */
    public FtpReply greeting() {
        return Objects.requireNonNull(greeting, "a session is handed out only after its greeting");
    }

    /**
     * Returns the features the server announced at login (FEAT, RFC 2389).
     *
     * @return the features; empty if the server has no FEAT
     */
    public Features features() {
        return features;
    }

    /**
     * Tells whether the session can still run operations.
     *
     * @return {@code false} once the connection failed or the session was closed
     */
    public boolean isOpen() {
        return control.isOpen();
    }

    /**
     * Sends any command and returns its final reply: the escape hatch for what this API does not cover
     * (SITE subcommands, extensions). Commands that open a data connection are not for this method.
     *
     * @param command the command
     * @return the positive final reply (2yz or 3yz); a negative one fails with {@link FtpReplyException}
     */
    public Mono<FtpReply> execute(FtpCommand command) {
        return conversation(exchange -> exchange.execute(command)).single();
    }

    /**
     * Does nothing, on the server (NOOP, RFC 959 §4.1.3): proves the control connection is alive.
     *
     * @return completes on the 200 reply
     */
    public Mono<Void> noop() {
        return execute(FtpCommands.noop()).then();
    }

    /**
     * Returns the working directory (PWD, RFC 959 §4.1.3, reply per Appendix II).
     *
     * <p>The path is decoded as listing names are ({@link #list(String)}): bytes that do not decode in the control
     * charset are escaped, so the path passed back to this session names the same directory.
     *
     * @return the path the server reports
     */
    public Mono<String> workingDirectory() {
        return execute(FtpCommands.pwd()).map(reply -> FtpCommand.requireSafe("PWD result", ReplyPayloads.pathname(reply)));
    }

    /**
     * Changes the working directory (CWD, RFC 959 §4.1.1).
     *
     * @param path the directory, sent as given
     * @return completes when the server confirmed
     */
    public Mono<Void> changeWorkingDirectory(String path) {
        return execute(FtpCommands.cwd(path)).then();
    }

    /**
     * Creates a directory (MKD, RFC 959 §4.1.3).
     *
     * @param path the directory, sent as given
     * @return the created directory's path as the server reports it (decoded as {@link #workingDirectory()}
     *     decodes), or the given path if it reports none
     */
    public Mono<String> makeDirectory(String path) {
        return execute(FtpCommands.mkd(path)).map(reply -> {
            try {
                return ReplyPayloads.pathname(reply);
            } catch (FtpProtocolException notAPathname) {
                return path;
            }
        });
    }

    /**
     * Removes an empty directory (RMD, RFC 959 §4.1.3).
     *
     * @param path the directory, sent as given
     * @return completes when the server confirmed
     */
    public Mono<Void> removeDirectory(String path) {
        return execute(FtpCommands.rmd(path)).then();
    }

    /**
     * Deletes a file (DELE, RFC 959 §4.1.3).
     *
     * @param path the file, sent as given
     * @return completes when the server confirmed
     */
    public Mono<Void> delete(String path) {
        return execute(FtpCommands.dele(path)).then();
    }

    /**
     * Renames a file or directory (RNFR then RNTO, RFC 959 §4.1.3), as one conversation.
     *
     * @param from the current path
     * @param to the new path
     * @return completes when the server confirmed
     */
    public Mono<Void> rename(String from, String to) {
        return conversation(exchange -> exchange.execute(FtpCommands.rnfr(from))
                .then(exchange.execute(FtpCommands.rnto(to)))).then();
    }

    /**
     * Returns a file's size (SIZE, RFC 3659 §4), in the current transfer type.
     *
     * @param path the file
     * @return the size in bytes
     */
    public Mono<Long> size(String path) {
        return execute(FtpCommands.size(path)).map(ReplyPayloads::size);
    }

    /**
     * Returns a file's modification time (MDTM, RFC 3659 §3).
     *
     * @param path the file
     * @return the instant, UTC as the RFC says
     */
    public Mono<Instant> modificationTime(String path) {
        return execute(FtpCommands.mdtm(path)).map(ReplyPayloads::modificationTime);
    }

    /**
     * Sets a file's modification time (MFMT, draft-somers-ftp-mfxx).
     *
     * @param path the file
     * @param time the new modification time, to the second
     * @return completes when the server confirmed
     */
    public Mono<Void> setModificationTime(String path, Instant time) {
        return execute(FtpCommands.mfmt(time, path)).then();
    }

    /**
     * Downloads a file as a stream of buffers (RETR, RFC 959 §4.1.3).
     *
     * <p>The buffers are borrowed: each is released after {@code onNext} returns, so a subscriber that keeps
     * one beyond that must {@code retain()} it (and release it later). Backpressure reaches TCP: a subscriber
     * that requests slowly slows the server down. The stream completes once the data connection ended
     * <em>and</em> the server confirmed the transfer; when the server announced a size in its 150 reply (binary
     * transfers only), a different byte count fails with {@link io.ftpflux.core.FtpDataIntegrityException}.
     * Cancelling closes the data connection and leaves the session usable.
     *
     * @param path the file
     * @return the file's bytes
     */
    public Flux<ByteBuf> download(String path) {
        return receive(FtpCommands.retr(path), OptionalLong.empty());
    }

    /**
     * Uploads a stream of buffers to a file (STOR, RFC 959 §4.1.3), replacing it.
     *
     * <p>The source is subscribed only after the server's 1yz reply, so a refusal (550, 553...) never
     * consumes it. The buffers are released as they are written. If the source fails, or the upload is
     * cancelled, the data connection is reset so that the server does not take the partial data for a
     * complete file.
     *
     * @param path the file
     * @param data the bytes to store
     * @return the number of bytes sent, once the server confirmed (226/250)
     */
    public Mono<Long> upload(String path, Publisher<ByteBuf> data) {
        return send(FtpCommands.stor(path), DataTransfers.buffers(data));
    }

    /**
     * Lists a directory (RFC 3659 §7 MLSD when the server announced MLST, RFC 959 §4.1.3 LIST otherwise).
     *
     * <p>Entries stream as their lines arrive, each parsed as soon as it is complete, with backpressure: the
     * data connection is read only as fast as entries are requested. LIST lines are read by
     * {@link ListingParsers#autodetect} with the client's {@link FtpClient#listingOptions()}; a line no format
     * understands comes as an {@link EntryType#UNPARSED} entry, never dropped. Names are decoded with the
     * client's {@link FtpClient#controlCharset()} by {@link io.ftpflux.core.command.NameCodec}: a byte that does
     * not decode in it is escaped, so {@code dir + "/" + entry.name()} passed to any method of this session sends
     * the server exactly the bytes it listed ({@link FtpEntry#nameBytes()}). The directory itself and its parent
     * ({@link FtpEntry#isSelfOrParent()}) are left out.
     *
     * <p>The stream completes once the data ended and the server confirmed the listing (226/250). A listing
     * with more than {@link FtpClient#maxListingEntries()} entries fails with {@link FtpProtocolException}
     * when the entry past the limit arrives; to read only the first entries, {@code take(n)}: cancelling
     * closes the data connection and leaves the session usable. Entries are emitted on the data connection's
     * event loop, or on the thread that requests more when entries decoded from one buffer are still waiting;
     * no network buffer is kept past its {@code onNext}.
     *
     * @param path the directory, sent as given; a file's path lists that file on most servers (LIST only)
     * @return the entries, in the server's order
     */
    public Flux<FtpEntry> list(String path) {
        return listing(Objects.requireNonNull(path, "path"));
    }

    /**
     * Lists the working directory, as {@link #list(String)} does.
     *
     * @return the entries, in the server's order
     */
    public Flux<FtpEntry> list() {
        return listing(null);
    }

    /**
     * Lists the names in a directory (NLST, RFC 959 §4.1.3): one per line, as the server writes them (some
     * servers prefix the directory).
     *
     * <p>Streams, completes and fails as {@link #list(String)} does, within the same entry limit, and decodes
     * names as it does: a name that does not decode in the control charset holds escapes, and passed back to this
     * session it names the same file. Some servers refuse NLST of an empty directory (450 or 550), which
     * comes as an {@link FtpReplyException}.
     *
     * @param path the directory, sent as given
     * @return the names, in the server's order
     */
    public Flux<String> names(String path) {
        return names(FtpCommands.nlst(Objects.requireNonNull(path, "path")));
    }

    /**
     * Lists the names in the working directory, as {@link #names(String)} does.
     *
     * @return the names, in the server's order
     */
    public Flux<String> names() {
        return names(FtpCommands.nlst());
    }

    /**
     * Describes one file or directory.
     *
     * <p>When the server announced MLST, this is MLST (RFC 3659 §7.2) over the control connection: the entry has
     * every fact the server gave, and its name is the path as the server reports it. Otherwise, without changing
     * the working directory:
     * <ol>
     *   <li>SIZE (RFC 3659 §4): a size means a file; MDTM (RFC 3659 §3) adds its modification time when the
     *       server has one. The entry is a {@link EntryType#FILE} named by the path as given.
     *   <li>A permanent refusal of SIZE (a directory, or a server without SIZE) lists the parent directory (LIST)
     *       and takes the entry whose name is the path's last part, named by the path as given; the listing is
     *       cancelled once it is found.
     *   <li>If the parent does not list it (or the path has no last part, such as {@code /}), the refusal of
     *       SIZE is the error.
     * </ol>
     *
     * @param path the file or directory, sent as given
     * @return the entry; a missing file fails with {@link FtpPermanentReplyException} (usually 550)
     */
    public Mono<FtpEntry> stat(String path) {
        Objects.requireNonNull(path, "path");
        return Mono.defer(() -> features.supportsMlst()
                ? execute(FtpCommands.mlst(path))
                        .map(reply -> MlsdListingParser.parseMlstReply(reply, client.controlCharset()))
                : conversation(exchange -> sizeAndTime(exchange, path)).single()
                        .onErrorResume(FtpPermanentReplyException.class, refused -> findInParent(path, refused)));
    }

    /**
     * Downloads a file from a byte offset (REST then RETR, RFC 3659 §5, as one conversation).
     *
     * <p>The remote size is asked first (SIZE, or MLST), in the same conversation; the stream then must carry
     * exactly {@code size - offset} bytes. A server that accepts REST but sends from the start anyway fails with
     * {@link FtpDataIntegrityException} before the first byte past that count is emitted, as does a short
     * stream once it ends. A server that reports no size fails with {@link FtpDataIntegrityException} before
     * the transfer, since the result could not be checked; so does an offset past the end of the file.
     *
     * <p>Buffers, backpressure, completion and cancellation are those of {@link #download(String)}: the buffers
     * are borrowed, released after {@code onNext} returns.
     *
     * @param path the file
     * @param offset the first byte to receive, from 0; 0 is {@link #download(String)}
     * @return the file's bytes from the offset on
     * @throws IllegalArgumentException if the offset is negative
     */
    public Flux<ByteBuf> download(String path, long offset) {
        Objects.requireNonNull(path, "path");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (offset == 0) {
            return download(path);
        }
        return conversation(exchange -> transfers.from(exchange, path, offset));
    }

    /**
     * Downloads a file to a local file, replacing it, as {@link #download(String, Path, DownloadOptions)} with
     * {@link DownloadOptions#defaults()}.
     *
     * @param path the remote file
     * @param target the local file
     * @return what was written, once the target holds the complete file
     */
    public Mono<DownloadResult> download(String path, Path target) {
        return download(path, target, DownloadOptions.defaults());
    }

    /**
     * Downloads a file to a local file (RETR, RFC 959 §4.1.3), safely: the bytes go to {@code target + ".part"},
     * which becomes the target only once the transfer is confirmed and its size checked.
     *
     * <p>In one conversation: the remote size (SIZE or MLST, when offered), then RETR, preceded by REST
     * (RFC 3659 §5) when resuming. The byte count is checked against the remote size, or else against the
     * size the 150 reply announces; {@link DownloadResult#sizeVerified()} tells whether either existed. On any
     * failure or cancellation the target is untouched and the {@code .part} file keeps the bytes received,
     * ready for {@link DownloadOptions#resume() resume}, except after a failed size check
     * ({@link FtpDataIntegrityException}), which cuts it back to where the transfer started: those bytes
     * cannot be trusted. A {@code .part} file left empty is deleted.
     *
     * <p>With resume, an existing {@code .part} file is continued from its length when the server offers
     * {@code REST STREAM} and reports the remote size; a {@code .part} file longer than the remote file is
     * started over. Resume trusts that the remote file did not change since the {@code .part} file was written:
     * the size check catches a file that shrank, not one rewritten to the same size.
     *
     * <p>Buffers are written straight from the network buffers, in order, by one writer at a time on Reactor's
     * bounded-elastic scheduler, never on an event loop: what arrived while the writer was busy goes to the disk
     * in one gathering write. A new buffer is read only as an earlier one is written, with a few in flight at
     * most, so a slow disk slows the transfer instead of filling memory. Opening, truncating, closing and renaming
     * the file run on the same scheduler; the result is emitted there.
     *
     * @param path the remote file
     * @param target the local file
     * @param options whether to replace the target and to resume
     * @return what was written, once the target holds the complete file; local failures come as
     *     {@link java.io.IOException} ({@link java.nio.file.FileAlreadyExistsException} when the target exists
     *     and overwrite is off)
     * @throws IllegalArgumentException if the options ask to resume in the ASCII type, where the file is
     *     converted to LF line ends and a failed transfer leaves no {@code .part} file (see the class comment)
     */
    public Mono<DownloadResult> download(String path, Path target, DownloadOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        PartFile.partOf(target); // fails now, not on subscription, for a target without a file name
        boolean ascii = refuseAsciiResume(options.resume());
        // Mono.usingWhen emits the result only once the completion step (close, then rename) is done.
        // Converted bytes cannot be resumed, so an ASCII transfer leaves no part file to resume from.
        return Mono.usingWhen(PartFile.open(target, options),
                file -> conversation(exchange -> transfers.toFile(exchange, path, target, file, options))
                        .single(),
                file -> file.close().then(file.moveToTarget(options.overwrite())),
                (file, error) -> file.abandon(ascii || error instanceof FtpDataIntegrityException),
                file -> file.abandon(ascii));
    }

    /**
     * Uploads a local file, replacing the remote one, as {@link #upload(String, Path, UploadOptions)} with
     * {@link UploadOptions#defaults()}: the stored size is verified.
     *
     * @param path the remote file
     * @param source the local file
     * @return what was stored, once the server confirmed it
     */
    public Mono<UploadResult> upload(String path, Path source) {
        return upload(path, source, UploadOptions.defaults());
    }

    /**
     * Uploads a local file (STOR, RFC 959 §4.1.3), zero-copy in the binary type: on a plain connection the
     * kernel sends the file (sendfile), no byte passes through the JVM heap. In the ASCII type the file is read
     * and its line ends converted (see the class comment).
     *
     * <p>The file's size is read first, and exactly that many bytes are sent; it must not change meanwhile. With
     * {@link UploadOptions#resume()}, the remote size is asked first (SIZE, or MLST) and only the rest is sent:
     * with REST and STOR (RFC 3659 §5) when the server offers {@code REST STREAM}, with APPE otherwise. A remote
     * file that is missing, or whose size the server cannot tell, is replaced whole; one as long as the local
     * file is left alone (nothing is sent); one longer than the local file fails with
     * {@link FtpDataIntegrityException}, as it cannot be a prefix of it.
     *
     * <p>With {@link UploadOptions#verifySize()} (the default), the stored size is asked afterwards, in the same
     * conversation (SIZE, or MLST), and a size other than the local file's fails with
     * {@link FtpDataIntegrityException}. A server that can tell neither leaves {@link UploadResult#sizeVerified()}
     * false. The file's size is read on Reactor's bounded-elastic scheduler; the result is emitted on an event
     * loop.
     *
     * @param path the remote file
     * @param source the local file
     * @param options whether to verify and to resume
     * @return what was stored, once the server confirmed it; in the ASCII type, {@link UploadResult#bytes()}
     *     counts the bytes sent, with CRLF line ends
     * @throws IllegalArgumentException if the options ask to resume in the ASCII type (see the class comment)
     */
    public Mono<UploadResult> upload(String path, Path source, UploadOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        refuseAsciiResume(options.resume());
        return Mono.fromCallable(() -> Files.size(source))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(size -> conversation(
                        exchange -> transfers.fromFile(exchange, path, source, size, options)).single());
    }

    /**
     * Uploads a stream of buffers to a file (STOR, RFC 959 §4.1.3), replacing it, and optionally checks the
     * stored size.
     *
     * <p>As {@link #upload(String, Publisher)}: the source is subscribed only after the server's 1yz reply, its
     * buffers are released as they are written, and a failed or cancelled source resets the data connection.
     * With {@link UploadOptions#verifySize()}, off for publishers unless asked, the stored size is then asked
     * in the same conversation (SIZE, or MLST) and compared with the bytes sent.
     *
     * @param path the remote file
     * @param data the bytes to store
     * @param options whether to verify; {@link UploadOptions#resume()} needs a file, so it must be off
     * @return what was stored, once the server confirmed it
     * @throws IllegalArgumentException if the options ask to resume
     */
    public Mono<UploadResult> upload(String path, Publisher<ByteBuf> data, UploadOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(data, "data");
        if (options.resume()) {
            throw new IllegalArgumentException("only an upload from a file can resume; to add to a remote file, "
                    + "use append(path, data)");
        }
        return conversation(exchange -> {
                    CheckedTransfers.DataTlsRecord tls = new CheckedTransfers.DataTlsRecord();
                    return DataTransfers.send(exchange, tls.record(dataChannel(exchange)), FtpCommands.stor(path),
                                    DataTransfers.buffers(data), settings)
                            .flatMap(sent -> transfers.stored(exchange, path, sent, 0, options.verifySize(),
                                    tls.details()));
                })
                .single();
    }

    /**
     * Appends a stream of buffers to a file (APPE, RFC 959 §4.1.3), creating it if it does not exist.
     *
     * <p>As {@link #upload(String, Publisher)}: the source is subscribed only after the server's 1yz reply, its
     * buffers are released as they are written, and a failed or cancelled source resets the data connection
     * (the server may still keep what arrived: appending is not atomic).
     *
     * @param path the remote file
     * @param data the bytes to append
     * @return the number of bytes sent, once the server confirmed (226/250)
     */
    public Mono<Long> append(String path, Publisher<ByteBuf> data) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(data, "data");
        return send(FtpCommands.appe(path), DataTransfers.buffers(data));
    }

    /**
     * Closes the session politely: QUIT (RFC 959 §4.1.1), then the connection, whatever the reply.
     *
     * @return completes when the connection is closed
     */
    public Mono<Void> close() {
        if (!control.isOpen()) {
            control.close(new FtpConnectionException("session closed", null));
            return control.onClose();
        }
        return control.conversation(exchange -> exchange.send(FtpCommands.quit()).then())
                .onErrorResume(FtpException.class, ignored -> Mono.empty())
                .then(Mono.defer(() -> {
                    control.close(new FtpConnectionException("session closed", null));
                    return control.onClose();
                }));
    }

    /**
     * Refuses to resume a file transfer in the ASCII type: RFC 3659 §5 counts REST offsets in network bytes, but
     * many servers seek their stored file instead, so no offset is right everywhere and a wrong one corrupts the
     * file silently.
     *
     * @return whether the session transfers in the ASCII type
     */
    private boolean refuseAsciiResume(boolean resume) {
        boolean ascii = client.transferType() == TransferType.ASCII;
        if (ascii && resume) {
            throw new IllegalArgumentException("cannot resume a transfer in the ASCII type: servers disagree on "
                    + "what a REST offset counts once line ends are converted; start over, or transfer in binary");
        }
        return ascii;
    }

    /** MLSD when the server announced MLST (RFC 3659 §7.8), else LIST; the directory and its parent left out. */
    private Flux<FtpEntry> listing(@Nullable String path) {
        return Flux.defer(() -> {
            FtpCommand command = features.supportsMlsd()
                    ? path == null ? FtpCommands.mlsd() : FtpCommands.mlsd(path)
                    : path == null ? FtpCommands.list() : FtpCommands.list(path);
            return entries(command, listingParser, entry -> !entry.isSelfOrParent());
        });
    }

    private Flux<String> names(FtpCommand nlst) {
        return entries(nlst, ListingParsers.nlst(), entry -> true).map(FtpEntry::name);
    }

    private Flux<FtpEntry> entries(FtpCommand command, ListingParser parser, Predicate<FtpEntry> keep) {
        return ListingDecoder.entries(receive(command, OptionalLong.empty()), parser, command, client.controlCharset(),
                client.maxListingEntries(), keep);
    }

    /** A file's entry from SIZE, with MDTM's time when the server has MDTM. */
    private Mono<FtpEntry> sizeAndTime(Exchange exchange, String path) {
        return exchange.execute(FtpCommands.size(path)).map(ReplyPayloads::size).flatMap(size -> {
            Mono<Optional<Instant>> modified = features.supportsMdtm()
                    ? exchange.execute(FtpCommands.mdtm(path))
                            .map(reply -> Optional.of(ReplyPayloads.modificationTime(reply)))
                            .onErrorResume(FtpReplyException.class, refused -> Mono.just(Optional.empty()))
                    : Mono.just(Optional.empty());
            return modified.map(time -> FtpEntry.builder(path, EntryType.FILE)
                    .size(size)
                    .modified(time.orElse(null))
                    .nameCharset(client.controlCharset())
                    .build());
        });
    }

    /** The entry named by the path's last part in its parent's listing; the refusal of SIZE if there is none. */
    private Mono<FtpEntry> findInParent(String path, FtpReplyException refused) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        String name = trimmed.substring(slash + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return Mono.error(refused);
        }
        Flux<FtpEntry> siblings = slash < 0 ? list() : list(slash == 0 ? "/" : trimmed.substring(0, slash));
        return siblings.filter(entry -> entry.name().equals(name))
                .next()
                .map(entry -> entry.toBuilder().name(path).nameCharset(client.controlCharset()).build())
                .switchIfEmpty(Mono.error(refused));
    }

    Flux<ByteBuf> receive(FtpCommand command, OptionalLong expectedBytes) {
        return conversation(exchange -> DataTransfers.receive(exchange, dataChannel(exchange), command,
                expectedBytes, settings));
    }

    Mono<Long> send(FtpCommand command, Function<reactor.netty.NettyOutbound, Publisher<Long>> body) {
        return conversation(exchange -> DataTransfers.send(exchange, dataChannel(exchange), command,
                body, settings)).single();
    }

    /**
     * Prepares the data connection of a transfer, passive or active: the one place every data connection of the
     * session comes from. Its {@link DataChannel#connection()} is subscribed only after the transfer command was
     * sent, so whatever must happen on an established connection before data moves belongs there: with PROT P,
     * TLS on the established data connection, whoever opened it; the handshake runs with the transfer.
     */
    private Mono<DataChannel> dataChannel(Exchange exchange) {
        Mono<DataChannel> prepared = dataConnector.prepare(exchange);
        // PROT P: TLS on the established data connection, whoever opened it; the handshake runs with the transfer.
        return dataTls == null ? prepared : prepared.map(channel -> new DataChannel() {
            @Override
            public Mono<Connection> connection() {
                return channel.connection().map(dataTls);
            }

            @Override
            public void close() {
                channel.close();
            }
        });
    }

    /**
     * Runs an operation's conversation, bounded by {@link FtpTimeouts#operation()} when that is set: the clock
     * starts when the conversation gets the connection, not while it waits in the queue.
     */
    private <T> Flux<T> conversation(Function<Exchange, ? extends Publisher<T>> body) {
        Duration bound = client.timeouts().operation();
        if (bound.isZero()) {
            return control.conversation(body);
        }
        return control.conversation(exchange -> Flux.<T>from(body.apply(exchange))
                .takeUntilOther(Mono.delay(bound, exchange.timers()).then(Mono.error(() -> new FtpTimeoutException(
                        FtpTimeoutException.Phase.OPERATION, bound, "the whole operation took longer")))));
    }

    @Override
    public String toString() {
        return "FtpSession[" + client + (isOpen() ? "" : ", closed") + "]";
    }
}
