package io.ftpflux.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1, IPV4",
        "0.0.0.0, 0.0.0.0, IPV4",
        "255.255.255.255, 255.255.255.255, IPV4",
        "::1, ::1, IPV6",
        "::, ::, IPV6",
        "0:0:0:0:0:0:0:0, ::, IPV6",
        "1080:0:0:0:8:800:200C:417A, 1080::8:800:200c:417a, IPV6",
        "1080::8:800:200C:417A, 1080::8:800:200c:417a, IPV6",
        // RFC 5952 §4.2.3: on a tie the first run of zeros is compressed.
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1, IPV6",
        // RFC 5952 §4.2.2: a single zero group is not compressed.
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1, IPV6",
        // RFC 5952 §4.2.1: the longest run wins.
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1, IPV6",
        "2001:0DB8::0001, 2001:db8::1, IPV6",
        "1::, 1::, IPV6",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8, IPV6",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0, IPV6",
        "::ffff:127.0.0.1, 127.0.0.1, IPV4",
        "::FFFF:7f00:1, 127.0.0.1, IPV4",
        "0:0:0:0:0:ffff:10.1.2.3, 10.1.2.3, IPV4",
        // The deprecated IPv4-compatible form is an IPv6 address like any other.
        "::127.0.0.1, ::7f00:1, IPV6",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221, IPV6"
    })
    void parsesLiteralsIntoCanonicalText(String text, String canonical, AddressFamily family) throws UnknownHostException {
        IpLiteral literal = IpLiteral.parse(text);

        assertThat(literal).isNotNull();
        assertThat(literal.text()).isEqualTo(canonical);
        assertThat(literal.wireText()).isEqualTo(canonical);
        assertThat(literal.family()).isEqualTo(family);
        // Same bytes as the JDK's own literal parser (safe here: every input is a literal).
        assertThat(literal.sameAddress(IpLiteral.of(InetAddress.getByName(text)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "localhost", "ftp.example.com", "example", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.256",
        "01.2.3.4", "1.2.3.04", "1..3.4", "1.2.3.", ".1.2.3", " 1.2.3.4", "1.2.3.4 ", "+1.2.3.4", "-1.2.3.4",
        "1.2.3.4%eth0", "1234.2.3.4", "0x7f.0.0.1", "\u0661.2.3.4", "127.1",
        ":", ":::", "1:::2", "1::2::3", ":1::", "::1:", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
        "::1:2:3:4:5:6:7:8", "12345::", "g::", "::1%", "::1%eth 0", "::1%eth|0", "::ffff:127.0.0.1%eth0",
        "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "::256.0.0.1", "::01.2.3.4", "[::1]", "::1 ", "fe80::\u0661"
    })
    void refusesWhatIsNotALiteral(String text) {
        assertThat(IpLiteral.parse(text)).isNull();
    }

    @Test
    void keepsAZoneForTheSocketButNotForTheWire() {
        IpLiteral literal = IpLiteral.parse("FE80::1%eth0");

        assertThat(literal).isNotNull();
        assertThat(literal.text()).isEqualTo("fe80::1%eth0");
        assertThat(literal.wireText()).isEqualTo("fe80::1");
        assertThat(literal.sameAddress(IpLiteral.parse("fe80::1"))).isTrue();
    }

    @Test
    void comparesMappedAddressesAsTheirIpv4Host() {
        IpLiteral ipv4 = IpLiteral.parse("127.0.0.1");
        IpLiteral mapped = IpLiteral.parse("::ffff:127.0.0.1");
        IpLiteral loopback6 = IpLiteral.parse("::1");

        assertThat(ipv4).isNotNull();
        assertThat(mapped).isNotNull();
        assertThat(loopback6).isNotNull();
        assertThat(mapped.sameAddress(ipv4)).isTrue();
        assertThat(loopback6.sameAddress(ipv4)).isFalse();
    }

    @Test
    void knowsTheUnspecifiedAddresses() {
        assertThat(IpLiteral.parse("0.0.0.0").isUnspecified()).isTrue();
        assertThat(IpLiteral.parse("::").isUnspecified()).isTrue();
        assertThat(IpLiteral.parse("0.0.0.1").isUnspecified()).isFalse();
        assertThat(IpLiteral.parse("::1").isUnspecified()).isFalse();
    }
}
