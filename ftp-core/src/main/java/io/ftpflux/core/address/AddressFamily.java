package io.ftpflux.core.address;

/**
 * The network protocol of a data address, numbered as the {@code net-prt} field of EPRT and EPSV
 * (RFC 2428 §2, from the IANA Address Family Numbers).
 */
public enum AddressFamily {
    /** Internet Protocol version 4, {@code net-prt} 1. */
    IPV4(1),
    /** Internet Protocol version 6, {@code net-prt} 2. */
    IPV6(2);

    private final int number;

    AddressFamily(int number) {
        this.number = number;
    }

    /**
     * Returns the number that stands for this family in EPRT and EPSV (RFC 2428 §2).
     *
     * @return 1 for IPv4, 2 for IPv6
     */
    public int number() {
        return number;
    }
}
