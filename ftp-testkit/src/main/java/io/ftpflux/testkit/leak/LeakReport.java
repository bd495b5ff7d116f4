package io.ftpflux.testkit.leak;

import java.util.Objects;

/**
 * One leak found by Netty's detector: a tracked resource that was garbage-collected before its last
 * {@code release()}.
 *
 * @param resourceType the simple name of the leaked resource's type, such as {@code ByteBuf}
 * @param records the access records Netty kept for the resource (its creation and touch points, newest first), or
 *     an empty string when the leak was not traced
 */
public record LeakReport(String resourceType, String records) {

    /**
     * Creates a leak report.
     *
     * @param resourceType the simple name of the leaked resource's type
     * @param records Netty's access records for the resource, or an empty string
     * @throws NullPointerException if an argument is null
     */
    public LeakReport {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(records, "records");
    }

    /**
     * Tells whether Netty kept access records for the leaked resource.
     *
     * @return {@code true} if {@link #records()} holds at least one record
     */
    public boolean traced() {
        return !records.isEmpty();
    }
}
