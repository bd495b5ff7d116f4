package io.ftpflux.testkit.fault;

import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * Where the next transfer's data connection comes from: a passive listener (PASV, EPSV) or an address the
 * server connects to (PORT, EPRT), RFC 959 §3.2 and RFC 2428. Single use; {@link #close()} frees everything.
 */
sealed interface DataEndpoint {

    /** The data connection, waited for at most the server's data connection timeout. */
    Mono<Connection> connection(Scheduler timer);

    /** Closes the listener and any connection not yet handed over; idempotent. */
    void close();

    /** A passive endpoint: a port to announce. */
    sealed interface Passive extends DataEndpoint {
        int port();
    }

    /** Why a transfer got no data connection (the server replies 425). */
    final class DataConnectionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DataConnectionException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    /** Binds a passive listener on {@code host}, port chosen by the kernel, behaving as {@code mode} says. */
    static Mono<Passive> listen(FaultServer server, InetAddress host, FaultPlan.PassiveMode mode) {
        if (mode == FaultPlan.PassiveMode.ACCEPT) {
            return Accepting.bind(server, host);
        }
        return Mono.fromCallable(() -> Silent.bind(server, host, mode == FaultPlan.PassiveMode.NEVER_ACCEPT));
    }

    /** Connects, when the transfer starts, to the address the client named in PORT or EPRT. */
    static Active connectTo(FaultServer server, InetSocketAddress target) {
        return new Active(server, target);
    }

    private static DataConnectionException noConnection(int port, Duration timeout) {
        return new DataConnectionException("no data connection on passive port " + port + " within " + timeout, null);
    }

    /** A Reactor Netty listener that hands over its first connection and closes any other. */
    final class Accepting implements Passive {
        private final Duration timeout;
        private final DisposableServer listener;
        private final Sinks.One<Connection> accepted;
        private final int port;

        private Accepting(Duration timeout, DisposableServer listener, Sinks.One<Connection> accepted) {
            this.timeout = timeout;
            this.listener = listener;
            this.accepted = accepted;
            this.port = listener.port();
        }

        static Mono<Passive> bind(FaultServer server, InetAddress host) {
            Sinks.One<Connection> accepted = Sinks.one();
            return TcpServer.create()
                    .runOn(server.loops())
                    .bindAddress(() -> new InetSocketAddress(host, 0))
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .handle((inbound, outbound) -> {
                        boolean[] first = {false};
                        inbound.withConnection(connection -> {
                            server.track(connection);
                            first[0] = accepted.tryEmitValue(connection).isSuccess();
                        });
                        // Completing at once closes a second connection; the first lives until the transfer ends.
                        return first[0] ? Mono.never() : Mono.empty();
                    })
                    .bind()
                    .map(listener -> {
                        server.track(listener);
                        return new Accepting(server.dataTimeout(), listener, accepted);
                    });
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public Mono<Connection> connection(Scheduler timer) {
            return accepted.asMono().timeout(timeout, Mono.error(() -> noConnection(port, timeout)), timer);
        }

        @Override
        public void close() {
            listener.dispose();
            // Closes a connection that arrived but was never used; later connections cannot arrive.
            accepted.tryEmitEmpty();
            accepted.asMono().subscribe(Connection::dispose);
        }
    }

    /**
     * A port that never yields a connection: either a bound socket that nobody accepts on (the kernel still
     * completes handshakes into its backlog) or a port that was bound and released at once, so connects are
     * refused. Plain NIO, since no event loop should ever serve it.
     */
    final class Silent implements Passive, Disposable {
        private final FaultServer server;
        private final @Nullable ServerSocketChannel socket;
        private final int port;

        private Silent(FaultServer server, @Nullable ServerSocketChannel socket, int port) {
            this.server = server;
            this.socket = socket;
            this.port = port;
        }

        static Silent bind(FaultServer server, InetAddress host, boolean keepListening) throws IOException {
            ServerSocketChannel socket = ServerSocketChannel.open();
            socket.bind(new InetSocketAddress(host, 0), 16);
            int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
            if (!keepListening) {
                socket.close();
                return new Silent(server, null, port);
            }
            Silent silent = new Silent(server, socket, port);
            server.track(silent);
            return silent;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public Mono<Connection> connection(Scheduler timer) {
            Duration timeout = server.dataTimeout();
            return Mono.<Connection>never().timeout(timeout, Mono.error(() -> noConnection(port, timeout)), timer);
        }

        @Override
        public void close() {
            dispose();
        }

        @Override
        public void dispose() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket that never accepted has nothing left to report.
                }
                server.untrack(this);
            }
        }

        @Override
        public boolean isDisposed() {
            return socket == null || !socket.isOpen();
        }
    }

    /** An active-mode target, connected to when the transfer needs it. */
    final class Active implements DataEndpoint {
        private final FaultServer server;
        private final InetSocketAddress target;
        private final AtomicReference<@Nullable Connection> connected = new AtomicReference<>();

        Active(FaultServer server, InetSocketAddress target) {
            this.server = server;
            this.target = target;
        }

        @Override
        public Mono<Connection> connection(Scheduler timer) {
            Duration timeout = server.dataTimeout();
            return TcpClient.newConnection()
                    .runOn(server.loops())
                    .remoteAddress(() -> target)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                    .option(ChannelOption.TCP_NODELAY, true)
                    .connect()
                    .<Connection>map(connection -> connection)
                    .doOnNext(connection -> {
                        server.track(connection);
                        connected.set(connection);
                    })
                    .onErrorMap(failure -> !(failure instanceof DataConnectionException),
                            failure -> new DataConnectionException("cannot connect to " + target + ": " + failure, failure));
        }

        @Override
        public void close() {
            Connection connection = connected.getAndSet(null);
            if (connection != null) {
                connection.dispose();
            }
        }
    }
}
