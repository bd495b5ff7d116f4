package io.ftpflux.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyCode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PassiveAddressTest {

    private static final PassiveAddressPolicy USE_CONTROL_HOST = PassiveAddressPolicy.DEFAULT;
    private static final PassiveAddressPolicy TRUST_ANNOUNCED = PassiveAddressPolicy.of(PassiveHostPolicy.TRUST_ANNOUNCED);
    private static final PassiveAddressPolicy REFUSE_MISMATCH = PassiveAddressPolicy.of(PassiveHostPolicy.REFUSE_MISMATCH);

    private static PassiveAddress pasv(String line) {
        return PassiveAddress.parsePasvReply(reply(line));
    }

    private static PassiveAddress epsv(String line) {
        return PassiveAddress.parseEpsvReply(reply(line));
    }

    private static FtpReply reply(String line) {
        return new FtpReply(ReplyCode.of(Integer.parseInt(line.substring(0, 3))), List.of(line));
    }

    @Nested
    class Pasv {

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            // Shapes real servers send (representative lines, not captures).
            "227 Entering Passive Mode (127,0,0,1,156,64).;127.0.0.1;40000", // vsftpd
            "227 Entering Passive Mode (127,0,0,1,195,149).;127.0.0.1;50069", // ProFTPD
            "227 Entering Passive Mode (127,0,0,1,117,48);127.0.0.1;30000", // Pure-FTPd
            "227 Entering Passive Mode (127,0,0,1,35,41);127.0.0.1;9001", // Apache MINA FtpServer
            "227 Entering Passive Mode (10,0,0,5,195,80).;10.0.0.5;50000", // IIS
            "227 Entering Passive Mode (192,168,1,10,201,12);192.168.1.10;51468", // FileZilla Server
            "227 =127,0,0,1,4,1;127.0.0.1;1025",
            "227 Entering Passive Mode 127,0,0,1,4,1;127.0.0.1;1025",
            "227 127,0,0,1,4,1;127.0.0.1;1025",
            "227 Entering Passive Mode (127,0,0,1,4,1). Welcome, version 2.;127.0.0.1;1025",
            "227 Passive mode 2 on (127,0,0,1,4,1);127.0.0.1;1025",
            // Lenient by choice: spaces around the numbers, zero-padding within three digits.
            "227 Entering Passive Mode ( 127, 0, 0, 1, 4, 1 );127.0.0.1;1025",
            "227 Entering Passive Mode (127 ,0 ,0 ,1 ,4 ,1);127.0.0.1;1025",
            "227 Entering Passive Mode (127,000,000,001,004,001);127.0.0.1;1025",
            "227 Entering Passive Mode (255,255,255,255,255,255);255.255.255.255;65535",
            "227 Entering Passive Mode (0,0,0,0,0,1);0.0.0.0;1"
        })
        void parsesRealServerShapes(String line, String host, int port) {
            assertThat(pasv(line)).isEqualTo(new PassiveAddress(host, port));
        }

        @Test
        void findsTheTupleInAMultiLineReply() {
            FtpReply reply = new FtpReply(ReplyCode.of(227),
                    List.of("227-Passive mode on", "227 Entering Passive Mode (127,0,0,1,4,1)"));

            assertThat(PassiveAddress.parsePasvReply(reply)).isEqualTo(new PassiveAddress("127.0.0.1", 1025));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "227 Entering Passive Mode (256,0,0,1,4,1)",
            "227 Entering Passive Mode (127,0,0,1,256,1)",
            "227 Entering Passive Mode (127,0,0,1,4,256)",
            "227 Entering Passive Mode (127,0,0,1,0,0)",
            "227 Entering Passive Mode (127,0,0,1,4,99999999999)",
            "227 Entering Passive Mode (99999999999,0,0,1,4,1)",
            "227 Entering Passive Mode (0000000000001,0,0,1,4,1)",
            "227 Entering Passive Mode (127,0,0,1,4,0001)",
            "227 Entering Passive Mode (127,0,0,1,4)",
            "227 Entering Passive Mode (127,0,0,1)",
            "227 Entering Passive Mode (127,0,0,1,4,1,7)",
            "227 Entering Passive Mode (127,0,0,1,4,1,)",
            "227 Entering Passive Mode (,127,0,0,1,4,1)",
            "227 Entering Passive Mode (127,0,0,1,,4,1)",
            "227 Entering Passive Mode (-1,0,0,1,4,1)",
            "227 Entering Passive Mode (127,0,0,1,4,-1)",
            "227 Entering Passive Mode (+127,0,0,1,4,1)",
            "227 Entering Passive Mode (127,0,0,1,4,1.5)",
            "227 Entering Passive Mode (1.5,0,0,1,4,1)",
            "227 Entering Passive Mode (127,0,0,1,4,1a)",
            "227 Entering Passive Mode (x127,0,0,1,4,1)",
            "227 Entering Passive Mode (127,0,0,1,4,a)",
            "227 Entering Passive Mode (127,0,0,1,4,\u0661)",
            "227 Entering Passive Mode (a,b,c,d,e,f)",
            "227 Entering Passive Mode (127.0.0.1:1025)",
            "227 Entering Passive Mode",
            "227 Entering Passive Mode ()",
            "227 ",
            "227"
        })
        void refusesHostileAndBrokenTuples(String line) {
            assertThatThrownBy(() -> pasv(line))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("227 reply");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "200 Entering Passive Mode (127,0,0,1,4,1)",
            "229 Entering Extended Passive Mode (|||6446|)",
            "500 PASV not understood",
            "425 Can't open passive connection"
        })
        void refusesAnotherReplyCode(String line) {
            assertThatThrownBy(() -> pasv(line))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("PASV expects a 227 reply");
        }

        @Test
        void quotesTheReplyWithoutControlCharactersOrEndlessText() {
            String junk = "227 \u001b[31m" + "x".repeat(10_000);

            assertThatThrownBy(() -> pasv(junk))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageNotContaining("\u001b")
                    .hasMessageEndingWith("...\"")
                    .message().hasSizeLessThan(300);
        }
    }

    @Nested
    class Epsv {

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "229 Entering Extended Passive Mode (|||6446|);6446", // RFC 2428 §3; vsftpd, ProFTPD, Pure-FTPd, IIS
            "229 Entering Extended Passive Mode (|||6446|).;6446",
            "229 Extended Passive mode OK (|||50000|);50000",
            "229 Entering Passive Mode (|||1|);1",
            "229 Entering Passive Mode (|||65535|);65535",
            "229 (!!!6446!);6446",
            "229 (###6446#);6446",
            "229 (~~~6446~);6446",
            "229 (aaa6446a);6446",
            "229 (...6446.);6446",
            "229 Entering Extended Passive Mode (|||06446|);6446"
        })
        void parsesThePortWithAnyDelimiter(String line, int port) {
            PassiveAddress address = epsv(line);

            assertThat(address.announcedHost()).isNull();
            assertThat(address.port()).isEqualTo(port);
            assertThat(address.namesHost()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "229 Entering Extended Passive Mode (|||0|)",
            "229 Entering Extended Passive Mode (|||65536|)",
            "229 Entering Extended Passive Mode (|||99999999999|)",
            "229 Entering Extended Passive Mode (|||000001|)",
            "229 Entering Extended Passive Mode (||||)",
            "229 Entering Extended Passive Mode (|||abc|)",
            "229 Entering Extended Passive Mode (|||-1|)",
            "229 Entering Extended Passive Mode (|||+1|)",
            "229 Entering Extended Passive Mode (||| 6446|)",
            "229 Entering Extended Passive Mode (|||6446)",
            "229 Entering Extended Passive Mode (|||6446|",
            "229 Entering Extended Passive Mode (|||6446|x)",
            "229 Entering Extended Passive Mode (|||6446",
            "229 Entering Extended Passive Mode (|1|127.0.0.1|6446|)",
            "229 Entering Extended Passive Mode (|2|::1|6446|)",
            "229 Entering Extended Passive Mode (||::1|6446|)",
            "229 Entering Extended Passive Mode (|1||6446|)",
            "229 Entering Extended Passive Mode (|!|6446|)",
            "229 Entering Extended Passive Mode (1116446 1)",
            "229 Entering Extended Passive Mode ( |||6446|)",
            "229 Entering Extended Passive Mode (\u00e9\u00e9\u00e96446\u00e9)",
            "229 Entering Extended Passive Mode (\t\t\t6446\t)",
            "229 Entering Extended Passive Mode |||6446|",
            "229 Entering Extended Passive Mode (",
            "229 Entering Extended Passive Mode ()",
            "229 "
        })
        void refusesBrokenAndHostileForms(String line) {
            assertThatThrownBy(() -> epsv(line))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("229 reply");
        }

        @ParameterizedTest
        @ValueSource(strings = {"227 Entering Passive Mode (127,0,0,1,4,1)", "500 EPSV not understood"})
        void refusesAnotherReplyCode(String line) {
            assertThatThrownBy(() -> epsv(line))
                    .isInstanceOf(FtpProtocolException.class)
                    .hasMessageContaining("EPSV expects a 229 reply");
        }

        @ParameterizedTest
        @EnumSource(PassiveHostPolicy.class)
        void alwaysResolvesToTheControlHost(PassiveHostPolicy hostPolicy) {
            PassiveAddress address = epsv("229 Entering Extended Passive Mode (|||6446|)");
            PassiveAddressPolicy policy = PassiveAddressPolicy.of(hostPolicy);

            assertThat(address.hostDiffersFrom("192.0.2.7")).isFalse();
            assertThat(address.resolve("192.0.2.7", policy)).isEqualTo(new DataAddress("192.0.2.7", 6446));
            assertThat(address.resolve("2001:db8::7", policy)).isEqualTo(new DataAddress("2001:db8::7", 6446));
            assertThat(address.resolve("fe80::1%eth0", policy).host()).isEqualTo("fe80::1%eth0");
        }
    }

    @Nested
    class Resolve {

        private final PassiveAddress foreign = pasv("227 Entering Passive Mode (10,0,0,1,4,1)");

        @Test
        void usesTheControlHostByDefault() {
            assertThat(foreign.hostDiffersFrom("127.0.0.1")).isTrue();
            assertThat(foreign.resolve("127.0.0.1", USE_CONTROL_HOST)).isEqualTo(new DataAddress("127.0.0.1", 1025));
        }

        @Test
        void usesTheAnnouncedHostWhenTrusted() {
            assertThat(foreign.resolve("127.0.0.1", TRUST_ANNOUNCED)).isEqualTo(new DataAddress("10.0.0.1", 1025));
        }

        @Test
        void refusesAMismatchWhenAskedTo() {
            assertThatThrownBy(() -> foreign.resolve("127.0.0.1", REFUSE_MISMATCH))
                    .isInstanceOf(FtpSecurityException.class)
                    .hasMessageContaining("10.0.0.1")
                    .hasMessageContaining("127.0.0.1")
                    .hasMessageContaining("REFUSE_MISMATCH");
        }

        @ParameterizedTest
        @EnumSource(PassiveHostPolicy.class)
        void acceptsTheControlHostItself(PassiveHostPolicy hostPolicy) {
            PassiveAddress own = pasv("227 Entering Passive Mode (127,0,0,1,4,1)");

            assertThat(own.hostDiffersFrom("127.0.0.1")).isFalse();
            assertThat(own.resolve("127.0.0.1", PassiveAddressPolicy.of(hostPolicy)))
                    .isEqualTo(new DataAddress("127.0.0.1", 1025));
        }

        @ParameterizedTest
        @ValueSource(strings = {"::ffff:127.0.0.1", "::FFFF:7f00:1", "0:0:0:0:0:ffff:127.0.0.1"})
        void equatesAnIpv4MappedControlHostWithTheAnnouncedIpv4(String controlHost) {
            PassiveAddress own = pasv("227 Entering Passive Mode (127,0,0,1,4,1)");

            assertThat(own.hostDiffersFrom(controlHost)).isFalse();
            assertThat(own.resolve(controlHost, REFUSE_MISMATCH)).isEqualTo(new DataAddress("127.0.0.1", 1025));
        }

        @Test
        void seesAnIpv6ControlHostAsAnotherHost() {
            PassiveAddress own = pasv("227 Entering Passive Mode (127,0,0,1,4,1)");

            assertThat(own.hostDiffersFrom("::1")).isTrue();
            assertThat(own.resolve("::1", USE_CONTROL_HOST)).isEqualTo(new DataAddress("::1", 1025));
            assertThatThrownBy(() -> own.resolve("::1", REFUSE_MISMATCH)).isInstanceOf(FtpSecurityException.class);
        }

        @ParameterizedTest
        @EnumSource(PassiveHostPolicy.class)
        void takesTheUnspecifiedAddressAsNoHost(PassiveHostPolicy hostPolicy) {
            // A server behind NAT that knows no public address often announces 0.0.0.0.
            PassiveAddress unspecified = pasv("227 Entering Passive Mode (0,0,0,0,156,64)");

            assertThat(unspecified.announcedHost()).isEqualTo("0.0.0.0");
            assertThat(unspecified.namesHost()).isFalse();
            assertThat(unspecified.hostDiffersFrom("192.0.2.7")).isFalse();
            assertThat(unspecified.resolve("192.0.2.7", PassiveAddressPolicy.of(hostPolicy)))
                    .isEqualTo(new DataAddress("192.0.2.7", 40000));
        }

        @ParameterizedTest
        @EnumSource(PassiveHostPolicy.class)
        void refusesPrivilegedPortsByDefault(PassiveHostPolicy hostPolicy) {
            PassiveAddress ssh = pasv("227 Entering Passive Mode (127,0,0,1,0,22)");

            assertThat(ssh.isPrivilegedPort()).isTrue();
            assertThatThrownBy(() -> ssh.resolve("127.0.0.1", PassiveAddressPolicy.of(hostPolicy)))
                    .isInstanceOf(FtpSecurityException.class)
                    .hasMessageContaining("port 22");
        }

        @Test
        void acceptsPrivilegedPortsWhenAllowed() {
            PassiveAddress ftpData = pasv("227 Entering Passive Mode (127,0,0,1,0,20)");
            PassiveAddressPolicy allowing = PassiveAddressPolicy.DEFAULT.withPrivilegedPortsAllowed(true);

            assertThat(allowing).isEqualTo(new PassiveAddressPolicy(PassiveHostPolicy.USE_CONTROL_HOST, true));
            assertThat(ftpData.resolve("127.0.0.1", allowing)).isEqualTo(new DataAddress("127.0.0.1", 20));
            assertThat(allowing.withPrivilegedPortsAllowed(false)).isEqualTo(PassiveAddressPolicy.DEFAULT);
        }

        @Test
        void drawsThePrivilegedLineAt1024() {
            assertThat(new PassiveAddress("127.0.0.1", 1023).isPrivilegedPort()).isTrue();
            assertThat(new PassiveAddress("127.0.0.1", 1024).isPrivilegedPort()).isFalse();
            assertThat(new PassiveAddress(null, 1).isPrivilegedPort()).isTrue();
            assertThatThrownBy(() -> epsv("229 (|||1023|)").resolve("127.0.0.1", PassiveAddressPolicy.DEFAULT))
                    .isInstanceOf(FtpSecurityException.class);
            assertThat(epsv("229 (|||1024|)").resolve("127.0.0.1", PassiveAddressPolicy.DEFAULT))
                    .isEqualTo(new DataAddress("127.0.0.1", 1024));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp.example.com", "localhost", "", "[::1]"})
        void refusesAControlHostThatIsNotALiteral(String controlHost) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> foreign.resolve(controlHost, USE_CONTROL_HOST))
                    .withMessageContaining("no DNS lookup");
            assertThatIllegalArgumentException().isThrownBy(() -> foreign.hostDiffersFrom(controlHost));
        }
    }

    @Test
    void validatesDirectConstruction() {
        assertThat(new PassiveAddress("::ffff:10.0.0.1", 2000).announcedHost()).isEqualTo("10.0.0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> new PassiveAddress("ftp.example.com", 2000));
        assertThatIllegalArgumentException().isThrownBy(() -> new PassiveAddress("10.0.0.1", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new PassiveAddress(null, 65536));
        assertThatThrownBy(() -> new PassiveAddressPolicy(null, false)).isInstanceOf(NullPointerException.class);
    }
}
