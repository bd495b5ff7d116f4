package io.ftpflux.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyCode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeaturesTest {

    private static Features feat(String... lines) {
        return Features.parse(new FtpReply(ReplyCode.of(Integer.parseInt(lines[0].substring(0, 3))), List.of(lines)));
    }

    private static FeatureOption selected(String name) {
        return new FeatureOption(name, true);
    }

    private static FeatureOption plain(String name) {
        return new FeatureOption(name, false);
    }

    /**
     * FEAT replies in the shapes these servers send with TLS enabled. They are representative examples written
     * for these tests from the servers' usual output, not captures; exact lists vary with version and
     * configuration.
     */
    @Nested
    class RealServers {

        @Test
        void vsftpd303() {
            Features features = feat(
                    "211-Features:",
                    " AUTH SSL",
                    " AUTH TLS",
                    " EPRT",
                    " EPSV",
                    " MDTM",
                    " PASV",
                    " PBSZ",
                    " PROT",
                    " REST STREAM",
                    " SIZE",
                    " TVFS",
                    " UTF8",
                    "211 End");

            assertThat(features.names()).containsExactly(
                    "AUTH", "EPRT", "EPSV", "MDTM", "PASV", "PBSZ", "PROT", "REST", "SIZE", "TVFS", "UTF8");
            assertThat(features.features()).hasSize(12);
            assertThat(features.authMechanisms()).containsExactly("SSL", "TLS");
            assertThat(features.supportsAuth("tls")).isTrue();
            assertThat(features.supportsUtf8()).isTrue();
            assertThat(features.supportsEpsv()).isTrue();
            assertThat(features.supportsEprt()).isTrue();
            assertThat(features.supportsRestStream()).isTrue();
            assertThat(features.supportsSize()).isTrue();
            assertThat(features.supportsMdtm()).isTrue();
            assertThat(features.supportsTvfs()).isTrue();
            assertThat(features.supportsPbsz()).isTrue();
            assertThat(features.supportsProt()).isTrue();
            // vsftpd has no MLSD, MFMT, HOST or CLNT.
            assertThat(features.supportsMlst()).isFalse();
            assertThat(features.supportsMlsd()).isFalse();
            assertThat(features.mlstFacts()).isEmpty();
            assertThat(features.supportsMfmt()).isFalse();
            assertThat(features.supportsHost()).isFalse();
            assertThat(features.supportsClnt()).isFalse();
            assertThat(features.langs()).isEmpty();
            assertThat(features.hashAlgorithms()).isEmpty();
        }

        @Test
        void proftpd138() {
            Features features = feat(
                    "211-Features:",
                    " LANG en-US*",
                    " MFMT",
                    " AUTH TLS",
                    " MFF modify;UNIX.group;UNIX.mode;",
                    " MLST modify*;perm*;size*;type*;unique*;UNIX.group*;UNIX.groupname*;UNIX.mode*;UNIX.owner*;"
                            + "UNIX.ownername*;",
                    " PBSZ",
                    " PROT",
                    " UTF8",
                    " EPRT",
                    " EPSV",
                    " MODE Z",
                    " SITE MKDIR",
                    " SITE UTIME",
                    " SITE RMDIR",
                    " SITE COPY",
                    " SITE SYMLINK",
                    " CCC",
                    " MDTM",
                    " SIZE",
                    " SSCN",
                    " TVFS",
                    " HOST",
                    " REST STREAM",
                    " CLNT",
                    "211 End");

            assertThat(features.langs()).containsExactly(selected("en-US"));
            assertThat(features.mlstFacts()).extracting(FeatureOption::name).containsExactly(
                    "modify", "perm", "size", "type", "unique", "UNIX.group", "UNIX.groupname", "UNIX.mode",
                    "UNIX.owner", "UNIX.ownername");
            assertThat(features.mlstFacts()).allMatch(FeatureOption::selected);
            assertThat(features.supportsMff()).isTrue();
            assertThat(features.parameters("MFF")).contains("modify;UNIX.group;UNIX.mode;");
            assertThat(features.supportsModeZ()).isTrue();
            assertThat(features.supportsCcc()).isTrue();
            assertThat(features.supportsHost()).isTrue();
            assertThat(features.supportsClnt()).isTrue();
            assertThat(features.supportsMfmt()).isTrue();
            assertThat(features.authMechanisms()).containsExactly("TLS");
            // SITE appears five times: one name, every line kept.
            assertThat(features.names()).containsOnlyOnce("SITE");
            assertThat(features.parameters("site")).contains("MKDIR");
            assertThat(features.features())
                    .filteredOn(feature -> feature.name().equals("SITE"))
                    .extracting(Feature::parameters)
                    .containsExactly("MKDIR", "UTIME", "RMDIR", "COPY", "SYMLINK");
        }

        @Test
        void pureFtpd1050() {
            Features features = feat(
                    "211-Extensions supported:",
                    " UTF8",
                    " EPRT",
                    " IDLE",
                    " MDTM",
                    " SIZE",
                    " MFMT",
                    " REST STREAM",
                    " MLST type*;size*;sizd*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;",
                    " MLSD",
                    " PRET",
                    " AUTH TLS",
                    " PBSZ",
                    " PROT",
                    " TVFS",
                    " ESTA",
                    " PASV",
                    " EPSV",
                    " ESTP",
                    "211 End.");

            // The first line is a heading, not a feature.
            assertThat(features.has("Extensions")).isFalse();
            assertThat(features.features()).hasSize(18);
            assertThat(features.mlstFacts()).containsExactly(
                    selected("type"), selected("size"), selected("sizd"), selected("modify"), selected("UNIX.mode"),
                    selected("UNIX.uid"), selected("UNIX.gid"), selected("unique"));
            assertThat(features.supportsMlst()).isTrue();
            assertThat(features.supportsMlsd()).isTrue();
            assertThat(features.has("ESTP")).isTrue();
            assertThat(features.parameters("ESTP")).contains("");
        }

        @Test
        void apacheMinaFtpServer12() {
            Features features = feat(
                    "211-Extensions supported",
                    " SIZE",
                    " MDTM",
                    " REST STREAM",
                    " LANG en;zh-tw;ja;is",
                    " MLST Size;Modify;Type;Perm",
                    " AUTH SSL",
                    " AUTH TLS",
                    " MODE Z",
                    " UTF8",
                    " TVFS",
                    " MD5",
                    " MMD5",
                    " MFMT",
                    "211 End");

            // MINA lists its facts without '*' and capitalised; facts compare ignoring case.
            assertThat(features.mlstFacts()).containsExactly(
                    plain("Size"), plain("Modify"), plain("Type"), plain("Perm"));
            assertThat(features.mlstFacts().get(0).is("size")).isTrue();
            assertThat(features.langs()).containsExactly(plain("en"), plain("zh-tw"), plain("ja"), plain("is"));
            assertThat(features.authMechanisms()).containsExactly("SSL", "TLS");
            assertThat(features.supportsModeZ()).isTrue();
            assertThat(features.has("md5")).isTrue();
            assertThat(features.supportsEpsv()).isFalse();
            assertThat(features.supportsPbsz()).isFalse();
        }

        @Test
        void fileZillaServer() {
            Features features = feat(
                    "211-Features:",
                    " MDTM",
                    " REST STREAM",
                    " SIZE",
                    " MODE Z",
                    " MLST type*;size*;modify*;",
                    " MLSD",
                    " AUTH SSL",
                    " AUTH TLS",
                    " PROT",
                    " PBSZ",
                    " UTF8",
                    " CLNT",
                    " MFMT",
                    " EPSV",
                    " EPRT",
                    "211 End");

            assertThat(features.mlstFacts()).containsExactly(selected("type"), selected("size"), selected("modify"));
            assertThat(features.supportsMlsd()).isTrue();
            assertThat(features.supportsClnt()).isTrue();
            assertThat(features.supportsModeZ()).isTrue();
            assertThat(features.supportsAuth("SSL")).isTrue();
        }

        @Test
        void iis() {
            Features features = feat(
                    "211-Extended features supported:",
                    " LANG EN*",
                    " UTF8",
                    " AUTH TLS;TLS-C;SSL;TLS-P;",
                    " PBSZ",
                    " PROT C;P;",
                    " CCC",
                    " HOST",
                    " SIZE",
                    " MDTM",
                    " REST STREAM",
                    "211 END");

            assertThat(features.authMechanisms()).containsExactly("TLS", "TLS-C", "SSL", "TLS-P");
            assertThat(features.supportsAuth("tls-c")).isTrue();
            assertThat(features.supportsAuth("GSSAPI")).isFalse();
            assertThat(features.langs()).containsExactly(selected("EN"));
            assertThat(features.parameters("PROT")).contains("C;P;");
            assertThat(features.supportsHost()).isTrue();
            assertThat(features.supportsCcc()).isTrue();
            assertThat(features.supportsRestStream()).isTrue();
            assertThat(features.supportsEpsv()).isFalse();
        }
    }

    @Nested
    class OddReplies {

        @Test
        void readsLinesWithoutTheLeadingSpace() {
            Features features = feat("211-Features:", "UTF8", "REST STREAM", "  EPSV", "211 End");

            assertThat(features.names()).containsExactly("UTF8", "REST", "EPSV");
            assertThat(features.supportsRestStream()).isTrue();
        }

        @Test
        void ignoresTheCaseOfNamesAndKeepsTheCaseOfParameters() {
            Features features = feat("211-Features:", " utf8", " Mlst Type*;Size*;UNIX.mode;", " rest stream", "211 End");

            assertThat(features.supportsUtf8()).isTrue();
            assertThat(features.has("Utf8")).isTrue();
            assertThat(features.names()).containsExactly("UTF8", "MLST", "REST");
            assertThat(features.parameters("mLsT")).contains("Type*;Size*;UNIX.mode;");
            assertThat(features.mlstFacts()).containsExactly(selected("Type"), selected("Size"), plain("UNIX.mode"));
            assertThat(features.supportsRestStream()).isTrue();
        }

        @Test
        void readsTheRfc3659Example() {
            Features features = feat("211-Features:", " MLST type*;size*;modify*;perm;unique;UNIX.mode;", "211 End");

            assertThat(features.mlstFacts()).containsExactly(
                    selected("type"), selected("size"), selected("modify"), plain("perm"), plain("unique"),
                    plain("UNIX.mode"));
        }

        @Test
        void keepsDuplicateLinesAndMergesTheirOptions() {
            Features features = feat(
                    "211-Features:", " UTF8", " UTF8", " MLST type*;size;", " MLST SIZE*;modify;", " AUTH TLS",
                    " AUTH tls;SSL", "211 End");

            assertThat(features.features()).hasSize(6);
            assertThat(features.names()).containsExactly("UTF8", "MLST", "AUTH");
            assertThat(features.parameters("MLST")).contains("type*;size;");
            // The first mention of a fact wins, compared ignoring case.
            assertThat(features.mlstFacts()).containsExactly(selected("type"), plain("size"), plain("modify"));
            assertThat(features.authMechanisms()).containsExactly("TLS", "SSL");
        }

        @Test
        void acceptsEmptyParameterLists() {
            Features features = feat(
                    "211-Features:", " MLST", " LANG ;;", " HASH", " AUTH", " MLSD *;", " REST", "211 End");

            assertThat(features.supportsMlst()).isTrue();
            assertThat(features.mlstFacts()).isEmpty();
            assertThat(features.parameters("MLST")).contains("");
            assertThat(features.langs()).isEmpty();
            assertThat(features.hashAlgorithms()).isEmpty();
            assertThat(features.authMechanisms()).isEmpty();
            assertThat(features.supportsAuth("TLS")).isFalse();
            // REST alone does not promise stream-mode restarts (RFC 3659 §5).
            assertThat(features.supportsRestStream()).isFalse();
        }

        @Test
        void readsHashAlgorithmsWithTheSelectedOne() {
            Features features = feat("211-Features:", " HASH SHA-1;SHA-256*;SHA-512;MD5", "211 End");

            assertThat(features.hashAlgorithms()).containsExactly(
                    plain("SHA-1"), selected("SHA-256"), plain("SHA-512"), plain("MD5"));
        }

        @Test
        void toleratesOptionsWithSpacesAndStars() {
            Features features = feat("211-Features:", " LANG EN * ; FR ;de*", "211 End");

            assertThat(features.langs()).containsExactly(selected("EN"), plain("FR"), selected("de"));
        }

        @Test
        void readsTabsAndTrailingSpaces() {
            Features features = feat("211-Features:", "\tREST\tSTREAM  ", " SIZE   ", "211 End");

            assertThat(features.features()).containsExactly(new Feature("REST", "STREAM"), new Feature("SIZE", ""));
            assertThat(features.supportsRestStream()).isTrue();
        }

        @Test
        void dropsARepeatedReplyCodeAndSkipsBlankLines() {
            Features features = feat("211-Features:", "211-UTF8", "", "   ", "211-", " EPSV", "211 End");

            assertThat(features.features()).containsExactly(new Feature("UTF8", ""), new Feature("EPSV", ""));
        }

        @Test
        void keepsAnUnknownLineAsAFeature() {
            Features features = feat("211-Features:", " X-VENDOR some thing", " 12", "211 End");

            assertThat(features.features())
                    .containsExactly(new Feature("X-VENDOR", "some thing"), new Feature("12", ""));
        }

        @ParameterizedTest
        @ValueSource(strings = {"211 End", "211 no features", "211 No features supported", "211"})
        void readsASingleLineReplyAsNoFeatures(String line) {
            assertThat(feat(line)).isSameAs(Features.none());
        }

        @Test
        void readsAnEmptyListAsNoFeatures() {
            Features features = feat("211-Features:", "211 End");

            assertThat(features).isSameAs(Features.none());
            assertThat(features.isEmpty()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "500 'FEAT': command not understood",
            "502 Command not implemented",
            "530 Please login with USER and PASS",
            "550 Not allowed",
            "421 Service not available"
        })
        void readsARefusalAsNoFeatures(String line) {
            Features features = feat(line);

            assertThat(features).isSameAs(Features.none());
            assertThat(features.supportsUtf8()).isFalse();
            assertThat(features.names()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"200 OK", "214 Help", "150 Opening", "331 Password", "212 Directory status"})
        void refusesAnotherPositiveReply(String line) {
            assertThatThrownBy(() -> feat(line))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("211")
                    .hasMessageContaining(line);
        }

        @Test
        void quotesAnOversizedReplyShortly() {
            String line = "200 " + "x".repeat(5000);

            assertThatThrownBy(() -> feat(line))
                    .isInstanceOf(FtpProtocolException.class)
                    .message().hasSizeLessThan(200).endsWith("...\"");
        }
    }

    @Nested
    class Values {

        private final Features features = feat("211-Features:", " UTF8", " MLST type*;size;", " REST STREAM", "211 End");

        @Test
        void showsTheFeaturesAsListed() {
            assertThat(features).hasToString("Features[UTF8, MLST type*;size;, REST STREAM]");
            assertThat(Features.none()).hasToString("Features[]");
            assertThat(features.mlstFacts()).extracting(FeatureOption::toString).containsExactly("type*", "size");
        }

        @Test
        void equalsAnotherSetOfTheSameLines() {
            Features same = Features.of(List.of(
                    new Feature("utf8", ""), new Feature("MLST", "type*;size;"), new Feature("Rest", " STREAM ")));
            Features reordered = Features.of(List.of(
                    new Feature("REST", "STREAM"), new Feature("UTF8", ""), new Feature("MLST", "type*;size;")));

            assertThat(same).isEqualTo(features).hasSameHashCodeAs(features);
            assertThat(reordered).isNotEqualTo(features);
            assertThat(Features.of(List.of())).isSameAs(Features.none());
        }

        @Test
        void cannotBeChanged() {
            assertThatThrownBy(() -> features.features().add(new Feature("EPSV", "")))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> features.names().add("EPSV")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> features.mlstFacts().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> features.authMechanisms().add("TLS"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(features.supportsEpsv()).isFalse();
        }

        @Test
        void answersForAbsentFeatures() {
            assertThat(features.has("EPSV")).isFalse();
            assertThat(features.has("")).isFalse();
            assertThat(features.parameters("EPSV")).isEmpty();
            assertThat(features.parameters("UTF8")).contains("");
        }

        @Test
        void validatesItsParts() {
            assertThatIllegalArgumentException().isThrownBy(() -> new Feature("", ""));
            assertThatIllegalArgumentException().isThrownBy(() -> new Feature("REST STREAM", ""));
            assertThatIllegalArgumentException().isThrownBy(() -> new FeatureOption("", true));
            assertThat(new Feature("mdtm", "")).hasToString("MDTM");
            assertThat(new Feature("rest", "STREAM")).hasToString("REST STREAM");
        }

        @Test
        void upperCasesNamesWithoutTheDefaultLocale() {
            // In a Turkish default locale "utf8".toUpperCase() would not give "UTF8" for every letter ("i").
            Locale previous = Locale.getDefault();
            try {
                Locale.setDefault(Locale.forLanguageTag("tr-TR"));
                Features turkish = feat("211-Features:", " clnt", " size", "211 End");

                assertThat(turkish.names()).containsExactly("CLNT", "SIZE");
                assertThat(turkish.supportsClnt()).isTrue();
                assertThat(turkish.has("size")).isTrue();
            } finally {
                Locale.setDefault(previous);
            }
        }
    }
}
