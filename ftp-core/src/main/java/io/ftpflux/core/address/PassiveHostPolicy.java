package io.ftpflux.core.address;

/**
 * Which host a passive data connection goes to when the server's 227 reply names one (RFC 959 §4.1.2 PASV).
 *
 * <p>A 227 reply names an IPv4 address, and it is often wrong: a server behind NAT announces its private
 * address, and a hostile server can announce any host to make the client connect there on its behalf
 * (the "FTP bounce" of RFC 2577 §3, turned against the client). The control connection's peer is the host
 * the user chose, so it is the safe default. EPSV (RFC 2428 §3) names no host, and the unspecified address
 * {@code 0.0.0.0} names none either: under every policy both mean the control host.
 */
public enum PassiveHostPolicy {
    /** Connect to the control connection's host whatever the 227 reply names; the default. */
    USE_CONTROL_HOST,
    /** Connect to the host the 227 reply names: for servers whose data connections come from another host. */
    TRUST_ANNOUNCED,
    /** Connect to the control host, and refuse a 227 reply that names a different host. */
    REFUSE_MISMATCH
}
