package io.ftpflux.reactive;

/**
 * Who opens the data connections (RFC 959 §3.2, RFC 2428). Only passive mode exists so far.
 */
public enum DataConnectionMode {
    /**
     * The client connects to the server (EPSV, RFC 2428 §3, falling back to PASV, RFC 959 §4.1.2, once and for
     * the rest of the session when the server refuses EPSV). Works through client-side NAT and firewalls; the
     * default.
     */
    PASSIVE

    // ACTIVE (EPRT, RFC 2428 §2, falling back to PORT, RFC 959 §4.1.2) joins when the one-shot listener is built;
    // until then the mode is not offered, rather than accepted and silently ignored.
}
