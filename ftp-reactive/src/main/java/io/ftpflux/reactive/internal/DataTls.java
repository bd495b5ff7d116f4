package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.reactive.event.FtpEvent;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

/**
 * TLS on a session's data connections ({@code PROT P}, RFC 4217 §9): {@link #secure(Connection)} puts a
 * client-mode handler, from the control connection's context and with the control connection's host and port,
 * at the head of an established data connection, whoever opened it (passive connect or active accept).
 *
 * <p>It does not wait for the handshake: servers start it only once the transfer command arrived, so the
 * command is sent meanwhile. Nothing the caller writes leaves before the handshake completes: the TLS handler
 * queues writes until then (and the engine produces no application data during a handshake). A handshake that fails, or a data
 * connection that closes before its handshake completed, fails the data stream with an
 * {@link FtpSecurityException} naming the data connection, which the transfer passes on as it is.
 *
 * <p>Whether the data session resumed the control connection's is reported in the data connection's
 * {@link FtpEvent.Type#TLS_HANDSHAKE} event ({@link FtpEvent.TlsDetails#resumed()}), determined as described
 * there: with the JDK's provider a resumed TLS 1.2 session carries the control session's ID, and a resumed
 * TLS 1.3 session (whose ID the JDK makes up) the control session's creation time, which it inherits through the
 * ticket it was resumed from.
 */
public final class DataTls {

    private static final String WATCH = "ftpflux.dataTls";
    /** The data connection's handshake, once it succeeded; a channel attribute outlives the pipeline. */
    private static final AttributeKey<FtpEvent.TlsDetails> NEGOTIATED =
            AttributeKey.valueOf(DataTls.class, "negotiated");
    /** The data connection's handshake, done or not, from the moment TLS was added to it. */
    private static final AttributeKey<Future<Channel>> HANDSHAKE = AttributeKey.valueOf(DataTls.class, "handshake");

    private final ControlTls control;
    private final Events events;

    DataTls(ControlTls control, Events events) {
        this.control = control;
        this.events = events;
    }

    /**
     * Adds TLS to an established data connection; the handshake starts at once and completes while the
     * transfer command is sent.
     *
     * @param data the data connection
     * @return the same connection
     */
    Connection secure(Connection data) {
        ChannelPipeline pipeline = data.channel().pipeline();
        SslHandler handler = control.newHandler(data.channel().alloc());
        // Closing sends close_notify and waits (within the handshake timeout) for the server's: closing at once
        // could leave its last TLS records unread, and the kernel would then reset the connection, destroying
        // the end of an upload still in flight.
        handler.setCloseNotifyReadTimeout(handler.getHandshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
        SocketAddress peer = data.channel().remoteAddress();
        String where = "the data connection to " + peer;
        Events.Span span = events.start(FtpEvent.Type.TLS_HANDSHAKE, "data " + peer);
        // Recorded by the first listener, so that whoever learns of the handshake's end finds what it negotiated.
        handler.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                SSLSession session = handler.engine().getSession();
                data.channel().attr(NEGOTIATED).set(new FtpEvent.TlsDetails(session.getProtocol(),
                        session.getCipherSuite(), resumed(control.controlSession(), session),
                        ControlTls.peerCertificate(session)));
            }
        });
        data.channel().attr(HANDSHAKE).set(handler.handshakeFuture());
        // Named as Reactor Netty names its own TLS handler, so that the chunked writer it adds for files on
        // TLS connections goes after it.
        pipeline.addFirst(NettyPipeline.SslHandler, handler);
        pipeline.addAfter(NettyPipeline.SslHandler, WATCH, new Watch(span, where));
        return data;
    }

    /**
     * Returns what a data connection's TLS handshake negotiated, also after the connection closed.
     *
     * @param data a data connection's channel (a disposed Reactor Netty connection no longer names it)
     * @return the protocol, cipher suite and whether the session resumed the control connection's; {@code null}
     *     when the connection carried no TLS ({@code PROT C}, plain FTP) or its handshake did not succeed
     */
    public static FtpEvent.@Nullable TlsDetails negotiated(Channel data) {
        return data.attr(NEGOTIATED).get();
    }

    /**
     * Explains a server's refusal of a transfer whose data connection completed a TLS handshake that did not
     * resume the control connection's session: servers that require session reuse (RFC 4217 §10.2; vsftpd's
     * {@code require_ssl_reuse}, ProFTPD by default) refuse such a connection with 425 or 522. Any other refusal
     * is passed on as it is. A handshake still under way is awaited first: on TLS 1.2 the server completes its
     * handshake, and may send its refusal, before the client received the server's last message.
     *
     * @param data the channel of the transfer's data connection, {@code null} when none was established
     * @param refusal the server's refusal of the transfer
     * @return an {@link FtpSecurityException} with the refusal as its cause, or the refusal itself
     */
    static Mono<FtpException> explainRefusal(@Nullable Channel data, FtpReplyException refusal) {
        Future<Channel> handshake = data == null ? null : data.attr(HANDSHAKE).get();
        if (handshake == null) {
            return Mono.just(refusal);
        }
        // The handshake future completes, one way or the other, within the handshake timeout or at the close.
        return Mono.<FtpException>create(sink -> handshake.addListener(done -> sink.success(explained(data, refusal))));
    }

    private static FtpException explained(Channel data, FtpReplyException refusal) {
        FtpEvent.TlsDetails tls = negotiated(data);
        int code = refusal.reply().code().value();
        if (tls == null || tls.resumed() || (code != 425 && code != 522)) {
            return refusal;
        }
        String why = "TLSv1.3".equals(tls.protocol())
                ? "On TLS 1.3 a data connection resumes with a session ticket the server issued, and the client uses "
                        + "each ticket once; ProFTPD, for one, issues two on the control connection and none on a "
                        + "data connection it only reads from (an upload's), so a session runs out of tickets after "
                        + "one or two uploads. With such a server, use TLS 1.2 (FtpTls.withProtocols(\"TLSv1.2\")), "
                        + "whose sessions resume by ID as often as needed."
                : "The server issued no session the client could resume on " + tls.protocol() + " (vsftpd's TLS 1.2 "
                        + "session tickets carry a lifetime the JDK discards: run the JVM with "
                        + "-Djdk.tls.client.enableSessionTicketExtension=false to resume by session ID).";
        return new FtpSecurityException(refusal.getMessage() + ": the data connection's TLS session did not resume "
                + "the control connection's, which servers that require session reuse refuse. " + why, refusal);
    }

    /** Whether a data session resumed the control session, as far as the JDK's provider lets one tell. */
    static boolean resumed(@Nullable SSLSession controlSession, SSLSession dataSession) {
        if (controlSession == null) {
            return false;
        }
        if ("TLSv1.3".equals(dataSession.getProtocol())) {
            return dataSession.getCreationTime() == controlSession.getCreationTime();
        }
        byte[] id = dataSession.getId();
        return id.length > 0 && Arrays.equals(id, controlSession.getId());
    }

    /**
     * Reports the handshake, turns its failure into an {@link FtpSecurityException} naming the connection, and
     * keeps reading while reads yield no application data. Reactor Netty reads a data connection only on demand,
     * and an upload never asks, but servers send TLS records there too (TLS 1.3 session tickets, often only once
     * the upload has started). Left unread, they make the kernel answer the client's close with a reset, which
     * destroys the end of the upload still in flight. A download is not read ahead of its demand: once a read
     * brings application data, reading is left to the demand again.
     */
    private final class Watch extends ChannelInboundHandlerAdapter {
        private final Events.Span span;
        private final String where;
        private boolean handshaken;
        private boolean reported;
        private boolean applicationData;

        Watch(Events.Span span, String where) {
            this.span = span;
            this.where = where;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    handshaken = true;
                    span.succeeded(ctx.channel().attr(NEGOTIATED).get());
                    ctx.read();
                } else {
                    span.failed(handshake.cause());
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            applicationData = true;
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (handshaken && !applicationData) {
                ctx.read();
            }
            applicationData = false;
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (handshaken || cause instanceof FtpException) {
                ctx.fireExceptionCaught(cause);
            } else if (!reported) {
                reported = true;
                FtpException mapped = Failures.ofConnection(cause, "the TLS handshake of " + where);
                ctx.fireExceptionCaught(mapped instanceof FtpSecurityException ? mapped
                        : new FtpSecurityException("the TLS handshake of " + where + " failed: " + mapped.getMessage(),
                                mapped));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!handshaken && !reported) {
                reported = true;
                FtpSecurityException closed = new FtpSecurityException(where
                        + " closed before its TLS handshake completed; servers that require data connections to "
                        + "resume the control connection's TLS session close them this way when they do not");
                span.failed(closed);
                ctx.fireExceptionCaught(closed);
            }
            ctx.fireChannelInactive();
        }
    }
}
