package io.ftpflux.reactive;

/**
 * Who opens the data connections (RFC 959 §3.2, RFC 2428).
 */
public enum DataConnectionMode {
    /**
     * The client connects to the server (EPSV, RFC 2428 §3, falling back to PASV, RFC 959 §4.1.2, once and for
     * the rest of the session when the server refuses EPSV). Works through client-side NAT and firewalls; the
     * default.
     */
    PASSIVE,
    /** The server connects to the client (EPRT, RFC 2428 §2, falling back to PORT, RFC 959 §4.1.2). */
    ACTIVE
}
