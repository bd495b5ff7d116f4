package io.ftpflux.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DataAddressesTest {

    @Test
    void formatsPassiveReplies() {
        assertThat(DataAddresses.pasvReply(new byte[] {127, 0, 0, 1}, 50_000))
                .isEqualTo("227 Entering Passive Mode (127,0,0,1,195,80).\r\n");
        assertThat(DataAddresses.pasvReply(new byte[] {(byte) 200, 0, 0, 1}, 0))
                .isEqualTo("227 Entering Passive Mode (200,0,0,1,0,0).\r\n");
        assertThat(DataAddresses.epsvReply(65_535)).isEqualTo("229 Entering Extended Passive Mode (|||65535|).\r\n");
    }

    @Test
    void parsesPortArguments() {
        assertThat(DataAddresses.parsePort("127,0,0,1,195,80")).isEqualTo(new InetSocketAddress("127.0.0.1", 50_000));
        assertThat(DataAddresses.parsePort(" 127, 0, 0, 1, 0, 21 ")).isEqualTo(new InetSocketAddress("127.0.0.1", 21));
        assertThat(DataAddresses.parsePort("127,0,0,1,256,0")).isNull();
        assertThat(DataAddresses.parsePort("127,0,0,1,1")).isNull();
        assertThat(DataAddresses.parsePort("127,0,0,x,1,1")).isNull();
        assertThat(DataAddresses.parsePort("127,0,0,-1,1,1")).isNull();
        assertThat(DataAddresses.parsePort("")).isNull();
    }

    @Test
    void parsesEprtArguments() {
        assertThat(DataAddresses.parseEprt("|1|127.0.0.1|2121|")).isEqualTo(new InetSocketAddress("127.0.0.1", 2121));
        assertThat(DataAddresses.parseEprt("!1!127.0.0.1!2121!")).isEqualTo(new InetSocketAddress("127.0.0.1", 2121));
        InetSocketAddress six = DataAddresses.parseEprt("|2|::1|2121|");
        assertThat(six).isNotNull();
        assertThat(six.getAddress().isLoopbackAddress()).isTrue();
        assertThat(DataAddresses.parseEprt("|1|localhost|2121|")).as("never resolves a name").isNull();
        assertThat(DataAddresses.parseEprt("|2|localhost|2121|")).isNull();
        assertThat(DataAddresses.parseEprt("|3|127.0.0.1|2121|")).isNull();
        assertThat(DataAddresses.parseEprt("|1|127.0.0.1|65536|")).isNull();
        assertThat(DataAddresses.parseEprt("|1|127.0.0.1|2121")).isNull();
        assertThat(DataAddresses.parseEprt("|1|127.0.0.1|21|21|")).isNull();
        assertThat(DataAddresses.parseEprt("|")).isNull();
    }

    @Test
    void acceptsOnlyDottedQuads() {
        assertThat(DataAddresses.parseDottedQuad("10.0.0.1")).containsExactly(10, 0, 0, 1);
        for (String bad : new String[] {"1.2.3", "1.2.3.4.5", "a.b.c.d", "256.0.0.1", "", "1..2.3", "1.2.3.4 "}) {
            assertThatThrownBy(() -> DataAddresses.parseDottedQuad(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
