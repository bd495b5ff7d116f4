package io.ftpflux.core.address;

import java.util.Objects;

/**
 * How a session treats the data address a server announces in passive mode (RFC 959 §4.1.2 PASV,
 * RFC 2428 §3 EPSV): which host to connect to, and whether a port below 1024 is acceptable.
 *
 * <p>Ports below 1024 belong to system services (SSH, SMTP, the FTP control port itself); a server that
 * sends the client there is misconfigured or hostile (RFC 2577 §3), so they are refused unless allowed.
 * {@link #DEFAULT} connects to the control host and refuses them.
 *
 * @param hostPolicy which host to connect to
 * @param allowPrivilegedPorts whether ports 1 to 1023 are accepted
 */
public record PassiveAddressPolicy(PassiveHostPolicy hostPolicy, boolean allowPrivilegedPorts) {

    /** The control host, and no port below 1024. */
    public static final PassiveAddressPolicy DEFAULT = new PassiveAddressPolicy(PassiveHostPolicy.USE_CONTROL_HOST, false);

    /**
     * Validates the policy.
     *
     * @param hostPolicy which host to connect to
     * @param allowPrivilegedPorts whether ports 1 to 1023 are accepted
     */
    public PassiveAddressPolicy {
        Objects.requireNonNull(hostPolicy, "hostPolicy");
    }

    /**
     * Returns a policy with a host policy that refuses ports below 1024.
     *
     * @param hostPolicy which host to connect to
     * @return the policy
     */
    public static PassiveAddressPolicy of(PassiveHostPolicy hostPolicy) {
        return new PassiveAddressPolicy(hostPolicy, false);
    }

    /**
     * Returns this policy with ports below 1024 allowed or refused.
     *
     * @param allow whether ports 1 to 1023 are accepted
     * @return the policy
     */
    public PassiveAddressPolicy withPrivilegedPortsAllowed(boolean allow) {
        return new PassiveAddressPolicy(hostPolicy, allow);
    }
}
