package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.address.DataAddress;
import io.ftpflux.core.address.PassiveAddress;
import io.ftpflux.core.address.PassiveAddressPolicy;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.reactive.event.FtpEvent;
import io.netty.buffer.PooledByteBufAllocator;
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
 * Opens passive data connections for one session (RFC 2428 §3 EPSV, falling back to RFC 959 §4.1.2 PASV).
 *
 * <p>EPSV is tried first; when the server refuses it permanently (5yz), PASV is used from then on in this
 * session; a transient refusal (4yz) fails the operation and leaves EPSV to the next one. The address
 * a 227 names is resolved against the control connection's peer under the session's
 * {@link PassiveAddressPolicy}: by default the data connection goes to the control host, whatever the reply
 * says, and ports below 1024 are refused. Only one conversation runs at a time, so the remembered fallback is
 * written by one thread at a time; it is volatile because successive conversations may run on different
 * threads.
 */
public final class DataConnector {

    private static final Logger LOG = Loggers.getLogger(DataConnector.class);

    private final String controlHost;
    private final PassiveAddressPolicy policy;
    private final Duration connectTimeout;
    private final TcpClient tcp;
    private final Events events;
    private volatile boolean epsvRefused;

    /**
     * Creates a connector for one session.
     *
     * @param controlHost the control connection's peer, as an IP literal
     * @param policy what to do with the address a PASV reply names
     * @param connectTimeout how long opening a data connection may take
     * @param loopResources the event loops, or {@code null} for Reactor Netty's shared ones
     * @param events where each data connection's opening is reported
     */
    public DataConnector(String controlHost, PassiveAddressPolicy policy, Duration connectTimeout,
            @Nullable LoopResources loopResources, Events events) {
        this.events = events;
        this.controlHost = controlHost;
        this.policy = policy;
        this.connectTimeout = connectTimeout;
        TcpClient client = TcpClient.newConnection()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                // Netty 4.2's default allocator stops pooling on small heaps (below 512 MiB) and then allocates a
                // fresh direct buffer for every read; data connections read gigabytes, so they always pool.
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        this.tcp = loopResources == null ? client : client.runOn(loopResources);
    }

    /**
     * Asks the server for a passive address and connects to it.
     *
     * @param exchange the conversation that will use the data connection
     * @return the connected data connection
     */
    public Mono<Connection> openPassive(ControlConnection.Exchange exchange) {
        return passiveAddress(exchange).flatMap(this::connect);
    }

    private Mono<DataAddress> passiveAddress(ControlConnection.Exchange exchange) {
        if (epsvRefused) {
            return pasv(exchange);
        }
        return exchange.execute(FtpCommands.epsv())
                .map(reply -> PassiveAddress.parseEpsvReply(reply).resolve(controlHost, policy))
                // Only a permanent refusal (500, 502, 522...) says EPSV is unsupported; a 4yz may pass.
                .onErrorResume(FtpPermanentReplyException.class, refused -> {
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
            Events.Span span = events.start(FtpEvent.Type.DATA_CONNECTION, address.toString());
            return tcp.remoteAddress(() -> socketAddress(address)).connect().cast(Connection.class)
                    .onErrorMap(error -> Failures.ofConnect(error, "opening the data connection to " + address,
                            FtpTimeoutException.Phase.DATA_CONNECT, connectTimeout))
                    .doOnSuccess(connected -> span.succeeded(null, -1))
                    .doOnError(span::failed)
                    .doOnCancel(() -> span.failed(new CancellationException("data connection to " + address
                            + " cancelled")));
        });
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
