package io.ftpflux.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * What a transfer did, as {@code get}, {@code put} and {@code mirror} report it.
 *
 * @param bytes the file's size once transferred
 * @param transferred the bytes moved in this run (less than {@code bytes} when it resumed)
 * @param nanos how long it took
 * @param sizeVerified whether the size was checked against the server's
 * @param resumedFrom the offset a resumed transfer continued from, or -1 if it did not resume
 */
record TransferSummary(long bytes, long transferred, long nanos, boolean sizeVerified, long resumedFrom) {

    /**
     * Returns the JSON shape: {@code bytes}, {@code transferred}, {@code seconds}, {@code sizeVerified}, {@code resumed} (and
     * {@code resumedFrom} when it resumed).
     *
     * @return the JSON object
     */
    ObjectNode toJson() {
        ObjectNode node = EntryFormat.JSON.createObjectNode();
        node.put("bytes", bytes);
        node.put("transferred", transferred);
        node.put("seconds", Math.round(nanos / 1e6) / 1e3);
        node.put("sizeVerified", sizeVerified);
        node.put("resumed", resumedFrom >= 0);
        if (resumedFrom >= 0) {
            node.put("resumedFrom", resumedFrom);
        }
        return node;
    }

    /**
     * Describes the transfer for people.
     *
     * @return for example {@code 1.0 MiB in 0.12 s (8.3 MiB/s), size verified}
     */
    String describe() {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%s in %.2f s (%s/s), %s%s", Progress.bytes(bytes), seconds,
                Progress.bytes((long) (transferred / seconds)), sizeVerified ? "size verified" : "size not verified",
                resumedFrom >= 0 ? ", resumed from byte " + resumedFrom : "");
    }
}
