package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.address.DataAddress;
import io.ftpflux.reactive.ActiveModeOptions;
import io.ftpflux.reactive.event.FtpEvent;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.netty.ChannelBindException;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;
import reactor.netty.tcp.TcpServer;

/**
 * A one-shot listener for an active-mode data connection (RFC 959 §3.2, RFC 2428 §2): bound for one transfer on
 * the control connection's event loop, it hands over the first connection, if it comes from the control
 * connection's peer, and stops listening as soon as that connection arrives.
 *
 * <p>Reactor Netty's {@link TcpServer} serves it: its handler sees every accepted connection, closes the server
 * channel (its parent) on the first one, and keeps only that one open, so a second connection that slipped into
 * the backlog is closed at once. A connection from another host is closed and fails the transfer with
 * {@link FtpSecurityException}: whoever can reach the port could otherwise inject or steal the data (RFC 2577
 * §3). The peer is compared by IP address only; servers connect from any port (RFC 959 names port 20, few use it).
 */
final class ActiveListener implements DataChannel {

    private final DisposableServer server;
    private final DataAddress advertised;
    private final Acceptor acceptor;
    private final Duration acceptTimeout;
    private final Scheduler timers;
    private final Events events;

    private ActiveListener(DisposableServer server, DataAddress advertised, Acceptor acceptor, Duration acceptTimeout,
            Scheduler timers, Events events) {
        this.server = server;
        this.advertised = advertised;
        this.acceptor = acceptor;
        this.acceptTimeout = acceptTimeout;
        this.timers = timers;
        this.events = events;
    }

    /**
     * Binds a listener on a free port of the options' range, or on a port the kernel chooses.
     *
     * @param loop the control connection's event loop, which serves the listener and the data connection
     * @param timers the same event loop as a scheduler, for the accept timeout
     * @param bindAddress the local address to listen on
     * @param advertisedHost the address to announce in EPRT or PORT
     * @param options the port range
     * @param controlPeer the control connection's peer: the only host allowed to connect
     * @param acceptTimeout how long the server may take to connect once the transfer command was sent
     * @param events where the data connection is reported
     * @return the listener; fails with {@link FtpConnectionException} when no port of the range can be bound
     */
    static Mono<ActiveListener> bind(EventLoop loop, Scheduler timers, InetAddress bindAddress,
            InetAddress advertisedHost, ActiveModeOptions options, InetAddress controlPeer, Duration acceptTimeout, Events events) {
        return Mono.defer(() -> {
            Acceptor acceptor = new Acceptor(controlPeer);
            TcpServer tcp = TcpServer.create()
                    .runOn(loop)
                    // One connection is all it takes; a backlog of one keeps others from queueing meanwhile.
                    .option(ChannelOption.SO_BACKLOG, 1)
                    // A port of the range may still have connections in TIME_WAIT from an earlier transfer.
                    .option(ChannelOption.SO_REUSEADDR, true)
                    // As for passive connections: data connections read gigabytes, so they always pool.
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .handle(acceptor::onConnection);
            return bindFirstFree(tcp, bindAddress, options)
                    .map(server -> new ActiveListener(server, DataAddress.of(advertisedHost, server.port()), acceptor,
                            acceptTimeout, timers, events));
        });
    }

    private static Mono<DisposableServer> bindFirstFree(TcpServer tcp, InetAddress host, ActiveModeOptions options) {
        String where = literal(host);
        if (options.kernelChoosesPort()) {
            return tcp.bindAddress(() -> new InetSocketAddress(host, 0)).bind().<DisposableServer>map(bound -> bound)
                    .onErrorMap(error -> new FtpConnectionException("cannot listen on " + where
                            + " for an active-mode data connection: " + Exceptions.unwrap(error), error));
        }
        int first = options.firstPort();
        int size = options.lastPort() - first + 1;
        // A random start spreads successive transfers over the range instead of reusing one port at once.
        int start = ThreadLocalRandom.current().nextInt(size);
        return Flux.range(0, size)
                .concatMap(attempt -> {
                    int port = first + (start + attempt) % size;
                    return tcp.bindAddress(() -> new InetSocketAddress(host, port)).bind()
                            .<DisposableServer>map(bound -> bound)
                            .onErrorResume(ActiveListener::portUnavailable, taken -> Mono.empty());
                }, 0)
                .next()
                .switchIfEmpty(Mono.error(() -> new FtpConnectionException("cannot listen on any port from " + first
                        + " to " + options.lastPort() + " on " + where + " for an active-mode data connection: each "
                        + "is taken (or the address is not local); widen the range or wait for transfers to end", null)))
                .onErrorMap(error -> !(error instanceof FtpConnectionException), error -> new FtpConnectionException(
                        "cannot listen on " + where + " for an active-mode data connection: " + error, error));
    }

    private static boolean portUnavailable(Throwable error) {
        Throwable cause = Exceptions.unwrap(error);
        return cause instanceof ChannelBindException || cause instanceof BindException;
    }

    /**
     * Returns the address announced to the server: the advertised host and the bound port.
     *
     * @return the address for EPRT or PORT
     */
    DataAddress advertised() {
        return advertised;
    }

    @Override
    public Mono<Connection> connection() {
        return Mono.defer(() -> {
            Events.Span span = events.start(FtpEvent.Type.DATA_CONNECTION, "active " + advertised);
            return acceptor.accepted.asMono()
                    .timeout(acceptTimeout, Mono.error(() -> new FtpTimeoutException(
                            FtpTimeoutException.Phase.DATA_CONNECT, acceptTimeout,
                            "the server did not connect to " + advertised + " (active mode)")), timers)
                    .switchIfEmpty(Mono.error(() -> new FtpConnectionException("the listener on " + advertised
                            + " was closed before the server connected", null)))
                    .doOnNext(acceptor::claim)
                    .doOnSuccess(connection -> span.succeeded(null, -1))
                    .doOnError(span::failed)
                    .doOnCancel(() -> span.failed(new CancellationException(
                            "waiting for the data connection to " + advertised + " cancelled")));
        });
    }

    @Override
    public void close() {
        server.dispose();
        acceptor.close();
    }

    /** What the listener does with each accepted connection; all but the first are closed. */
    private static final class Acceptor {
        private final InetAddress controlPeer;
        private final Sinks.One<Connection> accepted = Sinks.one();
        private final AtomicBoolean used = new AtomicBoolean();
        /** The accepted connection until the transfer takes it; {@link #close()} closes it if nobody did. */
        private final AtomicReference<@Nullable Connection> unclaimed = new AtomicReference<>();

        Acceptor(InetAddress controlPeer) {
            this.controlPeer = controlPeer;
        }

        /** Runs on the event loop for each connection; the returned publisher keeps it open until it ends. */
        Publisher<Void> onConnection(NettyInbound inbound, NettyOutbound outbound) {
            AtomicReference<@Nullable Connection> holder = new AtomicReference<>();
            inbound.withConnection(holder::set);
            Connection connection = holder.get();
            if (connection == null || !used.compareAndSet(false, true)) {
                return Mono.empty();
            }
            if (connection.channel().parent() != null) {
                connection.channel().parent().close();
            }
            InetAddress peer = ((InetSocketAddress) connection.channel().remoteAddress()).getAddress();
            if (!sameHost(peer, controlPeer)) {
                accepted.tryEmitError(new FtpSecurityException("refused an active-mode data connection from "
                        + literal(peer) + ": only the server, " + literal(controlPeer)
                        + ", may connect (a third party could inject or read the data)"));
                return Mono.empty();
            }
            unclaimed.set(connection);
            if (accepted.tryEmitValue(connection).isFailure()) {
                // The listener was closed meanwhile: nobody will take it.
                unclaimed.set(null);
                return Mono.empty();
            }
            return connection.onDispose();
        }

        void claim(Connection connection) {
            unclaimed.compareAndSet(connection, null);
        }

        void close() {
            accepted.tryEmitEmpty();
            Connection left = unclaimed.getAndSet(null);
            if (left != null) {
                left.dispose();
            }
        }

        /** Compares two addresses by their canonical text, so that an IPv4-mapped IPv6 address is its IPv4 address. */
        private static boolean sameHost(InetAddress a, InetAddress b) {
            return literal(a).equals(literal(b));
        }
    }

    /**
     * Writes an address as {@link DataAddress} does: dotted IPv4, RFC 5952 IPv6, an IPv4-mapped address as IPv4,
     * no IPv6 scope; without a DNS lookup.
     */
    private static String literal(InetAddress address) {
        return DataAddress.of(address, 1).host();
    }
}
