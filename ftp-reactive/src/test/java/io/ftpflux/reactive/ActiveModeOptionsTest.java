package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActiveModeOptionsTest {

    @Test
    void theDefaultsLetTheKernelChooseAPortOnTheControlConnectionsAddress() {
        ActiveModeOptions defaults = ActiveModeOptions.defaults();

        assertThat(defaults.kernelChoosesPort()).isTrue();
        assertThat(defaults.bindAddress()).isNull();
        assertThat(defaults.advertisedAddress()).isNull();
        assertThat(FtpClient.builder().host("h").build().activeModeOptions()).isEqualTo(defaults);
        assertThat(FtpClient.builder().host("h").build().dataConnectionMode()).isEqualTo(DataConnectionMode.PASSIVE);
    }

    @Test
    void eachCopyChangesOneSetting() throws UnknownHostException {
        InetAddress wildcard = InetAddress.getByName("0.0.0.0");
        InetAddress nat = InetAddress.getByName("203.0.113.7");

        ActiveModeOptions options = ActiveModeOptions.defaults()
                .withPortRange(50_000, 50_099)
                .withBindAddress(wildcard)
                .withAdvertisedAddress(nat);

        assertThat(options).isEqualTo(new ActiveModeOptions(wildcard, nat, 50_000, 50_099));
        assertThat(options.kernelChoosesPort()).isFalse();
        assertThat(options.withBindAddress(null).bindAddress()).isNull();
        assertThat(options.withBindAddress(null).firstPort()).isEqualTo(50_000);
    }

    @Test
    void theBuilderShorthandSetsOnlyTheRange() throws UnknownHostException {
        InetAddress nat = InetAddress.getByName("203.0.113.7");
        FtpClient client = FtpClient.builder().host("h")
                .activeModeOptions(ActiveModeOptions.defaults().withAdvertisedAddress(nat))
                .activePortRange(2000, 2000)
                .build();

        assertThat(client.activeModeOptions()).isEqualTo(new ActiveModeOptions(null, nat, 2000, 2000));
        assertThat(client.mutate().build().activeModeOptions()).isEqualTo(client.activeModeOptions());
    }

    @ParameterizedTest
    @CsvSource({"0,0", "0,10", "-1,10", "10,9", "1,65536", "70000,70001"})
    void aRangeThatIsNotOneOfPortsIsRefused(int first, int last) {
        assertThatThrownBy(() -> ActiveModeOptions.defaults().withPortRange(first, last))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(first));
    }

    @Test
    void onlyBothZeroMeansTheKernelChooses() {
        assertThatThrownBy(() -> new ActiveModeOptions(null, null, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0-5");
        assertThat(new ActiveModeOptions(null, null, 1, 65535).kernelChoosesPort()).isFalse();
    }
}
