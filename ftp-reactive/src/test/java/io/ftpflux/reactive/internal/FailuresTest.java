package io.ftpflux.reactive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTimeoutException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

class FailuresTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void anFtpExceptionStaysAsItIs() {
        FtpException original = new FtpProtocolException("malformed reply");

        assertThat(Failures.ofConnection(original, "the control connection")).isSameAs(original);
        assertThat(Failures.ofConnect(Exceptions.propagate(original), "connecting", FtpTimeoutException.Phase.CONNECT,
                TIMEOUT)).isSameAs(original);
    }

    @Test
    void anIoFailureIsAConnectionErrorNamingTheConnection() {
        IOException reset = new IOException("Connection reset by peer");

        FtpException mapped = Failures.ofConnection(reset, "the data connection of RETR /a");

        assertThat(mapped).isInstanceOf(FtpConnectionException.class)
                .hasMessage("the data connection of RETR /a failed: Connection reset by peer")
                .hasCause(reset);
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsType() {
        assertThat(Failures.ofConnection(new IOException(), "the control connection"))
                .hasMessage("the control connection failed: IOException");
    }

    @Test
    void aConnectTimeoutIsATimeoutOfThePhase() {
        FtpException mapped = Failures.ofConnect(new ConnectTimeoutException("connection timed out"),
                "opening the data connection to 127.0.0.1:2121", FtpTimeoutException.Phase.DATA_CONNECT, TIMEOUT);

        assertThat(mapped).isInstanceOfSatisfying(FtpTimeoutException.class, timeout -> {
            assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.DATA_CONNECT);
            assertThat(timeout.timeout()).isEqualTo(TIMEOUT);
        }).hasMessageContaining("127.0.0.1:2121");
    }

    @Test
    void aRefusedConnectIsAConnectionError() {
        FtpException mapped = Failures.ofConnect(new ConnectException("Connection refused"), "connecting to host:21",
                FtpTimeoutException.Phase.CONNECT, TIMEOUT);

        assertThat(mapped).isInstanceOf(FtpConnectionException.class).hasMessageContaining("Connection refused");
    }

    @Test
    void aTlsFailureWrappedByNettyIsASecurityError() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");

        FtpException mapped = Failures.ofConnection(new DecoderException(handshake), "the control connection");

        assertThat(mapped).isInstanceOf(FtpSecurityException.class).hasCause(handshake)
                .hasMessageContaining("PKIX path building failed");
    }
}
