package io.ftpflux.reactive;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * Where an active-mode client listens for its data connections and what address it announces in EPRT or PORT
 * (RFC 2428 §2, RFC 959 §4.1.2). Used only with {@link DataConnectionMode#ACTIVE}.
 *
 * <p>By default the listener binds the control connection's local address, on a port the kernel chooses, and
 * announces that address: over IPv6 the listener is IPv6 and the command is {@code EPRT |2|...|}. Behind a NAT
 * that forwards a port range, set the range, bind a local address (or the wildcard) and announce the public one.
 *
 * @param bindAddress the local address to listen on, or {@code null} for the control connection's local address
 * @param advertisedAddress the address to announce to the server, or {@code null} for the control connection's
 *     local address
 * @param firstPort the lowest port to listen on, 1 to 65535, or 0 together with {@code lastPort} 0 for a port
 *     the kernel chooses
 * @param lastPort the highest port to listen on, from {@code firstPort} to 65535, or 0
 */
public record ActiveModeOptions(@Nullable InetAddress bindAddress, @Nullable InetAddress advertisedAddress,
        int firstPort, int lastPort) {

    private static final ActiveModeOptions DEFAULTS = new ActiveModeOptions(null, null, 0, 0);

    /**
     * Checks the port range.
     *
     * @throws IllegalArgumentException if the range is neither {@code 0, 0} nor {@code 1 <= firstPort <= lastPort
     *     <= 65535}
     */
    public ActiveModeOptions {
        boolean kernelChooses = firstPort == 0 && lastPort == 0;
        if (!kernelChooses && (firstPort < 1 || lastPort > 65535 || firstPort > lastPort)) {
            throw new IllegalArgumentException("the active-mode port range must be 1 to 65535 with the first port "
                    + "not above the last (or 0 to 0 for a port the kernel chooses): " + firstPort + "-" + lastPort);
        }
    }

    /**
     * Returns the defaults: listen on the control connection's local address, on a port the kernel chooses.
     *
     * @return the default options
     */
    public static ActiveModeOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy that listens only on ports of a range, trying them in turn from a random one until one is
     * free; a transfer fails with {@link io.ftpflux.core.FtpConnectionException} when none is.
     *
     * @param first the lowest port, 1 to 65535
     * @param last the highest port, from {@code first} to 65535
     * @return the new options
     * @throws IllegalArgumentException if the range is empty or outside 1 to 65535
     */
    public ActiveModeOptions withPortRange(int first, int last) {
        if (first < 1) {
            throw new IllegalArgumentException("the active-mode port range must start at 1 or above: " + first);
        }
        return new ActiveModeOptions(bindAddress, advertisedAddress, first, last);
    }

    /**
     * Returns a copy that listens on another local address, such as the wildcard {@code 0.0.0.0}.
     *
     * @param address the address to bind, or {@code null} for the control connection's local address
     * @return the new options
     */
    public ActiveModeOptions withBindAddress(@Nullable InetAddress address) {
        return new ActiveModeOptions(address, advertisedAddress, firstPort, lastPort);
    }

    /**
     * Returns a copy that announces another address in EPRT or PORT, such as a NAT's public address. PORT can
     * carry only IPv4; with an IPv6 address there is no PORT fallback.
     *
     * @param address the address to announce, or {@code null} for the control connection's local address
     * @return the new options
     */
    public ActiveModeOptions withAdvertisedAddress(@Nullable InetAddress address) {
        return new ActiveModeOptions(bindAddress, address, firstPort, lastPort);
    }

    /**
     * Tells whether the kernel chooses the listening port.
     *
     * @return {@code true} when no port range is set
     */
    public boolean kernelChoosesPort() {
        return firstPort == 0;
    }
}
