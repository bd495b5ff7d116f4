package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.address.AddressFamily;
import io.ftpflux.core.address.DataAddress;
import io.ftpflux.core.address.PassiveAddress;
import io.ftpflux.core.address.PassiveAddressPolicy;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.reactive.ActiveModeOptions;
import io.ftpflux.reactive.DataConnectionMode;
import io.ftpflux.reactive.event.FtpEvent;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Prepares the data connections of one session (RFC 959 §3.2), passive or active.
 *
 * <p>Passive (RFC 2428 §3 EPSV, falling back to RFC 959 §4.1.2 PASV): EPSV is tried first; when the server
 * refuses it permanently (5yz), PASV is used from then on in this session; a transient refusal (4yz) fails the
 * operation and leaves EPSV to the next one. The address a 227 names is resolved against the control
 * connection's peer under the session's {@link PassiveAddressPolicy}: by default the data connection goes to the
 * control host, whatever the reply says, and ports below 1024 are refused. On an IPv6 control connection PASV is
 * never sent: its reply can carry only an IPv4 address, which cannot be the server's address on this connection,
 * and guessing that the port also listens on the IPv6 address would hide a misconfigured server; a refused EPSV
 * fails with its reply.
 *
 * <p>Active (RFC 2428 §2 EPRT, falling back to RFC 959 §4.1.2 PORT, remembered the same way): a one-shot
 * {@link ActiveListener} on the control connection's event loop, bound to the control connection's local address
 * unless {@link ActiveModeOptions} say otherwise, announced with EPRT. PORT carries only IPv4, so an IPv6 listener
 * has no fallback.
 *
 * <p>Only one conversation runs at a time, so the remembered fallbacks are written by one thread at a time; they
 * are volatile because successive conversations may run on different threads.
 */
public final class DataConnector {

    private static final Logger LOG = Loggers.getLogger(DataConnector.class);

    private final DataConnectionMode mode;
    private final Channel control;
    private final String controlHost;
    private final boolean controlIsIpv6;
    private final PassiveAddressPolicy policy;
    private final ActiveModeOptions activeOptions;
    private final Duration connectTimeout;
    private final TcpClient tcp;
    private final Events events;
    private volatile boolean epsvRefused;
    private volatile boolean eprtRefused;

    /**
     * Creates a connector for one session.
     *
     * @param mode who opens the data connections
     * @param control the control connection's channel: its peer, its local address, its event loop
     * @param policy what to do with the address a PASV reply names
     * @param activeOptions where active-mode listeners bind and what they announce
     * @param connectTimeout how long opening a data connection may take, in either direction
     * @param loopResources the event loops of passive connections, or {@code null} for Reactor Netty's shared ones
     * @param events where each data connection's opening is reported
     */
    public DataConnector(DataConnectionMode mode, Channel control, PassiveAddressPolicy policy,
            ActiveModeOptions activeOptions, Duration connectTimeout, @Nullable LoopResources loopResources,
            Events events) {
        this.mode = mode;
        this.control = control;
        InetAddress peer = ((InetSocketAddress) control.remoteAddress()).getAddress();
        this.controlHost = peer.getHostAddress();
        this.controlIsIpv6 = DataAddress.of(peer, 1).family() == AddressFamily.IPV6;
        this.policy = policy;
        this.activeOptions = activeOptions;
        this.connectTimeout = connectTimeout;
        this.events = events;
        TcpClient client = TcpClient.newConnection()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                // Netty 4.2's default allocator stops pooling on small heaps (below 512 MiB) and then allocates a
                // fresh direct buffer for every read; data connections read gigabytes, so they always pool.
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        this.tcp = loopResources == null ? client : client.runOn(loopResources);
    }

    /**
     * Prepares the data connection of the next transfer of a conversation: connects in passive mode, listens
     * and announces the listener in active mode. The transfer command must follow.
     *
     * @param exchange the conversation that will use the data connection
     * @return the prepared channel, which the caller must close once the transfer ended
     */
    public Mono<DataChannel> prepare(ControlConnection.Exchange exchange) {
        return mode == DataConnectionMode.ACTIVE ? listen(exchange) : passive(exchange);
    }

    private Mono<DataChannel> passive(ControlConnection.Exchange exchange) {
        return passiveAddress(exchange).flatMap(this::connect).map(DataChannel::connected);
    }

    private Mono<DataAddress> passiveAddress(ControlConnection.Exchange exchange) {
        if (epsvRefused) {
            return pasv(exchange);
        }
        return exchange.execute(FtpCommands.epsv())
                .map(reply -> PassiveAddress.parseEpsvReply(reply).resolve(controlHost, policy))
                // Only a permanent refusal (500, 502, 522...) says EPSV is unsupported; a 4yz may pass.
                .onErrorResume(FtpPermanentReplyException.class, refused -> {
                    if (controlIsIpv6) {
                        return Mono.error(FtpReplyException.of(refused.command(), refused.reply(),
                                "PASV cannot carry an IPv6 address (RFC 2428 §1), so passive mode needs EPSV on this "
                                        + "IPv6 connection; use active mode, or connect over IPv4"));
                    }
                    LOG.debug("EPSV refused ({}); using PASV for the rest of the session", refused.reply().code());
                    epsvRefused = true;
                    return pasv(exchange);
                });
    }

    private Mono<DataAddress> pasv(ControlConnection.Exchange exchange) {
        return exchange.execute(FtpCommands.pasv()).map(this::resolvePasv);
    }

    private DataAddress resolvePasv(FtpReply reply) {
        PassiveAddress announced = PassiveAddress.parsePasvReply(reply);
        if (announced.namesHost() && announced.hostDiffersFrom(controlHost)) {
            LOG.debug("PASV named {} instead of the control host {}; policy {}", announced.announcedHost(),
                    controlHost, policy.hostPolicy());
        }
        return announced.resolve(controlHost, policy);
    }

    private Mono<Connection> connect(DataAddress address) {
        return Mono.defer(() -> {
            Events.Span span = events.start(FtpEvent.Type.DATA_CONNECTION, "passive " + address);
            return tcp.remoteAddress(() -> socketAddress(address)).connect().cast(Connection.class)
                    .onErrorMap(error -> Failures.ofConnect(error, "opening the data connection to " + address,
                            FtpTimeoutException.Phase.DATA_CONNECT, connectTimeout))
                    .doOnSuccess(connected -> span.succeeded(null, -1))
                    .doOnError(span::failed)
                    .doOnCancel(() -> span.failed(new CancellationException("data connection to " + address
                            + " cancelled")));
        });
    }

    private Mono<DataChannel> listen(ControlConnection.Exchange exchange) {
        InetAddress local = ((InetSocketAddress) control.localAddress()).getAddress();
        InetAddress bindAddress = activeOptions.bindAddress() == null ? local : activeOptions.bindAddress();
        InetAddress advertised = activeOptions.advertisedAddress() == null ? local : activeOptions.advertisedAddress();
        InetAddress peer = ((InetSocketAddress) control.remoteAddress()).getAddress();
        return ActiveListener.bind(control.eventLoop(), exchange.timers(), bindAddress, advertised, activeOptions,
                        peer, connectTimeout, events)
                .flatMap(listener -> announce(exchange, listener.advertised())
                        .<DataChannel>thenReturn(listener)
                        .doOnError(refused -> listener.close())
                        .doOnCancel(listener::close));
    }

    /** EPRT, or PORT once the server refused EPRT permanently and the address is IPv4. */
    private Mono<FtpReply> announce(ControlConnection.Exchange exchange, DataAddress address) {
        boolean ipv4 = address.family() == AddressFamily.IPV4;
        if (eprtRefused && ipv4) {
            return port(exchange, address);
        }
        return exchange.execute(FtpCommands.eprt(address.eprtArgument()))
                .onErrorResume(FtpPermanentReplyException.class, refused -> {
                    if (!ipv4) {
                        return Mono.error(FtpReplyException.of(refused.command(), refused.reply(),
                                "PORT cannot carry an IPv6 address (RFC 2428 §1), so active mode needs EPRT here; "
                                        + "use passive mode"));
                    }
                    LOG.debug("EPRT refused ({}); using PORT for the rest of the session", refused.reply().code());
                    eprtRefused = true;
                    return port(exchange, address);
                });
    }

    private static Mono<FtpReply> port(ControlConnection.Exchange exchange, DataAddress address) {
        FtpCommand port = FtpCommands.port(address.portArgument());
        return exchange.execute(port)
                .onErrorMap(FtpPermanentReplyException.class, refused -> FtpReplyException.of(port, refused.reply(),
                        "the server accepts neither EPRT nor PORT: use passive mode"));
    }

    private static InetSocketAddress socketAddress(DataAddress address) {
        try {
            // The host is an IP literal (DataAddress guarantees it), so this never queries DNS.
            return new InetSocketAddress(InetAddress.getByName(address.host()), address.port());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IP literal: " + address.host(), e);
        }
    }
}
