package io.ftpflux.testkit.fault;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Listings generated from the in-memory file system: LIST in the Unix {@code ls -l} form most servers send,
 * NLST (RFC 959 §4.1.3), MLSD and MLST facts and MDTM times (RFC 3659 §2.3, §7). Times are UTC; names are
 * encoded with the server's charset.
 */
final class Listings {

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    /** {@code ls -l} shows the time of day within about six months, the year otherwise. */
    private static final Duration RECENT = Duration.ofDays(182);

    private Listings() {
    }

    static byte[] list(List<InMemoryFileSystem.Entry> entries, Instant now, Charset charset) {
        StringBuilder listing = new StringBuilder();
        for (InMemoryFileSystem.Entry entry : entries) {
            LocalDateTime time = LocalDateTime.ofInstant(entry.modified(), ZoneOffset.UTC);
            boolean recent = Duration.between(entry.modified(), now).abs().compareTo(RECENT) < 0;
            String when = recent
                    ? String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute())
                    : String.format(Locale.ROOT, "%5d", time.getYear());
            listing.append(String.format(Locale.ROOT, "%s 1 ftp ftp %12d %s %2d %s %s\r\n",
                    entry.directory() ? "drwxr-xr-x" : "-rw-r--r--", entry.size(),
                    MONTHS[time.getMonthValue() - 1], time.getDayOfMonth(), when, entry.name()));
        }
        return listing.toString().getBytes(charset);
    }

    static byte[] nameList(List<InMemoryFileSystem.Entry> entries, Charset charset) {
        StringBuilder listing = new StringBuilder();
        for (InMemoryFileSystem.Entry entry : entries) {
            listing.append(entry.name()).append("\r\n");
        }
        return listing.toString().getBytes(charset);
    }

    static byte[] machineList(List<InMemoryFileSystem.Entry> entries, Charset charset) {
        StringBuilder listing = new StringBuilder();
        for (InMemoryFileSystem.Entry entry : entries) {
            listing.append(facts(entry)).append(' ').append(entry.name()).append("\r\n");
        }
        return listing.toString().getBytes(charset);
    }

    /** The facts of one entry, ending with the {@code ';'} that precedes the space and the name. */
    static String facts(InMemoryFileSystem.Entry entry) {
        return entry.directory()
                ? "type=dir;modify=" + timeVal(entry.modified()) + ";"
                : "type=file;size=" + entry.size() + ";modify=" + timeVal(entry.modified()) + ";";
    }

    /** {@code YYYYMMDDHHMMSS} in UTC (RFC 3659 §2.3). */
    static String timeVal(Instant instant) {
        LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%04d%02d%02d%02d%02d%02d", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond());
    }
}
