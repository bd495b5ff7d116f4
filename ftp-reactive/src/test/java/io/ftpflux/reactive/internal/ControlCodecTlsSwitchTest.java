package io.ftpflux.reactive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.reply.ReplyAssembler;
import io.ftpflux.core.reply.ReplyLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec's switch to TLS after 234 (RFC 4217 §4), and its refusal of bytes sent in the clear after it. */
class ControlCodecTlsSwitchTest {

    /** Stands for the TLS handler: records what the pipeline held when it was installed. */
    private static final class Marker extends ChannelInboundHandlerAdapter {
    }

    private final ControlCodec codec = new ControlCodec(
            new ReplyAssembler(ReplyLimits.defaults(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    private final EmbeddedChannel channel = new EmbeddedChannel(codec);
    private final List<String> installedBefore = new ArrayList<>();

    private void arm() {
        codec.startTlsAfter(234, pipeline -> {
            installedBefore.add("installed with " + channel.inboundMessages().size() + " messages up");
            pipeline.addFirst("tls", new Marker());
        });
    }

    private void receive(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    @Test
    void installsTheHandlerBeforeThe234GoesUp() {
        arm();
        receive("234 Go ahead.\r\n");

        assertThat(installedBefore).containsExactly("installed with 0 messages up");
        assertThat(channel.pipeline().first()).isInstanceOf(Marker.class);
        assertThat(((ControlCodec.Received) channel.readInbound()).reply().code().value()).isEqualTo(234);
        channel.finishAndReleaseAll();
    }

    @Test
    void a234SplitAcrossReadsStillSwitchesOnceComplete() {
        arm();
        receive("234 Go ");
        assertThat(installedBefore).isEmpty();
        receive("ahead.\r\n");

        assertThat(channel.pipeline().first()).isInstanceOf(Marker.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void aReplyAfter234InTheSameReadIsInjection() {
        arm();
        receive("234 Go ahead.\r\n230 Logged in.\r\n");

        assertThat(installedBefore).isEmpty();
        assertThat((Object) channel.readInbound()).isInstanceOf(FtpSecurityException.class);
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void partOfALineAfter234IsInjection() {
        arm();
        receive("234 Go ahead.\r\n2");

        assertThat(installedBefore).isEmpty();
        assertThat((Object) channel.readInbound()).isInstanceOf(FtpSecurityException.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void aRefusalDisarmsTheSwitch() {
        arm();
        receive("534 No TLS here.\r\n");
        receive("234 Too late.\r\n");

        assertThat(installedBefore).isEmpty();
        assertThat(((ControlCodec.Received) channel.readInbound()).reply().code().value()).isEqualTo(534);
        assertThat(((ControlCodec.Received) channel.readInbound()).reply().code().value()).isEqualTo(234);
        channel.finishAndReleaseAll();
    }

    @Test
    void withoutTheSwitchRepliesPassAsBefore() {
        receive("200 One.\r\n200 Two.\r\n");

        assertThat(((ControlCodec.Received) channel.readInbound()).reply().text()).isEqualTo("One.");
        assertThat(((ControlCodec.Received) channel.readInbound()).reply().text()).isEqualTo("Two.");
        channel.finishAndReleaseAll();
    }
}
