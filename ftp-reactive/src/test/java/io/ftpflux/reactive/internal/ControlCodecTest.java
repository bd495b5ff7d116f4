package io.ftpflux.reactive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpUnsafeArgumentException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.command.StandardVerb;
import io.ftpflux.core.reply.ReplyAssembler;
import io.ftpflux.core.reply.ReplyLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ControlCodecTest {

    private static EmbeddedChannel channel(Charset charset) {
        return new EmbeddedChannel(new ControlCodec(new ReplyAssembler(ReplyLimits.defaults(), charset), charset));
    }

    private static String written(EmbeddedChannel channel) {
        ByteBuf out = channel.readOutbound();
        try {
            return HexFormat.of().formatHex(ByteBufUtil.getBytes(out));
        } finally {
            out.release();
        }
    }

    @Test
    void escapesGoOutAsTheBytesTheyStandForAndFfIsDoubled() {
        EmbeddedChannel channel = channel(StandardCharsets.UTF_8);

        channel.writeOutbound(FtpCommand.of(StandardVerb.RETR, "/caf\udce9-\u00e9-\udcff"));

        // "RETR /caf", E9 as is, "-", é in UTF-8 (C3 A9), "-", FF doubled (Telnet IAC), CRLF
        assertThat(written(channel)).isEqualTo("52455452202f636166e92dc3a92dffff0d0a");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aCharacterTheControlCharsetCannotEncodeIsRefusedNotReplaced() {
        ControlCodec codec = new ControlCodec(new ReplyAssembler(ReplyLimits.defaults(), StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> codec.encode(FtpCommand.of(StandardVerb.DELE, "price-\u20ac.txt")))
                .isInstanceOf(FtpUnsafeArgumentException.class)
                .hasMessageContaining("ISO-8859-1");
        assertThat(codec.encode(FtpCommand.of(StandardVerb.DELE, "caf\u00e9")))
                .isEqualTo(HexFormat.of().parseHex("44454c4520636166e90d0a"));
    }

    @Test
    void aPathInAReplyKeepsBytesThatAreNotUtf8AsEscapes() {
        EmbeddedChannel channel = channel(StandardCharsets.UTF_8);

        channel.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex("32353720222f636166e922206973206375727265"
                + "6e742e0d0a")));

        ControlCodec.Received received = channel.readInbound();
        assertThat(received.reply().text()).isEqualTo("\"/caf\udce9\" is current.");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
