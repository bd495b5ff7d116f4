package io.ftpflux.interop;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What the build tells the suite, as system properties set by the module's POM (each overridable with
 * {@code -Dinterop.<name>=...}), and the {@code FTPFLUX_INTEROP} environment variable.
 */
final class InteropSettings {

    /** The environment variable that, set to {@value #REQUIRED}, makes missing real servers fail the build. */
    static final String MODE_VARIABLE = "FTPFLUX_INTEROP";

    /** The value of {@value #MODE_VARIABLE} that makes missing real servers a failure, as CI sets it. */
    static final String REQUIRED = "required";

    /** The size of the large-file check, in MiB, in the cells that do not move the full size. */
    static final long REDUCED_LARGE_FILE_MIB = 8;

    private static final long MIB = 1024 * 1024;

    private InteropSettings() {
    }

    /** Whether missing real servers fail the suite instead of skipping it. */
    static boolean serversRequired() {
        String mode = System.getenv(MODE_VARIABLE);
        return mode != null && mode.trim().toLowerCase(Locale.ROOT).equals(REQUIRED);
    }

    /** The state directory of {@code scripts/servers/servers.sh}: the TLS certificate and the unpacked packages. */
    static Path serversDirectory() {
        return Path.of(System.getProperty("ftpflux.interop.serversDir", "../.ftpflux/servers"));
    }

    /** The certificate the real servers present (self-signed, for localhost, 127.0.0.1 and ::1). */
    static Path serverCertificate() {
        return serversDirectory().resolve("tls").resolve("server.crt");
    }

    /** The control port of a real server. */
    static int port(Server server) {
        String name = Objects.requireNonNull(server.scriptName(), "only the real servers have configured ports");
        String fallback = switch (server) {
            case VSFTPD -> "2121";
            case PROFTPD -> "2122";
            case PURE_FTPD -> "2123";
            case MINA -> throw new IllegalArgumentException("MINA listens on an ephemeral port");
        };
        return Integer.parseInt(System.getProperty("ftpflux.interop." + name + ".port", fallback));
    }

    /** The configured size of the large file, in bytes; 0 when the large-file check is switched off. */
    static long largeFileBytes() {
        return Long.parseLong(System.getProperty("ftpflux.interop.largeFileMiB", "100")) * MIB;
    }

    /**
     * The size of the large file in a cell: the configured size where {@link Cell#fullSizeLargeFile()}, else at most
     * {@value #REDUCED_LARGE_FILE_MIB} MiB.
     */
    static long largeFileBytes(Cell cell) {
        long configured = largeFileBytes();
        return cell.fullSizeLargeFile() ? configured : Math.min(configured, REDUCED_LARGE_FILE_MIB * MIB);
    }

    /** The version of the embedded MINA FtpServer, from the build. */
    static String minaVersion() {
        return System.getProperty("ftpflux.interop.minaVersion", "unknown");
    }

    /** Where the result table is written. */
    static Path resultsFile() {
        return Path.of(System.getProperty("ftpflux.interop.results", "target/interop/results.md"));
    }

    /** Where local test files are made. */
    static Path scratchDirectory() {
        return Path.of(System.getProperty("ftpflux.interop.scratch", "target/interop/files"));
    }
}
