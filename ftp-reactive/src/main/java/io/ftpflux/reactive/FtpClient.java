package io.ftpflux.reactive;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.address.PassiveAddressPolicy;
import io.ftpflux.core.command.TransferType;
import io.ftpflux.core.listing.ListingOptions;
import io.ftpflux.core.reply.ReplyLimits;
import io.ftpflux.reactive.event.FtpEventListener;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * An immutable, reusable FTP client configuration: where to connect, how to log in, and how to behave.
 * {@link #connect()} opens a {@link FtpSession}; {@link #withSession(Function)} runs work in one and always
 * closes it.
 *
 * <p>FTPS (RFC 4217) is on when {@link Builder#tls(FtpTls)} is set; see {@link FtpTls}.
 *
 * <p>Secure defaults: passive data connections to the control connection's host (whatever address a PASV
 * reply names), binary transfers, UTF-8 names, bounded replies, and timeouts on every phase.
 *
 * <pre>{@code
 * FtpClient client = FtpClient.builder()
 *         .host("ftp.example.com")
 *         .credentials(FtpCredentials.of("alice", secret))
 *         .build();
 * Flux<FtpEntry> entries = client.withSession(session -> session.list("/pub"));
 * }</pre>
 */
public final class FtpClient {

    private static final Logger LOG = Loggers.getLogger(FtpClient.class);

    private final String host;
    private final int port;
    /** The port the caller set, or null: the default depends on the TLS mode. */
    private final @Nullable Integer configuredPort;
    private final @Nullable FtpTls tls;
    private final FtpCredentials credentials;
    private final Charset controlCharset;
    private final TransferType transferType;
    private final DataConnectionMode dataConnectionMode;
    private final PassiveAddressPolicy passiveAddressPolicy;
    private final ActiveModeOptions activeModeOptions;
    private final FtpTimeouts timeouts;
    private final ReplyLimits replyLimits;
    private final ListingOptions listingOptions;
    private final long maxListingEntries;
    private final @Nullable LoopResources loopResources;
    private final boolean wiretap;
    private final Duration keepAlive;
    private final FtpEventListener eventListener;

    private FtpClient(Builder builder) {
        this.host = Objects.requireNonNull(builder.host, "host is required");
        this.configuredPort = builder.port;
        this.tls = builder.tls;
        this.port = builder.port != null ? builder.port
                : tls != null && tls.mode() == FtpTls.Mode.IMPLICIT ? 990 : 21;
        this.credentials = builder.credentials;
        this.controlCharset = builder.controlCharset;
        this.transferType = builder.transferType;
        this.dataConnectionMode = builder.dataConnectionMode;
        this.passiveAddressPolicy = builder.passiveAddressPolicy;
        this.activeModeOptions = builder.activeModeOptions;
        this.timeouts = builder.timeouts;
        this.replyLimits = builder.replyLimits;
        this.listingOptions = builder.listingOptions;
        this.maxListingEntries = builder.maxListingEntries;
        this.loopResources = builder.loopResources;
        this.wiretap = builder.wiretap;
        this.keepAlive = builder.keepAlive;
        this.eventListener = builder.eventListener;
        if (tls != null && tls.trustsAllCertificates()) {
            LOG.warn("FTPS client for {}:{} trusts every certificate and host name: its connections can be read and "
                    + "changed by anyone on the path (FtpTls.insecureTrustAllCertificates)", host, port);
        }
    }

    /**
     * Starts a configuration with the defaults.
     *
     * @return a builder; {@link Builder#host(String)} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this configuration, to derive another from it.
     *
     * @return a builder with this client's settings
     */
    public Builder mutate() {
        return new Builder(this);
    }

    /**
     * Opens a session: connects, reads the greeting (RFC 959 §5.4), logs in (USER/PASS/ACCT), reads the
     * features (FEAT, RFC 2389), switches to UTF-8 names when offered (OPTS UTF8 ON, RFC 2640) and sets the
     * transfer type.
     *
     * @return the session, once it is ready for commands; it fails with {@link FtpConnectionException} (421 at
     *     the greeting included), {@link FtpTimeoutException} or a reply exception for a refused login
     */
    public Mono<FtpSession> connect() {
        return FtpSession.open(this);
    }

    /**
     * Runs work in a fresh session and closes it afterwards (QUIT), whether the work completes, fails or is
     * cancelled.
     *
     * @param work what to do with the session
     * @param <T> what the work emits
     * @return the work's signals
     */
    public <T> Flux<T> withSession(Function<FtpSession, ? extends Publisher<T>> work) {
        return Flux.usingWhen(connect(), work, FtpSession::close, (session, error) -> session.close(),
                FtpSession::close);
    }

    /**
     * Returns the server's host name or IP address.
     *
     * @return the host
     */
    public String host() {
        return host;
    }

    /**
     * Returns the server's control port.
     *
     * @return the port; unless set, 990 for implicit FTPS and 21 otherwise
     */
    public int port() {
        return port;
    }

    /**
     * Returns the FTPS settings (RFC 4217).
     *
     * @return the settings, or {@code null} for plain FTP (the default)
     */
    public @Nullable FtpTls tls() {
        return tls;
    }

    /**
     * Returns who logs in.
     *
     * @return the credentials, anonymous unless set
     */
    public FtpCredentials credentials() {
        return credentials;
    }

    /**
     * Returns the charset of the control connection: commands, replies, and listing names.
     *
     * @return the charset, UTF-8 unless set
     */
    public Charset controlCharset() {
        return controlCharset;
    }

    /**
     * Returns the transfer type set after login.
     *
     * @return the type, {@link TransferType#IMAGE} (binary) unless set
     */
    public TransferType transferType() {
        return transferType;
    }

    /**
     * Returns who opens data connections.
     *
     * @return the mode, {@link DataConnectionMode#PASSIVE} unless set
     */
    public DataConnectionMode dataConnectionMode() {
        return dataConnectionMode;
    }

    /**
     * Returns what to do with the address a PASV reply names.
     *
     * @return the policy, {@link PassiveAddressPolicy#DEFAULT} unless set
     */
    public PassiveAddressPolicy passiveAddressPolicy() {
        return passiveAddressPolicy;
    }

    /**
     * Returns where an active-mode client listens and what address it announces.
     *
     * @return the options, {@link ActiveModeOptions#defaults()} unless set
     */
    public ActiveModeOptions activeModeOptions() {
        return activeModeOptions;
    }

    /**
     * Returns the timeouts of each phase.
     *
     * @return the timeouts
     */
    public FtpTimeouts timeouts() {
        return timeouts;
    }

    /**
     * Returns the bounds on what the server may send in one reply.
     *
     * @return the reply limits
     */
    public ReplyLimits replyLimits() {
        return replyLimits;
    }

    /**
     * Returns what LIST parsing needs: the server clock and zone, month-name languages.
     *
     * @return the listing options
     */
    public ListingOptions listingOptions() {
        return listingOptions;
    }

    /**
     * Returns the most entries one listing may have before it fails.
     *
     * @return the limit, {@value Builder#DEFAULT_MAX_LISTING_ENTRIES} unless set
     */
    public long maxListingEntries() {
        return maxListingEntries;
    }

    /**
     * Returns the event loops to run on.
     *
     * @return the loop resources, or {@code null} for Reactor Netty's shared ones
     */
    public @Nullable LoopResources loopResources() {
        return loopResources;
    }

    /**
     * Tells whether Reactor Netty's wiretap logs the raw bytes of the control connection.
     *
     * @return {@code true} if the wiretap is on
     */
    public boolean wiretap() {
        return wiretap;
    }

    /**
     * Returns how long a session's control connection may stay idle before it sends a NOOP (RFC 959 §4.1.3).
     *
     * @return the interval, or {@link Duration#ZERO} when keep-alive is off (the default)
     */
    public Duration keepAlive() {
        return keepAlive;
    }

    /**
     * Returns who hears of each connect, login, command, data connection and transfer.
     *
     * @return the listener, {@link FtpEventListener#NONE} unless set
     */
    public FtpEventListener eventListener() {
        return eventListener;
    }

    @Override
    public String toString() {
        return "FtpClient[" + credentials.user() + "@" + host + ":" + port + ", " + dataConnectionMode + ", "
                + transferType + (tls == null ? "" : ", " + tls) + "]";
    }

    /** Builds an {@link FtpClient}; every setting but the host has a default. */
    public static final class Builder {

        /** The default of {@link #maxListingEntries(long)}: far above real directories, yet a bound. */
        public static final long DEFAULT_MAX_LISTING_ENTRIES = 1_000_000;

        private @Nullable String host;
        private @Nullable Integer port;
        private @Nullable FtpTls tls;
        private FtpCredentials credentials = FtpCredentials.anonymous();
        private Charset controlCharset = StandardCharsets.UTF_8;
        private TransferType transferType = TransferType.IMAGE;
        private DataConnectionMode dataConnectionMode = DataConnectionMode.PASSIVE;
        private PassiveAddressPolicy passiveAddressPolicy = PassiveAddressPolicy.DEFAULT;
        private ActiveModeOptions activeModeOptions = ActiveModeOptions.defaults();
        private FtpTimeouts timeouts = FtpTimeouts.defaults();
        private ReplyLimits replyLimits = ReplyLimits.defaults();
        private ListingOptions listingOptions = ListingOptions.defaults();
        private long maxListingEntries = DEFAULT_MAX_LISTING_ENTRIES;
        private @Nullable LoopResources loopResources;
        private boolean wiretap;
        private Duration keepAlive = Duration.ZERO;
        private FtpEventListener eventListener = FtpEventListener.NONE;

        private Builder() {
        }

        private Builder(FtpClient client) {
            host = client.host;
            port = client.configuredPort;
            tls = client.tls;
            credentials = client.credentials;
            controlCharset = client.controlCharset;
            transferType = client.transferType;
            dataConnectionMode = client.dataConnectionMode;
            passiveAddressPolicy = client.passiveAddressPolicy;
            activeModeOptions = client.activeModeOptions;
            timeouts = client.timeouts;
            replyLimits = client.replyLimits;
            listingOptions = client.listingOptions;
            maxListingEntries = client.maxListingEntries;
            loopResources = client.loopResources;
            wiretap = client.wiretap;
            keepAlive = client.keepAlive;
            eventListener = client.eventListener;
        }

        /**
         * Sets the server's host name or IP address.
         *
         * @param host the host
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Sets the server's control port.
         *
         * @param port the port, 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Turns FTPS (RFC 4217) on or off. With {@link FtpTls#implicit()} and no {@link #port(int)}, the client
         * connects to port 990.
         *
         * @param tls the TLS settings, or {@code null} for plain FTP
         * @return this builder
         */
        public Builder tls(@Nullable FtpTls tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Sets who logs in.
         *
         * @param credentials the credentials
         * @return this builder
         */
        public Builder credentials(FtpCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * Sets the charset of commands, replies and listing names.
         *
         * @param charset a charset that encodes ASCII as ASCII
         * @return this builder
         */
        public Builder controlCharset(Charset charset) {
            this.controlCharset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /**
         * Sets the transfer type.
         *
         * @param transferType the type
         * @return this builder
         */
        public Builder transferType(TransferType transferType) {
            this.transferType = Objects.requireNonNull(transferType, "transferType");
            return this;
        }

        /**
         * Sets who opens data connections: {@link DataConnectionMode#PASSIVE} (the default) or
         * {@link DataConnectionMode#ACTIVE}, configured by {@link #activeModeOptions(ActiveModeOptions)}.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder dataConnectionMode(DataConnectionMode mode) {
            this.dataConnectionMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets what to do with the address a PASV reply names.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder passiveAddressPolicy(PassiveAddressPolicy policy) {
            this.passiveAddressPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets where an active-mode client listens for data connections and what address it announces; ignored
         * in passive mode. The server's connection must arrive within {@link FtpTimeouts#dataConnect()}.
         *
         * @param options the options
         * @return this builder
         */
        public Builder activeModeOptions(ActiveModeOptions options) {
            this.activeModeOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Shorthand for {@link #activeModeOptions(ActiveModeOptions)} with only a port range changed: active-mode
         * listeners use a free port from {@code first} to {@code last}.
         *
         * @param first the lowest port, 1 to 65535
         * @param last the highest port, from {@code first} to 65535
         * @return this builder
         * @throws IllegalArgumentException if the range is empty or outside 1 to 65535
         */
        public Builder activePortRange(int first, int last) {
            this.activeModeOptions = activeModeOptions.withPortRange(first, last);
            return this;
        }

        /**
         * Sets the timeouts of each phase.
         *
         * @param timeouts the timeouts
         * @return this builder
         */
        public Builder timeouts(FtpTimeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * Sets the bounds on what the server may send in one reply.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder replyLimits(ReplyLimits limits) {
            this.replyLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Sets what LIST parsing needs.
         *
         * @param options the listing options
         * @return this builder
         */
        public Builder listingOptions(ListingOptions options) {
            this.listingOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets the most entries one listing ({@link FtpSession#list(String)}, {@link FtpSession#names(String)})
         * may have. A listing that goes past it fails with {@link io.ftpflux.core.FtpProtocolException} rather
         * than being cut short: a server that sends without end is a fault, and a silently truncated listing
         * would look complete. To read only the first entries, use {@code take(n)} on the listing instead.
         *
         * @param maxEntries the limit, at least 1
         * @return this builder
         */
        public Builder maxListingEntries(long maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxListingEntries must be at least 1: " + maxEntries);
            }
            this.maxListingEntries = maxEntries;
            return this;
        }

        /**
         * Sets the event loops to run on.
         *
         * @param loopResources the loop resources, or {@code null} for Reactor Netty's shared ones
         * @return this builder
         */
        public Builder loopResources(@Nullable LoopResources loopResources) {
            this.loopResources = loopResources;
            return this;
        }

        /**
         * Turns Reactor Netty's wiretap on the control connection on or off. It logs raw bytes, passwords
         * included: for debugging only. The redacted transcript is logged at DEBUG by
         * {@code io.ftpflux.transcript} regardless.
         *
         * @param wiretap {@code true} to log raw bytes
         * @return this builder
         */
        public Builder wiretap(boolean wiretap) {
            this.wiretap = wiretap;
            return this;
        }

        /**
         * Sets who hears of each connect, login, command, data connection and transfer: paired start and end
         * events, delivered on event loops (see {@link FtpEventListener}).
         *
         * @param listener the listener, or {@link FtpEventListener#NONE}
         * @return this builder
         */
        public Builder eventListener(FtpEventListener listener) {
            this.eventListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Turns the NOOP keep-alive on or off (RFC 959 §4.1.3). When on, a session whose control connection has
         * been idle for the interval (no operation running or queued, no reply awaited) sends a NOOP, so that
         * firewalls and servers with idle timeouts keep it open. A NOOP never interleaves with an operation, and
         * none is sent during a transfer, so its reply is never taken for another command's.
         *
         * @param interval the idle time before a NOOP, or {@code null} or {@link Duration#ZERO} for off
         * @return this builder
         * @throws IllegalArgumentException if the interval is negative
         */
        public Builder keepAlive(@Nullable Duration interval) {
            if (interval != null && interval.isNegative()) {
                throw new IllegalArgumentException("keep-alive interval must not be negative: " + interval);
            }
            this.keepAlive = interval == null ? Duration.ZERO : interval;
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws NullPointerException if no host was set
         */
        public FtpClient build() {
            return new FtpClient(this);
        }
    }
}
