package io.ftpflux.reactive;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.NettyOutbound;
import reactor.netty.tcp.TcpServer;

/**
 * A scripted implicit-FTPS server for failure tests: TLS from the first byte on the control connection, one fixed
 * reply per verb, and a passive data port that answers in the clear (no TLS), so that a client's data handshake
 * fails. A reply of {@value #CLOSE_NOTIFY} ends TLS on the control connection (close_notify) without closing it.
 */
final class ScriptedFtpsServer implements AutoCloseable {

    /** A reply that sends close_notify on the control connection instead of a line. */
    static final String CLOSE_NOTIFY = "<close_notify>";

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
    /** Completes when the client's close_notify arrived on the control connection. */
    final CompletableFuture<Boolean> clientCloseNotify = new CompletableFuture<>();

    ScriptedFtpsServer(KeyManagerFactory keys, Map<String, String> script) throws Exception {
        replies.putAll(script);
        plainData = TcpServer.create().host("127.0.0.1").port(0)
                .handle((in, out) -> out.sendString(Mono.just("this is not a TLS record\r\n")).then())
                .bindNow();
        replies.putIfAbsent("EPSV", "229 Entering Extended Passive Mode (|||" + plainData.port() + "|)");
        var tls = SslContextBuilder.forServer(keys).protocols("TLSv1.3", "TLSv1.2").build();
        control = TcpServer.create().host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(tls))
                .doOnConnection(connection -> {
                    connection.addHandlerLast(new LineBasedFrameDecoder(1024));
                    SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
                    ssl.sslCloseFuture().addListener(done -> clientCloseNotify.complete(done.isSuccess()));
                })
                .handle((in, out) -> out.sendString(Mono.just("220 Scripted FTPS.\r\n"))
                        .then(in.receive().asString(StandardCharsets.US_ASCII)
                                .concatMap(line -> answer(line, out))
                                .then()))
                .bindNow();
    }

    private Mono<Void> answer(String line, NettyOutbound out) {
        String verb = line.split(" ", 2)[0].trim().toUpperCase(Locale.ROOT);
        String reply = replies.getOrDefault(verb, "502 Not implemented.");
        if (reply.equals(CLOSE_NOTIFY)) {
            return Mono.fromRunnable(() -> out.withConnection(connection ->
                    connection.channel().pipeline().get(SslHandler.class).closeOutbound()));
        }
        return Mono.from(out.send(Mono.just(Unpooled.copiedBuffer(reply + "\r\n", StandardCharsets.US_ASCII))));
    }

    int port() {
        return control.port();
    }

    @Override
    public void close() throws Exception {
        control.disposeNow();
        plainData.disposeNow();
        clientCloseNotify.completeOnTimeout(false, 0, TimeUnit.MILLISECONDS);
    }
}
