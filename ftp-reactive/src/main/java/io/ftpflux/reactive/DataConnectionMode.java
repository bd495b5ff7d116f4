package io.ftpflux.reactive;

/**
 * Who opens the data connections (RFC 959 §3.2, RFC 2428).
 */
public enum DataConnectionMode {
    /**
     * The client connects to the server (EPSV, RFC 2428 §3, falling back to PASV, RFC 959 §4.1.2, once and for
     * the rest of the session when the server refuses EPSV). Works through client-side NAT and firewalls; the
     * default. On an IPv6 control connection there is no PASV fallback: a 227 reply can carry only an IPv4
     * address, so a refused EPSV fails the transfer.
     */
    PASSIVE,

    /**
     * The server connects to the client (EPRT, RFC 2428 §2, falling back to PORT, RFC 959 §4.1.2, once and for
     * the rest of the session when the server refuses EPRT; never on IPv6, which PORT cannot carry). For each
     * transfer the client listens on one port (see {@link ActiveModeOptions}) and accepts exactly one
     * connection, which must come from the control connection's peer. Needs a client the server can reach:
     * usually not through NAT.
     */
    ACTIVE
}
