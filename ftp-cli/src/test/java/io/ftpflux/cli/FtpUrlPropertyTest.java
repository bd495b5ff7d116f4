package io.ftpflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever a user, password or path holds, percent-encoding it gives a URL that parses back to it, and the URL as
 * shown parses back to the same URL without its password.
 */
class FtpUrlPropertyTest {

    @Property(tries = 300)
    void percentEncodedPartsParseBackExactly(@ForAll @StringLength(min = 1, max = 20) String user,
            @ForAll @StringLength(max = 20) String password, @ForAll @StringLength(max = 40) String path,
            @ForAll @IntRange(min = 1, max = 65535) int port) {
        String text = "ftp://" + encode(user) + ":" + encode(password) + "@host.example:" + port + "/" + encode(path);
        FtpUrl url = FtpUrl.parse(text);
        assertThat(url.user()).isEqualTo(user);
        assertThat(url.password()).isEqualTo(password);
        assertThat(url.path()).isEqualTo(path);
        assertThat(url.port()).isEqualTo(port);
        // Shown without the password, in a form that parses back to the same URL.
        assertThat(FtpUrl.parse(url.toString())).isEqualTo(new FtpUrl(FtpUrl.Scheme.FTP, user, null, "host.example",
                port, path));
    }

    /** Encodes every byte but unreserved ASCII letters and digits, as a careful user would. */
    private static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && Character.isLetterOrDigit(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
