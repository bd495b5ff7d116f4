package io.ftpflux.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class NetworkAsciiPropertyTest {

    @Property(tries = 300)
    void textWithLfLineEndsRoundTrips(
            @ForAll @StringLength(max = 200) @Chars({'a', 'é', ' ', '\n', '\r', 'z'}) String generated,
            @ForAll @IntRange(max = 400) int cut) {
        // Text with LF line ends: a CR may appear, but never right before a LF (that would be a CRLF line end).
        String text = generated.replaceAll("\r+\n", "\n");
        byte[] local = text.getBytes(StandardCharsets.UTF_8);
        int encodeCut = Math.min(cut, local.length);
        byte[] network = NetworkAsciiTest.encode(local, encodeCut);
        for (int i = 0; i < network.length; i++) {
            if (network[i] == '\n') {
                assertThat(i > 0 && network[i - 1] == '\r').as("LF at %d follows a CR", i).isTrue();
            }
        }
        byte[] decoded = NetworkAsciiTest.decode(new NetworkAsciiDecoder(), network, Math.min(cut, network.length));
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Property(tries = 300)
    void randomBytesSplitAnywhereDecodeAsUnsplit(@ForAll @Size(max = 100) List<@IntRange(min = 9, max = 15) Integer> small,
            @ForAll byte[] noise, @ForAll @IntRange(max = 300) int first, @ForAll @IntRange(max = 300) int second) {
        // CR (13) and LF (10) are frequent among the small values; the noise brings every other byte.
        byte[] input = new byte[small.size() + noise.length];
        for (int i = 0; i < small.size(); i++) {
            input[i] = small.get(i).byteValue();
        }
        System.arraycopy(noise, 0, input, small.size(), noise.length);
        int a = Math.min(first, input.length);
        int b = Math.max(a, Math.min(second, input.length));
        byte[] whole = NetworkAsciiTest.decode(new NetworkAsciiDecoder(), input);
        assertThat(NetworkAsciiTest.decode(new NetworkAsciiDecoder(), input, a, b)).isEqualTo(whole);
        assertThat(whole.length).isLessThanOrEqualTo(input.length);
    }
}
