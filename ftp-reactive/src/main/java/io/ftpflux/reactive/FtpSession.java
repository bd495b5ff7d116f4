package io.ftpflux.reactive;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.command.TransferType;
import io.ftpflux.core.feature.Features;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyAssembler;
import io.ftpflux.core.reply.ReplyCode;
import io.ftpflux.core.reply.ReplyPayloads;
import io.ftpflux.reactive.internal.ControlCodec;
import io.ftpflux.reactive.internal.ControlConnection;
import io.ftpflux.reactive.internal.ControlConnection.Exchange;
import io.ftpflux.reactive.internal.DataConnector;
import io.ftpflux.reactive.internal.DataTransfers;
import io.ftpflux.reactive.internal.Failures;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

/**
 * One logged-in conversation with an FTP server over one control connection (RFC 959).
 *
 * <p>Operations are queued and run one at a time, in subscription order: FTP has one command in flight per
 * control connection. Each operation runs when subscribed; cancelling one never desynchronises the session
 * (a cancelled transfer's final reply is consumed before the next operation starts). Signals arrive on the
 * connection's event loop, so subscribers must not block.
 *
 * <p>Errors are the {@code io.ftpflux.core} exceptions. After an {@link FtpReplyException} (the server
 * refused), an {@link io.ftpflux.core.FtpUnsafeArgumentException} (nothing was sent) or an
 * {@link io.ftpflux.core.FtpDataIntegrityException} (the server confirmed a transfer of the wrong size) the
 * session is still usable ({@link #isOpen()}); after any other {@link FtpException} it is closed, and later
 * operations fail with {@link FtpConnectionException}.
 */
public final class FtpSession {

    private final FtpClient client;
    private final ControlConnection control;
    private final DataConnector dataConnector;
    private final DataTransfers.Limits limits;
    private volatile Features features = Features.none();

    private FtpSession(FtpClient client, ControlConnection control, String controlHost) {
        this.client = client;
        this.control = control;
        this.dataConnector = new DataConnector(controlHost, client.passiveAddressPolicy(),
                client.timeouts().dataConnect(), client.loopResources());
        this.limits = new DataTransfers.Limits(client.timeouts().reply(), client.timeouts().dataIdle(),
                client.transferType() == TransferType.IMAGE);
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
        return tcp.connect()
                .onErrorMap(error -> Failures.ofConnect(error, "connecting to " + where, FtpTimeoutException.Phase.CONNECT,
                        timeouts.connect()))
                .flatMap(connection -> {
                    ControlCodec codec = new ControlCodec(
                            new ReplyAssembler(client.replyLimits(), client.controlCharset()), client.controlCharset());
                    ControlConnection control = new ControlConnection(connection, codec, timeouts.reply(),
                            timeouts.reply(), client.keepAlive());
                    String peer = ((InetSocketAddress) connection.channel().remoteAddress()).getAddress().getHostAddress();
                    FtpSession session = new FtpSession(client, control, peer);
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
                });
    }

    /** Greeting, login, FEAT, OPTS UTF8, TYPE: everything before the session is handed out. */
    private Mono<Void> start() {
        return control.conversation(exchange -> greeting(exchange)
                        .then(login(exchange))
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
                        return Mono.just(reply);
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
        return control.conversation(exchange -> exchange.execute(command)).single();
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
     * @return the created directory's path as the server reports it, or the given path if it reports none
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
        return control.conversation(exchange -> exchange.execute(FtpCommands.rnfr(from))
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

    Flux<ByteBuf> receive(FtpCommand command, OptionalLong expectedBytes) {
        return control.conversation(exchange -> DataTransfers.receive(exchange, dataConnection(exchange), command,
                expectedBytes, limits));
    }

    Mono<Long> send(FtpCommand command, Function<reactor.netty.NettyOutbound, Publisher<Long>> body) {
        return control.conversation(exchange -> DataTransfers.send(exchange, dataConnection(exchange), command,
                body, limits)).single();
    }

    private Mono<Connection> dataConnection(Exchange exchange) {
        return dataConnector.openPassive(exchange);
    }

    @Override
    public String toString() {
        return "FtpSession[" + client + (isOpen() ? "" : ", closed") + "]";
    }
}
