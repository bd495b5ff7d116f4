package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FtpUrlTest {

    @Test
    void aBareHostIsAnonymousPlainFtpOnPort21WithTheLoginDirectory() {
        FtpUrl url = FtpUrl.parse("ftp://ftp.example.com");
        assertThat(url).isEqualTo(new FtpUrl(FtpUrl.Scheme.FTP, null, null, "ftp.example.com", 21, ""));
        assertThat(FtpUrl.parse("ftp://ftp.example.com/").path()).isEmpty();
    }

    @Test
    void userPasswordPortAndPathArePercentDecodedAsUtf8() {
        FtpUrl url = FtpUrl.parse("ftp://al%40ice:p%3As+w%2Fd@host:2121/pub/caf%C3%A9%20menu.txt");
        assertThat(url.user()).isEqualTo("al@ice");
        assertThat(url.password()).isEqualTo("p:s+w/d");
        assertThat(url.port()).isEqualTo(2121);
        assertThat(url.path()).isEqualTo("pub/café menu.txt");
    }

    @Test
    void aDoubleSlashOrEncodedSlashMakesAnAbsolutePath() {
        assertThat(FtpUrl.parse("ftp://h//etc/motd").path()).isEqualTo("/etc/motd");
        assertThat(FtpUrl.parse("ftp://h/%2Fetc/motd").path()).isEqualTo("/etc/motd");
        assertThat(FtpUrl.parse("ftp://h/pub/a").path()).isEqualTo("pub/a");
    }

    @Test
    void ipv6LiteralsAreWrittenInBracketsAndKeptWithout() {
        FtpUrl url = FtpUrl.parse("ftp://[::1]:2121/x");
        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.port()).isEqualTo(2121);
        assertThat(FtpUrl.parse("ftp://user@[2001:db8::7]/").host()).isEqualTo("2001:db8::7");
        assertThat(url.toString()).isEqualTo("ftp://[::1]:2121/x");
    }

    @Test
    void theTlsSchemesHaveTheirOwnDefaultPorts() {
        assertThat(FtpUrl.parse("ftpes://h/").scheme()).isEqualTo(FtpUrl.Scheme.FTPES);
        assertThat(FtpUrl.parse("ftpes://h/").port()).isEqualTo(21);
        assertThat(FtpUrl.parse("FTPS://h/").scheme()).isEqualTo(FtpUrl.Scheme.FTPS);
        assertThat(FtpUrl.parse("ftps://h/").port()).isEqualTo(990);
        assertThat(FtpUrl.parse("ftps://h:9990/").port()).isEqualTo(9990);
    }

    @Test
    void theUrlAsShownNeverHoldsThePassword() {
        FtpUrl url = FtpUrl.parse("ftp://alice:s3cret@h/a");
        assertThat(url.toString()).isEqualTo("ftp://alice@h/a").doesNotContain("s3cret");
    }

    @Test
    void errorMessagesNeverEchoThePassword() {
        assertThatIllegalArgumentException().isThrownBy(() -> FtpUrl.parse("ftp://alice:s3cret@h:99999/"))
                .withMessageNotContaining("s3cret");
        assertThatIllegalArgumentException().isThrownBy(() -> FtpUrl.parse("ftp://alice:s3cret@/x"))
                .withMessageNotContaining("s3cret")
                .withMessageContaining("no host");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com/pub", "http://h/", "ftp://", "ftp:///pub", "ftp://h:0/", "ftp://h:65536/", "ftp://h:21x/",
        "ftp://[::1/", "ftp://::1/", "ftp://[::1]x/", "ftp://[127.0.0.1]/", "ftp://h/a%2", "ftp://h/a%zz",
        "ftp://h/a%FF", "ftp://@h/", "ftp://h/a?b", "ftp://h/a#b"})
    void malformedUrlsAreRefusedWithAReason(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> FtpUrl.parse(text)).withMessageNotContaining("null");
    }
}
