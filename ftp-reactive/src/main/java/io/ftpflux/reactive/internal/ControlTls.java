package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.command.ProtectionLevel;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.reactive.FtpTls;
import io.ftpflux.reactive.event.FtpEvent;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

/**
 * TLS on one session's control connection (RFC 4217): the handler of implicit FTPS, the {@code AUTH TLS}
 * upgrade of explicit FTPS, {@code PBSZ}/{@code PROT} after login, and the source of the data connections' TLS
 * ({@link DataTls}).
 *
 * <p>One instance per session, with a {@link SslContext} of its own: the JDK keeps a client session cache per
 * context, keyed by the peer's host and port, so data connections created with the control connection's host
 * and port resume its session (TLS 1.2 by session ID, TLS 1.3 by the tickets the server issued on the session's
 * connections), and no other session can resume or see them. Every engine verifies the server's host name
 * (the {@code HTTPS} endpoint identification of RFC 2818/6125) and sends it as SNI when it is a name, unless the
 * settings trust everything.
 *
 * <p>A {@code close_notify} from the server on the control connection ends the session with
 * {@link FtpConnectionException}: it is the server hanging up, authenticated, not an attack, and nothing can be
 * sent after it. The one exception is {@code CCC} ({@link #clearCommandChannel}), when the client asked for it.
 */
public final class ControlTls {

    private static final String WATCH = "ftpflux.controlTls";

    private final FtpTls settings;
    private final SslContext context;
    private final String host;
    private final int port;
    private final Duration handshakeTimeout;
    private final Events events;
    private final ControlCodec codec;
    // Written on the event loop when the handler is installed; read by data connections afterwards.
    private volatile @Nullable SslHandler handler;
    private volatile @Nullable ChannelPipeline pipeline;
    // The control connection's TLS session, kept once its handshake succeeded: after CCC the handler is gone.
    private volatile @Nullable SSLSession session;
    // Set while CCC is under way, when the server's close_notify is expected rather than the end of the session.
    private volatile boolean clearing;

    /**
     * Creates the TLS of one session.
     *
     * @param settings the client's TLS settings
     * @param context a context of this session alone
     * @param host the host name the client connects to, as the caller gave it: what certificates must name
     * @param port the control port: with the host, the key of the session cache
     * @param handshakeTimeout how long a handshake may take
     * @param events where handshakes are reported
     * @param codec the control connection's codec, which installs the handler as the 234 to AUTH TLS is decoded
     */
    public ControlTls(FtpTls settings, SslContext context, String host, int port, Duration handshakeTimeout,
            Events events, ControlCodec codec) {
        this.codec = codec;
        this.settings = settings;
        this.context = context;
        this.host = host;
        this.port = port;
        this.handshakeTimeout = handshakeTimeout;
        this.events = events;
    }

    /**
     * Starts TLS on a connection that has not read anything yet (implicit FTPS): the greeting comes through it.
     *
     * @param connection the new control connection
     */
    public void startImplicit(Connection connection) {
        install(connection.channel().pipeline());
    }

    /**
     * Tells whether TLS starts after the greeting ({@code AUTH TLS}), when a login before it would bypass TLS.
     *
     * @return {@code true} for explicit FTPS
     */
    public boolean explicit() {
        return settings.mode() == FtpTls.Mode.EXPLICIT;
    }

    /**
     * Sends {@code AUTH TLS} and, on 234, switches the control connection to TLS (RFC 4217 §4), completing once
     * the handshake has. Anything but 234 fails with {@link FtpSecurityException}: ftpflux never goes on in the
     * clear.
     *
     * @param exchange the session's setup conversation, right after the greeting
     * @return completes when the handshake has succeeded; at once for implicit FTPS, already on TLS
     */
    public Mono<Void> upgrade(ControlConnection.Exchange exchange) {
        if (!explicit()) {
            return Mono.empty();
        }
        FtpCommand auth = FtpCommands.auth("TLS");
        return Mono.defer(() -> {
            codec.startTlsAfter(234, this::install);
            return exchange.execute(auth);
        }).onErrorMap(FtpReplyException.class, refused -> new FtpSecurityException(
                "the server refused TLS (" + oneLine(refused.reply()) + "); not continuing in the clear", refused))
                .flatMap(reply -> {
                    SslHandler installed = handler;
                    if (reply.code().value() != 234 || installed == null) {
                        return Mono.error(new FtpSecurityException("expected 234 to AUTH TLS, got "
                                + oneLine(reply) + "; not continuing in the clear"));
                    }
                    return handshake(installed);
                });
    }

    /**
     * Sets the data connections' protection after login (RFC 4217 §8-9: {@code PBSZ 0}, then {@code PROT}). A
     * refusal of PBSZ or PROT fails with {@link FtpSecurityException}: the data would not be protected as
     * configured.
     *
     * @param exchange the session's setup conversation, after login
     * @return completes when the protection is in place
     */
    public Mono<Void> protect(ControlConnection.Exchange exchange) {
        ProtectionLevel level = settings.dataProtection();
        return exchange.execute(FtpCommands.pbsz(0))
                .then(exchange.execute(FtpCommands.prot(level)))
                .onErrorMap(FtpReplyException.class, refused -> new FtpSecurityException("the server refused "
                        + refused.command() + " (" + oneLine(refused.reply()) + "): data connections cannot be "
                        + (level == ProtectionLevel.PRIVATE ? "protected" : "left in the clear") + " as configured",
                        refused))
                .then();
    }

    /**
     * Clears the control connection when the settings ask for it ({@code CCC}, RFC 4217 §12.3): sends {@code CCC}
     * and, on its positive reply, ends TLS on the control connection with a {@code close_notify} exchange, then
     * takes the TLS handler out of the pipeline, so that the TCP connection carries the rest of the session in the
     * clear. Data connections keep their protection. A refusal of {@code CCC}, or a server that does not answer
     * with its own {@code close_notify} within the handshake timeout, fails with {@link FtpSecurityException}.
     *
     * @param exchange the session's setup conversation, after {@link #protect}
     * @return completes when the control connection is in the clear; at once unless CCC was asked for
     */
    public Mono<Void> clearCommandChannel(ControlConnection.Exchange exchange) {
        return settings.clearCommandChannel() ? Mono.defer(() -> clear(exchange)) : Mono.empty();
    }

    private Mono<Void> clear(ControlConnection.Exchange exchange) {
        SslHandler current = handler;
        if (current == null) {
            return Mono.error(new IllegalStateException("CCC before TLS was set up"));
        }
        // Before the command: the server's close_notify may follow its reply in the same read.
        clearing = true;
        return exchange.execute(FtpCommands.ccc())
                .onErrorMap(FtpReplyException.class, refused -> {
                    clearing = false;
                    return new FtpSecurityException("the server refused CCC (" + oneLine(refused.reply())
                            + "): the control connection cannot be cleared as configured "
                            + "(FtpTls.withClearCommandChannel); not continuing with it encrypted", refused);
                })
                .then(closeNotifyExchange(current, exchange.timers()));
    }

    /** Sends close_notify, awaits the server's (timed on the connection's event loop), then takes TLS out. */
    private Mono<Void> closeNotifyExchange(SslHandler current, Scheduler timers) {
        return Mono.<Void>create(sink -> current.closeOutbound().addListener(sent -> {
            if (!sent.isSuccess()) {
                sink.error(Failures.ofConnection(sent.cause(), "ending TLS on the control connection (CCC)"));
                return;
            }
            current.sslCloseFuture().addListener(closed -> {
                if (!closed.isSuccess()) {
                    sink.error(Failures.ofConnection(closed.cause(),
                            "ending TLS on the control connection (CCC)"));
                    return;
                }
                ChannelPipeline installed = pipeline;
                if (installed == null) {
                    sink.success();
                    return;
                }
                // Later, not in this listener: the handler completes the close future before it fires the
                // SslCloseCompletionEvent, which the Watch must still be there to keep from Reactor Netty
                // (whose channel handler closes the connection on it).
                installed.channel().eventLoop().execute(() -> {
                    installed.remove(WATCH);
                    installed.remove(current);
                    sink.success();
                });
            });
        }))
                .timeout(handshakeTimeout, Mono.error(() -> new FtpSecurityException("the server did not end TLS on "
                        + "the control connection (close_notify) within " + handshakeTimeout.toMillis()
                        + " ms of accepting CCC")), timers);
    }

    /**
     * Returns what makes a data connection private, or {@code null} when data connections stay in the clear
     * ({@code PROT C}).
     *
     * @return adds TLS to an established data connection, without waiting for the handshake
     */
    public @Nullable Function<Connection, Connection> dataConnections() {
        return settings.dataProtection() == ProtectionLevel.PRIVATE ? new DataTls(this, events)::secure : null;
    }

    /**
     * Creates a client-mode handler for the server, from this session's context: control and data connections
     * alike, so that they share the session cache.
     *
     * @param alloc the connection's allocator
     * @return the handler, host name verification on unless everything is trusted
     */
    SslHandler newHandler(ByteBufAllocator alloc) {
        SslHandler created = context.newHandler(alloc, host, port);
        created.setHandshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        SSLEngine engine = created.engine();
        SSLParameters parameters = engine.getSSLParameters();
        if (!settings.trustsAllCertificates()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        return created;
    }

    /**
     * Returns the control connection's TLS session, which data connections should resume.
     *
     * @return the session, or {@code null} before the handshake
     */
    @Nullable SSLSession controlSession() {
        return session;
    }

    /** Puts a new handler at the head of the control pipeline; it starts the handshake at once. */
    private void install(ChannelPipeline pipeline) {
        SslHandler created = newHandler(pipeline.channel().alloc());
        Events.Span span = events.start(FtpEvent.Type.TLS_HANDSHAKE, "control " + host + ":" + port);
        pipeline.addFirst(NettyPipeline.SslHandler, created);
        pipeline.addAfter(NettyPipeline.SslHandler, WATCH, new Watch(created, span));
        handler = created;
        this.pipeline = pipeline;
    }

    private static Mono<Void> handshake(SslHandler handler) {
        return Mono.<Void>create(sink -> handler.handshakeFuture().addListener((Future<Channel> done) -> {
            if (done.isSuccess()) {
                sink.success();
            } else {
                sink.error(Failures.ofConnection(done.cause(), "the TLS handshake of the control connection"));
            }
        }));
    }

    private static String oneLine(FtpReply reply) {
        return reply.code() + " " + reply.text().replace('\n', ' ');
    }

    /**
     * Reports the handshake, and turns the server's close_notify into the end of the session, except during CCC,
     * when it keeps the event from Reactor Netty, which would close the connection.
     */
    private final class Watch extends ChannelInboundHandlerAdapter {
        private final SslHandler ssl;
        private final Events.Span span;

        Watch(SslHandler ssl, Events.Span span) {
            this.ssl = ssl;
            this.span = span;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    SSLSession established = ssl.engine().getSession();
                    session = established;
                    span.succeeded(new FtpEvent.TlsDetails(established.getProtocol(), established.getCipherSuite(),
                            false, peerCertificate(established)));
                } else {
                    span.failed(handshake.cause());
                }
            } else if (event instanceof SslCloseCompletionEvent) {
                if (clearing) {
                    // CCC: the end of TLS, not of the connection; nothing after this handler needs to know.
                    return;
                }
                ctx.fireChannelRead(new FtpConnectionException("the server ended TLS on the control connection "
                        + "(close_notify); the session is over", null));
            }
            ctx.fireUserEventTriggered(event);
        }
    }

    /**
     * Returns the server's own certificate from a session, for {@link FtpEvent.TlsDetails#peerCertificate()}.
     *
     * @param session an established session
     * @return the first certificate of the peer's chain, or {@code null} if it presented none that is X.509
     */
    static @Nullable X509Certificate peerCertificate(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf : null;
        } catch (SSLPeerUnverifiedException anonymous) {
            return null;
        }
    }
}
