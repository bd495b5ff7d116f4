package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.ListingOptions;
import io.ftpflux.testkit.tls.LocalhostCertificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The doctor's report of a listing's format and of the server's clock skew. */
class DoctorCommandTest {

    private static final ListingOptions OPTIONS = ListingOptions.defaults();

    private static FtpEntry line(String rawLine) {
        return FtpEntry.builder("x", EntryType.FILE).rawLine(rawLine).build();
    }

    @Test
    void recognisesTheListFormatOfRawLines() {
        assertThat(DoctorCommand.listingFormat(List.of(line("total 1"),
                line("-rw-r--r--   1 ftp  ftp  1024 Mar  1  2024 report.pdf")), false, OPTIONS))
                .isEqualTo("LIST in UNIX format (autodetected)");
        assertThat(DoctorCommand.listingFormat(List.of(line("03-01-24  12:34PM                 1024 report.pdf")), false, OPTIONS))
                .isEqualTo("LIST in DOS format (autodetected)");
        assertThat(DoctorCommand.listingFormat(List.of(line("+i8388621.48594,m825718503,r,s280,\treport.pdf")), false, OPTIONS))
                .isEqualTo("LIST in EPLF format (autodetected)");
        assertThat(DoctorCommand.listingFormat(List.of(
                line("FILE.TXT;1          2/4     12-JAN-2024 10:23:45  [GROUP,OWNER]   (RWED,RWED,RE,)")), false, OPTIONS))
                .isEqualTo("LIST in VMS format (autodetected)");
        assertThat(DoctorCommand.listingFormat(List.of(
                line("Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname"),
                line("WYNK01 3390   2024/01/12  1   15  FB      80  6160  PS  DATA.SET.NAME")), false, OPTIONS))
                .isEqualTo("LIST in MVS format (autodetected)");
    }

    @Test
    void namesMlsdAndTheCasesWithoutAFormat() {
        assertThat(DoctorCommand.listingFormat(List.of(line("type=file;size=3; f")), true, OPTIONS)).startsWith("MLSD");
        assertThat(DoctorCommand.listingFormat(List.of(), false, OPTIONS)).startsWith("unknown: the directory is empty");
        assertThat(DoctorCommand.listingFormat(List.of(line("what is this"), line("nothing known")), false, OPTIONS))
                .isEqualTo("LIST, in no known format: 2 lines are listed unparsed");
    }

    @Test
    void describesTheSkewAndFlagsItBeyondTwoMinutes() {
        assertThat(DoctorCommand.describeSkew(0)).startsWith("server clock agrees with the local clock");
        assertThat(DoctorCommand.describeSkew(-3)).startsWith("server clock is 3 s behind the local clock")
                .doesNotContain("over 2 minutes");
        assertThat(DoctorCommand.describeSkew(120)).doesNotContain("over 2 minutes");
        assertThat(DoctorCommand.describeSkew(121)).contains("121 s ahead of", "over 2 minutes", "MDTM is UTC")
                .doesNotContain("whole hours");
        assertThat(DoctorCommand.describeSkew(-3600 - 2)).contains("3602 s behind", "over 2 minutes",
                "a skew of whole hours usually means the server reports its local time");
        assertThat(DoctorCommand.describeSkew(2 * 3600 - 30)).contains("whole hours");
        assertThat(DoctorCommand.describeSkew(1800)).doesNotContain("whole hours");
    }

    @Test
    void describesTheServerCertificateAndHowItWasVerified() {
        X509Certificate certificate = LocalhostCertificate.certificate();
        Instant notAfter = certificate.getNotAfter().toInstant();
        String valid = DoctorCommand.certificate(certificate, "--ca-file ca.pem", notAfter.minusSeconds(1));
        assertThat(valid).startsWith("certificate CN=localhost, issued by CN=localhost, valid until ")
                .endsWith(", verified against --ca-file ca.pem")
                .doesNotContain("EXPIRED");
        assertThat(DoctorCommand.certificate(certificate, null, notAfter.plusSeconds(1)))
                .contains("(EXPIRED)")
                .endsWith("NOT verified (--insecure trusts any certificate)");
        assertThat(DoctorCommand.certificate(null, "x", Instant.EPOCH)).isEqualTo("the server presented no X.509 certificate");
    }
}
