package io.ftpflux.reactive;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.NettyOutbound;
import reactor.netty.NettyPipeline;
import reactor.netty.tcp.TcpServer;

/**
 * A scripted implicit-FTPS server for failure tests: TLS from the first byte on the control connection, one fixed
 * reply per verb, and a passive data port that answers in the clear (no TLS), so that a client's data handshake
 * fails. A reply of {@value #CLOSE_NOTIFY} ends TLS on the control connection (close_notify) without closing it.
 * With {@code EPSV} scripted as {@value #TLS_DATA_PORT}, data connections go to a second port that speaks TLS from
 * its own context, so that no data session can resume the control connection's; a transfer command scripted as
 * {@value #REFUSE_AFTER_DATA_HANDSHAKE} is then answered 150, and once that port's handshake completed, refused as
 * servers that require session reuse refuse it. {@code CCC} scripted as {@value #CLEAR_COMMAND_CHANNEL} clears the
 * control connection (RFC 4217 §12.3) and records the verbs read in the clear after it.
 */
final class ScriptedFtpsServer implements AutoCloseable {

    /** A reply that sends close_notify on the control connection instead of a line. */
    static final String CLOSE_NOTIFY = "<close_notify>";
    /** An EPSV reply naming the TLS data port. */
    static final String TLS_DATA_PORT = "<tls data port>";
    /** A transfer reply: 150, then 425 once the TLS data port completed a handshake. */
    static final String REFUSE_AFTER_DATA_HANDSHAKE = "<425 after the data handshake>";
    /** A CCC reply: 200 and close_notify at once, then the clear once the client's close_notify arrived. */
    static final String CLEAR_COMMAND_CHANNEL = "<ccc>";

    private final Map<String, String> replies = new HashMap<>(Map.of(
            "USER", "331 Password, please.",
            "PASS", "230 Logged in.",
            "PBSZ", "200 PBSZ=0",
            "PROT", "200 Protection set.",
            "FEAT", "211 No features.",
            "TYPE", "200 Type set.",
            "QUIT", "221 Bye.",
            "NOOP", "200 OK.",
            "LIST", "150 Here it comes."));
    private final DisposableServer control;
    private final DisposableServer plainData;
    private final DisposableServer tlsData;
    private final CompletableFuture<Void> dataHandshake = new CompletableFuture<>();
    /** Completes when the client's close_notify arrived on the control connection. */
    final CompletableFuture<Boolean> clientCloseNotify = new CompletableFuture<>();
    /** The verbs the control connection read in the clear, after CCC. */
    final List<String> clearVerbs = new CopyOnWriteArrayList<>();
    private volatile boolean cleared;

    ScriptedFtpsServer(KeyManagerFactory keys, Map<String, String> script) throws Exception {
        replies.putAll(script);
        plainData = TcpServer.create().host("127.0.0.1").port(0)
                .handle((in, out) -> out.sendString(Mono.just("this is not a TLS record\r\n")).then())
                .bindNow();
        replies.putIfAbsent("EPSV", "229 Entering Extended Passive Mode (|||" + plainData.port() + "|)");
        // Its own context, so its own session cache and ticket keys: a data handshake can never resume.
        var dataTls = SslContextBuilder.forServer(keys).protocols("TLSv1.3", "TLSv1.2").build();
        tlsData = TcpServer.create().host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(dataTls))
                .doOnConnection(connection -> connection.channel().pipeline().get(SslHandler.class).handshakeFuture()
                        .addListener(done -> {
                            dataHandshake.complete(null);
                            connection.dispose();
                        }))
                .handle((in, out) -> in.receive().then())
                .bindNow();
        if (TLS_DATA_PORT.equals(replies.get("EPSV"))) {
            replies.put("EPSV", "229 Entering Extended Passive Mode (|||" + tlsData.port() + "|)");
        }
        var tls = SslContextBuilder.forServer(keys).protocols("TLSv1.3", "TLSv1.2").build();
        control = TcpServer.create().host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(tls))
                .doOnConnection(connection -> {
                    connection.addHandlerLast(new LineBasedFrameDecoder(1024));
                    SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
                    ssl.sslCloseFuture().addListener(done -> {
                        clientCloseNotify.complete(done.isSuccess());
                        if (cleared) {
                            // At once, within the read: what follows the close_notify is already clear text.
                            connection.channel().pipeline().remove(ssl);
                        }
                    });
                    // After CCC, the client's close_notify ends TLS only; Reactor Netty would close the connection.
                    connection.channel().pipeline().addAfter(NettyPipeline.SslHandler, "ccc",
                            new ChannelInboundHandlerAdapter() {
                                @Override
                                public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                    if (!(cleared && event instanceof SslCloseCompletionEvent)) {
                                        ctx.fireUserEventTriggered(event);
                                    }
                                }
                            });
                })
                .handle((in, out) -> out.sendString(Mono.just("220 Scripted FTPS.\r\n"))
                        .then(in.receive().asString(StandardCharsets.US_ASCII)
                                .concatMap(line -> answer(line, out))
                                .then()))
                .bindNow();
    }

    private Mono<Void> answer(String line, NettyOutbound out) {
        String verb = line.split(" ", 2)[0].trim().toUpperCase(Locale.ROOT);
        if (cleared) {
            clearVerbs.add(verb);
        }
        String reply = replies.getOrDefault(verb, "502 Not implemented.");
        if (reply.equals(CLEAR_COMMAND_CHANNEL)) {
            cleared = true;
            return line(out, "200 Clearing the control connection.")
                    .then(Mono.fromRunnable(() -> out.withConnection(connection ->
                            connection.channel().pipeline().get(SslHandler.class).closeOutbound())));
        }
        if (reply.equals(CLOSE_NOTIFY)) {
            return Mono.fromRunnable(() -> out.withConnection(connection ->
                    connection.channel().pipeline().get(SslHandler.class).closeOutbound()));
        }
        if (reply.equals(REFUSE_AFTER_DATA_HANDSHAKE)) {
            return line(out, "150 Opening data connection.")
                    .then(Mono.fromFuture(dataHandshake))
                    .then(line(out, "425 Unable to build data connection: session reuse required."));
        }
        return line(out, reply);
    }

    private static Mono<Void> line(NettyOutbound out, String reply) {
        return Mono.from(out.send(Mono.just(Unpooled.copiedBuffer(reply + "\r\n", StandardCharsets.US_ASCII))));
    }

    int port() {
        return control.port();
    }

    @Override
    public void close() throws Exception {
        control.disposeNow();
        plainData.disposeNow();
        tlsData.disposeNow();
        clientCloseNotify.completeOnTimeout(false, 0, TimeUnit.MILLISECONDS);
    }
}
