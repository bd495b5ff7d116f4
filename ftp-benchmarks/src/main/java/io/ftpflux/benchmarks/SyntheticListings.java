package io.ftpflux.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates large directory listings, the same bytes on every run, in the shapes real servers send: {@code ls -l}
 * lines as vsftpd and ProFTPD write them for LIST (RFC 959 §4.1.3), and fact lines as ProFTPD writes them for MLSD
 * (RFC 3659 §7). The captured listings under {@code ftp-core/src/test/resources/listings} are the models.
 *
 * <p>Entries mix files, directories and symbolic links; owners as names and as numbers; sizes from zero to
 * beyond 4 GiB; dates within the last six months ({@code Mon dd HH:mm}) and older ones ({@code Mon dd  yyyy});
 * names with spaces, dashes and non-ASCII UTF-8 characters. Lines end in CRLF, as on the wire.
 */
public final class SyntheticListings {

    /** The instant the listings are dated against: recent entries fall in the six months before it. */
    public static final Instant NOW = Instant.parse("2026-11-23T21:37:00Z");

    private static final long SEED = 20261123L;
    private static final String[] OWNERS = {"ftpflux", "www-data", "1001", "backup", "54321"};
    private static final String[] EXTENSIONS = {".txt", ".csv", ".tar.gz", ".jpg", ".pdf", ".bin", ".log", ""};
    private static final String[] STEMS = {"report", "holiday photo", "Grüße", "日本語", "data-set", "build_output",
        "invoice 2024", "-leading-dash", "café"};
    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM ppd  yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MLSD_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final long SIX_MONTHS_SECONDS = 182L * 24 * 3600;
    private static final long TWENTY_YEARS_SECONDS = 20L * 365 * 24 * 3600;

    private SyntheticListings() {
    }

    /**
     * Returns a LIST listing of {@code entries} lines in {@code ls -l} format, UTF-8, CRLF line ends.
     *
     * @param entries how many lines, at least one
     * @return the listing's bytes
     */
    public static byte[] unixList(int entries) {
        requirePositive(entries);
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder out = new StringBuilder(entries * 80);
        for (int i = 0; i < entries; i++) {
            Kind kind = kind(random);
            String owner = OWNERS[random.nextInt(OWNERS.length)];
            String group = OWNERS[random.nextInt(OWNERS.length)];
            long size = kind == Kind.DIRECTORY ? 4096 : kind == Kind.LINK ? 6 + random.nextInt(40) : size(random);
            LocalDateTime modified = modified(random);
            boolean recent = modified.toInstant(ZoneOffset.UTC).isAfter(NOW.minusSeconds(SIX_MONTHS_SECONDS));
            String name = name(random, i);
            out.append(kind.unixMode(random))
                    .append(' ').append(String.format(Locale.ROOT, "%4d", kind == Kind.DIRECTORY ? 2 + random.nextInt(9) : 1))
                    .append(' ').append(String.format(Locale.ROOT, "%-8s %-8s", owner, group))
                    .append(' ').append(String.format(Locale.ROOT, "%10d", size))
                    .append(' ').append((recent ? RECENT : OLD).format(modified))
                    .append(' ').append(name);
            if (kind == Kind.LINK) {
                out.append(" -> ").append("target-").append(random.nextInt(entries));
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns an MLSD listing of {@code entries} lines: {@code .} and {@code ..} first, then files, directories
     * and symbolic links with ProFTPD's facts (modify, perm, size, type, unique, UNIX.*), UTF-8, CRLF line ends.
     *
     * @param entries how many lines, at least two
     * @return the listing's bytes
     */
    public static byte[] mlsd(int entries) {
        if (entries < 2) {
            throw new IllegalArgumentException("an MLSD listing holds at least . and ..: " + entries);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder out = new StringBuilder(entries * 200);
        out.append(mlsdLine(random, "cdir", -1, "0755", ".")).append(mlsdLine(random, "pdir", -1, "0755", ".."));
        for (int i = 2; i < entries; i++) {
            Kind kind = kind(random);
            String type = switch (kind) {
                case FILE -> "file";
                case DIRECTORY -> "dir";
                case LINK -> "OS.unix=symlink";
            };
            long size = kind == Kind.DIRECTORY ? -1 : kind == Kind.LINK ? 6 + random.nextInt(40) : size(random);
            String mode = kind == Kind.DIRECTORY ? "0755" : kind == Kind.LINK ? "0777" : random.nextInt(8) == 0 ? "0600" : "0644";
            out.append(mlsdLine(random, type, size, mode, name(random, i)));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String mlsdLine(SplittableRandom random, String type, long size, String mode, String name) {
        StringBuilder line = new StringBuilder(200)
                .append("modify=").append(MLSD_TIME.format(modified(random)))
                .append(";perm=").append(type.endsWith("dir") ? "flcdmpe" : "adfrw");
        if (size >= 0) {
            line.append(";size=").append(size);
        }
        String owner = OWNERS[random.nextInt(OWNERS.length)];
        return line.append(";type=").append(type)
                .append(";unique=FE00U").append(Long.toHexString(0x500000L + random.nextInt(0x100000)).toUpperCase(Locale.ROOT))
                .append(";UNIX.group=1001;UNIX.groupname=ftpflux;UNIX.mode=").append(mode)
                .append(";UNIX.owner=1001;UNIX.ownername=").append(owner).append("; ")
                .append(name).append("\r\n")
                .toString();
    }

    private enum Kind {
        FILE, DIRECTORY, LINK;

        String unixMode(SplittableRandom random) {
            return switch (this) {
                case FILE -> random.nextInt(8) == 0 ? "-rwxr-xr-x" : random.nextInt(8) == 0 ? "-rw-------" : "-rw-r--r--";
                case DIRECTORY -> random.nextInt(16) == 0 ? "drwxrwxrwt" : "drwxr-xr-x";
                case LINK -> "lrwxrwxrwx";
            };
        }
    }

    /** Seven files to two directories to one link, roughly what a home or project directory holds. */
    private static Kind kind(SplittableRandom random) {
        int draw = random.nextInt(10);
        return draw < 7 ? Kind.FILE : draw < 9 ? Kind.DIRECTORY : Kind.LINK;
    }

    /** Mostly small files, some large, a few beyond 4 GiB (2^32, where 32-bit parsing breaks). */
    private static long size(SplittableRandom random) {
        int draw = random.nextInt(100);
        if (draw < 70) {
            return random.nextInt(100_000);
        }
        if (draw < 97) {
            return random.nextLong(1L << 30);
        }
        return (1L << 32) + random.nextLong(1L << 36);
    }

    /** A third within the last six months, the rest up to twenty years back; whole minutes, as LIST shows. */
    private static LocalDateTime modified(SplittableRandom random) {
        long back = random.nextInt(3) == 0
                ? 60 + random.nextLong(SIX_MONTHS_SECONDS - 3600)
                : SIX_MONTHS_SECONDS + random.nextLong(TWENTY_YEARS_SECONDS);
        long seconds = NOW.getEpochSecond() - back;
        return LocalDateTime.ofEpochSecond(seconds - Math.floorMod(seconds, 60), 0, ZoneOffset.UTC);
    }

    /** Unique names: a stem, the entry number, an extension. */
    private static String name(SplittableRandom random, int index) {
        return STEMS[random.nextInt(STEMS.length)] + "-" + index + EXTENSIONS[random.nextInt(EXTENSIONS.length)];
    }

    private static void requirePositive(int entries) {
        if (entries < 1) {
            throw new IllegalArgumentException("at least one entry: " + entries);
        }
    }
}
