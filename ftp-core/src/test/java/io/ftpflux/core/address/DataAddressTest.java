package io.ftpflux.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpProtocolException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataAddressTest {

    @Test
    void keepsTheHostInCanonicalText() {
        assertThat(new DataAddress("::FFFF:10.0.0.1", 21).host()).isEqualTo("10.0.0.1");
        assertThat(new DataAddress("1080:0:0:0:8:800:200C:417A", 21).host()).isEqualTo("1080::8:800:200c:417a");
        assertThat(new DataAddress("fe80::1%eth0", 21).host()).isEqualTo("fe80::1%eth0");
        assertThat(new DataAddress("::ffff:10.0.0.1", 21)).isEqualTo(new DataAddress("10.0.0.1", 21));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp.example.com", "localhost", "", "1.2.3", "[::1]", "10.0.0.1:21"})
    void refusesAHostThatIsNotALiteral(String host) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DataAddress(host, 21))
                .withMessageContaining("IP address literal");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void refusesAPortOutOfRange(int port) {
        assertThatIllegalArgumentException().isThrownBy(() -> new DataAddress("127.0.0.1", port));
    }

    @Test
    void knowsItsFamily() {
        assertThat(new DataAddress("127.0.0.1", 21).family()).isEqualTo(AddressFamily.IPV4);
        assertThat(new DataAddress("::ffff:127.0.0.1", 21).family()).isEqualTo(AddressFamily.IPV4);
        assertThat(new DataAddress("::1", 21).family()).isEqualTo(AddressFamily.IPV6);
        assertThat(AddressFamily.IPV4.number()).isEqualTo(1);
        assertThat(AddressFamily.IPV6.number()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({
        "192.168.1.2, 5282, '192,168,1,2,20,162'",
        "127.0.0.1, 40000, '127,0,0,1,156,64'",
        "10.0.0.1, 1, '10,0,0,1,0,1'",
        "255.255.255.255, 65535, '255,255,255,255,255,255'",
        "::ffff:127.0.0.1, 1025, '127,0,0,1,4,1'"
    })
    void formatsPortArguments(String host, int port, String argument) {
        DataAddress address = new DataAddress(host, port);

        assertThat(address.portArgument()).isEqualTo(argument);
        assertThat(DataAddress.parsePortArgument(argument)).isEqualTo(address);
    }

    @Test
    void refusesToFormatIpv6AsPort() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new DataAddress("::1", 1025).portArgument())
                .withMessageContaining("EPRT")
                .withMessageContaining("::1");
    }

    @ParameterizedTest
    @CsvSource({
        // RFC 2428 §2 examples; IPv6 comes out in RFC 5952 lower case.
        "132.235.1.2, 6275, |1|132.235.1.2|6275|",
        "1080::8:800:200C:417A, 5282, |2|1080::8:800:200c:417a|5282|",
        "::1, 1025, |2|::1|1025|",
        "::ffff:127.0.0.1, 1025, |1|127.0.0.1|1025|",
        "fe80::1%eth0, 1025, |2|fe80::1|1025|"
    })
    void formatsEprtArguments(String host, int port, String argument) {
        DataAddress address = new DataAddress(host, port);

        assertThat(address.eprtArgument()).isEqualTo(argument);
        // The zone stays behind: the parsed address equals the address without it.
        assertThat(DataAddress.parseEprtArgument(argument)).isEqualTo(new DataAddress(host.replaceAll("%.*", ""), port));
    }

    @Test
    void takesAnInetAddressWithoutItsScope() throws UnknownHostException {
        byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
        Inet6Address scoped = Inet6Address.getByAddress(null, linkLocal, 3);
        byte[] mappedBytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 7};
        Inet6Address mapped = Inet6Address.getByAddress(null, mappedBytes, (NetworkInterface) null);

        assertThat(DataAddress.of(scoped, 2000)).isEqualTo(new DataAddress("fe80::1", 2000));
        assertThat(DataAddress.of(mapped, 2000)).isEqualTo(new DataAddress("10.0.0.7", 2000));
        assertThat(DataAddress.of(InetAddress.getByName("192.0.2.1"), 2000).portArgument())
                .isEqualTo("192,0,2,1,7,208");
    }

    @Test
    void toleratesSpacesAroundCommasInPortArguments() {
        assertThat(DataAddress.parsePortArgument("127, 0, 0, 1 ,4,1")).isEqualTo(new DataAddress("127.0.0.1", 1025));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " 127,0,0,1,4,1", "127,0,0,1,4,1 ", "(127,0,0,1,4,1)", "127,0,0,1,4", "127,0,0,1,4,1,2",
        "256,0,0,1,4,1", "127,0,0,1,256,1", "127,0,0,1,0,0", "127,0,0,1,4,-1", "127,0,0,1,4,1x",
        "0000000000001,0,0,1,4,1", "127,0,0,1,4,99999999999", "127,0,0,1,4,1,", "127,0,0,1,,4,1",
        "127.0.0.1,4,1", "a,b,c,d,e,f", "127,0,0,1,4,\u0661"
    })
    void refusesMalformedPortArguments(String argument) {
        assertThatThrownBy(() -> DataAddress.parsePortArgument(argument))
                .isInstanceOf(FtpProtocolException.class)
                .hasMessageContaining("PORT argument");
    }

    @ParameterizedTest
    @CsvSource({
        "!1!10.0.0.1!1025!, 10.0.0.1, 1025",
        "#2#::1#1025#, ::1, 1025",
        "~2~2001:DB8::1~65535~, 2001:db8::1, 65535",
        "|2|::ffff:10.0.0.1|1|, 10.0.0.1, 1"
    })
    void parsesEprtArgumentsWithAnyDelimiter(String argument, String host, int port) {
        assertThat(DataAddress.parseEprtArgument(argument)).isEqualTo(new DataAddress(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "|", "||||", "|1|1.2.3.4|5", "|1|1.2.3.4|5|x", " |1|1.2.3.4|5|", "|3|1.2.3.4|5|", "||1.2.3.4|5|",
        "|01|1.2.3.4|5|", "|1|::1|5|", "|2|1.2.3.4|5|", "|2|fe80::1%eth0|5|", "|1|1.2.3.4|0|", "|1|1.2.3.4|65536|",
        "|1|1.2.3.4|123456|", "|1|1.2.3.4||", "|1|1.2.3.4|-5|", "|1|1.2.3.4|+5|", "|1|1.2.3.4| 5|",
        "|1|host.example|21|", "1|1.2.3.4|5|", " 1 1.2.3.4 5 ", "\u00e91\u00e91.2.3.4\u00e95\u00e9", "|1|1.2.3.4|5|6|"
    })
    void refusesMalformedEprtArguments(String argument) {
        assertThatThrownBy(() -> DataAddress.parseEprtArgument(argument))
                .isInstanceOf(FtpProtocolException.class)
                .hasMessageContaining("EPRT argument");
    }

    @Test
    void showsHostAndPort() {
        assertThat(new DataAddress("127.0.0.1", 1025)).hasToString("127.0.0.1:1025");
        assertThat(new DataAddress("::1", 1025)).hasToString("[::1]:1025");
    }
}
