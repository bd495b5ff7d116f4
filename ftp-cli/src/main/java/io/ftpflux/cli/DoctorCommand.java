package io.ftpflux.cli;

import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.feature.Features;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.address.PassiveAddress;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.ListingOptions;
import io.ftpflux.core.listing.ListingParsers;
import io.ftpflux.core.listing.ListingReader;
import io.ftpflux.core.command.StandardVerb;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.reactive.DataConnectionMode;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpTls;
import io.ftpflux.reactive.event.FtpEvent;
import io.ftpflux.reactive.event.FtpEventListener;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ftpflux doctor URL}: probes a server, one capability at a time, and prints a configuration that works with
 * it. A probe that fails is reported and the next one runs; only a failed login ends the run, since nothing else
 * can be probed without one.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Probe a server (greeting, SYST, FEAT, EPSV/PASV, listings and their format, SIZE/MDTM, clock skew, TLS"
                + " and its certificate) and print a working configuration.")
final class DoctorCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "URL", description = "The server, and a directory to list.")
    FtpUrl url;

    /** The clock skew beyond which a server's times are flagged: more than a transfer's usual duration. */
    static final long SKEW_LIMIT_SECONDS = 120;

    /** One probe's outcome. */
    private record Finding(String name, boolean ok, String detail) {
    }

    private final List<Finding> findings = new ArrayList<>();

    @Override
    public Integer call() {
        long start = System.nanoTime();
        FtpClient client = connector().client(url);
        BlockingFtpSession session = Connector.blocking(client).connect();
        findings.add(new Finding("login", true, String.format(Locale.ROOT,
                "connected to %s port %d and logged in as %s (%d ms)", url.host(), url.port(),
                url.user() == null ? "the configured or anonymous user" : url.user(),
                (System.nanoTime() - start) / 1_000_000)));
        boolean passiveWorks;
        boolean activeWorks;
        boolean tlsWorks;
        try (session) {
            Features features = session.features();
            findings.add(new Finding("greeting", true, reply(session.greeting())));
            probe("SYST", () -> reply(session.execute(FtpCommands.syst())));
            findings.add(new Finding("FEAT", !features.isEmpty(),
                    features.isEmpty() ? "no features announced (FEAT refused or empty)" : String.join(", ", features.names())));
            probe("EPSV", () -> {
                PassiveAddress epsv = PassiveAddress.parseEpsvReply(session.execute(FtpCommands.epsv()));
                return "works: data port " + epsv.port() + " on the control host";
            });
            probe("PASV", () -> pasv(session.execute(FtpCommands.pasv())));
            passiveWorks = probe("passive listing", () -> listing(client, DataConnectionMode.PASSIVE, features));
            activeWorks = probe("active listing", () -> listing(client, DataConnectionMode.ACTIVE, features));
            probe("SIZE/MDTM on file", () -> session.list(remotePath(url)).stream()
                    .filter(entry -> entry.type() == EntryType.FILE)
                    .findFirst()
                    .map(file -> sizeAndTime(session, child(remotePath(url), file.name())))
                    .orElse("no file in " + remotePath(url) + " to ask about"));
            probe("listing format", () -> listingFormat(session.list(remotePath(url)), features.supportsMlsd(),
                    client.listingOptions()));
            findings.add(clockSkew(session));
            findings.add(new Finding("UTF-8 names", features.supportsUtf8(),
                    features.supportsUtf8() ? "UTF8 announced; OPTS UTF8 ON sent" : "UTF8 not announced"));
            findings.add(new Finding("MLSD/MLST", features.supportsMlst(),
                    features.supportsMlst() ? "MLST facts: " + features.mlstFacts() : "not announced; LIST is parsed"));
            findings.add(new Finding("REST STREAM", features.supportsRestStream(),
                    features.supportsRestStream() ? "resume (get -c, put -c) works" : "not announced; put -c uses APPE"));
            findings.add(new Finding("SIZE/MDTM", features.supportsSize() && features.supportsMdtm(),
                    "SIZE " + (features.supportsSize() ? "yes" : "no") + ", MDTM "
                            + (features.supportsMdtm() ? "yes" : "no")));
            if (client.tls() == null && !features.supportsAuth("TLS")) {
                findings.add(new Finding("TLS", false, "AUTH TLS not offered: plain FTP only"));
                tlsWorks = false;
            } else {
                tlsWorks = probe("TLS", () -> tls(client));
            }
        }
        findings.forEach(finding -> out().printf("[%s] %-17s %s%n", finding.ok() ? " ok " : "FAIL", finding.name(),
                SafeNames.printable(finding.detail())));
        out().println();
        out().println("Working configuration:");
        String mode = passiveWorks ? "" : activeWorks ? " --active" : "";
        // A plain URL whose server passed the explicit TLS probe is better used with ftpes://.
        FtpUrl recommended = url.scheme() == FtpUrl.Scheme.FTP && tlsWorks
                ? new FtpUrl(FtpUrl.Scheme.FTPES, url.user(), null, url.host(), url.port(), url.path())
                : url;
        String trust = recommended.scheme() == FtpUrl.Scheme.FTP ? ""
                : connection.insecure ? " --insecure" : connection.caFile != null ? " --ca-file " + connection.caFile : "";
        out().println("  ftpflux ls" + mode + trust + " " + recommended
                + (passiveWorks || activeWorks ? "" : "   (no data connection worked: see above)"));
        out().flush();
        return ExitCodes.OK;
    }

    private boolean probe(String name, Callable<String> probe) {
        try {
            findings.add(new Finding(name, true, probe.call()));
            return true;
        } catch (Exception failure) {
            findings.add(new Finding(name, false, ExitCodes.describe(failure)));
            return false;
        }
    }

    /** Lists the URL's directory over a fresh session in one data connection mode. */
    private String listing(FtpClient client, DataConnectionMode mode, Features features) {
        long start = System.nanoTime();
        List<FtpEntry> entries;
        try (BlockingFtpSession probe = Connector.blocking(client.mutate().dataConnectionMode(mode).build()).connect()) {
            entries = probe.list(remotePath(url));
        }
        return String.format(Locale.ROOT, "listed %s: %d entries in %d ms (%s)", remotePath(url), entries.size(),
                (System.nanoTime() - start) / 1_000_000, features.supportsMlsd() ? "MLSD" : "LIST");
    }

    /**
     * Probes FTPS (RFC 4217): over the URL's own TLS, or explicit TLS when a plain server offers AUTH TLS; a fresh
     * session lists the directory so that a data connection shows PROT P and whether its TLS session resumed the
     * control connection's.
     */
    private String tls(FtpClient client) {
        FtpClient secured = client.tls() != null ? client : client.mutate().tls(FtpTls.explicit()).build();
        List<FtpEvent.TlsDetails> handshakes = new CopyOnWriteArrayList<>();
        FtpEventListener previous = secured.eventListener();
        FtpClient listening = secured.mutate().eventListener(event -> {
            previous.onEvent(event);
            if (event.type() == FtpEvent.Type.TLS_HANDSHAKE && event.tls() != null) {
                handshakes.add(event.tls());
            }
        }).build();
        try (BlockingFtpSession session = Connector.blocking(listening).connect()) {
            session.list(remotePath(url));
        }
        if (handshakes.isEmpty()) {
            throw new IllegalStateException("no TLS handshake was reported");
        }
        FtpEvent.TlsDetails control = handshakes.get(0);
        String data = handshakes.size() < 2 ? "the data connection was not protected"
                : "PROT P data connection, TLS session " + (handshakes.get(1).resumed() ? "resumed" : "NOT resumed");
        return (client.tls() == null ? "explicit TLS (AUTH TLS) works: " : "") + control.protocol() + ", "
                + control.cipherSuite() + "; " + data + "; " + certificate(control.peerCertificate(),
                        connection.insecure ? null : connection.caFile != null ? "--ca-file " + connection.caFile
                                : "the JDK's trusted authorities", Instant.now());
    }

    /**
     * Describes the server's certificate: subject, issuer, expiry, and what verified it.
     *
     * @param certificate the server's own certificate, or {@code null} if it presented none
     * @param verifiedBy what the handshake verified it against, or {@code null} when every certificate is trusted
     * @param now the current time, to tell an expired certificate
     * @return a phrase for the TLS finding
     */
    static String certificate(@Nullable X509Certificate certificate, @Nullable String verifiedBy, Instant now) {
        if (certificate == null) {
            return "the server presented no X.509 certificate";
        }
        Instant notAfter = certificate.getNotAfter().toInstant();
        return "certificate " + certificate.getSubjectX500Principal().getName() + ", issued by "
                + certificate.getIssuerX500Principal().getName() + ", valid until "
                + DateTimeFormatter.ISO_LOCAL_DATE.format(notAfter.atOffset(ZoneOffset.UTC))
                + (notAfter.isBefore(now) ? " (EXPIRED)" : "") + ", "
                + (verifiedBy == null ? "NOT verified (--insecure trusts any certificate)" : "verified against " + verifiedBy);
    }

    /**
     * Names the format of a listing: MLSD (RFC 3659 §7), or the LIST format the autodetecting parser recognised in
     * the listing's raw lines, read again as the session read them.
     */
    static String listingFormat(List<FtpEntry> entries, boolean mlsd, ListingOptions options) {
        if (entries.isEmpty()) {
            return "unknown: the directory is empty, so there is no line to recognise";
        }
        ListingReader reader = new ListingReader(ListingParsers.autodetect(options),
                mlsd ? StandardVerb.MLSD : StandardVerb.LIST, StandardCharsets.UTF_8);
        for (FtpEntry entry : entries) {
            reader.feed((entry.rawLine() + "\n").getBytes(StandardCharsets.UTF_8), ignored -> { });
        }
        reader.finish(ignored -> { });
        String format = reader.detectedFormat();
        if (format == null) {
            return "LIST, in no known format: " + entries.size() + " lines are listed unparsed";
        }
        return format.equals("mlsd") ? "MLSD (RFC 3659 facts; no LIST format to guess)"
                : "LIST in " + format.toUpperCase(Locale.ROOT) + " format (autodetected)";
    }

    /**
     * Measures the server's clock: uploads a small file, asks its MDTM (RFC 3659 §3) and compares it with the local
     * clock at upload time; the file is deleted afterwards. An existing file's time says nothing of the clock, so
     * a refused upload leaves the skew unknown.
     */
    private Finding clockSkew(BlockingFtpSession session) {
        String probeFile = child(remotePath(url), ".ftpflux-doctor-" + UUID.randomUUID() + ".tmp");
        Instant local;
        try {
            Instant before = Instant.now();
            session.upload(probeFile, new ByteArrayInputStream("ftpflux doctor\n".getBytes(StandardCharsets.US_ASCII)));
            Instant after = Instant.now();
            local = before.plus(Duration.between(before, after).dividedBy(2));
        } catch (Exception refused) {
            return new Finding("clock skew", false, "unknown: could not create a file in " + remotePath(url) + " ("
                    + ExitCodes.describe(refused) + ")");
        }
        String cleanup = "";
        Finding finding;
        try {
            Instant server = session.modificationTime(probeFile);
            long skew = Math.round(Duration.between(local, server).toMillis() / 1000.0);
            finding = new Finding("clock skew", Math.abs(skew) <= SKEW_LIMIT_SECONDS, describeSkew(skew));
        } catch (Exception failure) {
            finding = new Finding("clock skew", false, "unknown: MDTM of the uploaded file failed ("
                    + ExitCodes.describe(failure) + ")");
        } finally {
            try {
                session.delete(probeFile);
            } catch (Exception failure) {
                cleanup = "; could not delete " + probeFile + " (" + ExitCodes.describe(failure) + ")";
            }
        }
        return new Finding(finding.name(), finding.ok(), finding.detail() + cleanup);
    }

    /**
     * Describes a clock skew measured through MDTM.
     *
     * @param seconds the server's time minus the local time
     * @return a sentence, with a warning beyond {@link #SKEW_LIMIT_SECONDS}
     */
    static String describeSkew(long seconds) {
        String measure = seconds == 0 ? "server clock agrees with the local clock"
                : String.format(Locale.ROOT, "server clock is %d s %s the local clock", Math.abs(seconds),
                        seconds > 0 ? "ahead of" : "behind");
        measure += " (MDTM of a file uploaded now)";
        if (Math.abs(seconds) <= SKEW_LIMIT_SECONDS) {
            return measure;
        }
        long offHours = Math.abs(seconds) % 3600;
        boolean wholeHours = Math.min(offHours, 3600 - offHours) <= SKEW_LIMIT_SECONDS;
        return measure + "; over 2 minutes: MDTM is UTC by RFC 3659 §2.3"
                + (wholeHours ? ", so a skew of whole hours usually means the server reports its local time" : "")
                + "; file times it reports are off by as much";
    }

    private static String sizeAndTime(BlockingFtpSession session, String file) {
        return file + ": SIZE " + session.size(file) + " bytes, MDTM " + session.modificationTime(file);
    }

    private String pasv(FtpReply reply) throws UnknownHostException {
        PassiveAddress pasv = PassiveAddress.parsePasvReply(reply);
        String controlAddress = InetAddress.getByName(url.host()).getHostAddress();
        String announced = pasv.announcedHost();
        if (announced == null || !pasv.hostDiffersFrom(controlAddress)) {
            return "works: data port " + pasv.port() + " on " + announced + ", the control host";
        }
        return "names " + announced + " instead of the control host " + controlAddress
                + " (a server behind NAT, or a hostile one); ftpflux ignores that address and connects to the"
                + " control host, port " + pasv.port();
    }

    private static String reply(FtpReply reply) {
        return reply.code().value() + " " + reply.text();
    }
}
