package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyAssembler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The control connection's codec: bytes in become {@link FtpReply} messages through a {@link ReplyAssembler},
 * {@link FtpCommand} messages out become command lines (RFC 959 §4.1.3, §5.3).
 *
 * <p>Inbound buffers are released here, so no {@code ByteBuf} leaves the control path. Each reply goes up the
 * pipeline as a {@link Received}, stamped with the read it came from, so that the connection can tell a reply
 * that was already on the wire when a command left from one that may answer it. A protocol error from the
 * assembler, or the end of the stream in the middle of a reply, goes up as an {@link FtpProtocolException}
 * message rather than an exception event: it is an answer from the server, and Reactor Netty would log an
 * exception event as an error of its own; after it, the rest of the input is discarded. On the way out, a
 * command is encoded with the control charset, and a 0xFF byte is doubled, as the Telnet protocol under FTP
 * requires for its IAC byte (RFC 854; only ISO-8859-1-like charsets produce it).
 *
 * <p>For {@code AUTH TLS} (RFC 4217 §4), {@link #startTlsAfter} makes the codec itself put the TLS handler at the
 * head of the pipeline as the 234 reply is decoded, before anything else is read, and refuses any byte the
 * server sent after that reply in the clear: such bytes would otherwise pass for replies protected by TLS
 * (response injection).
 */
public final class ControlCodec extends ChannelDuplexHandler {

    private static final byte IAC = (byte) 0xFF;

    private final ReplyAssembler assembler;
    private final Charset charset;
    // Confined to the event loop.
    private long reads;
    private boolean failed;
    private volatile @Nullable TlsUpgrade tlsUpgrade;

    private record TlsUpgrade(int replyCode, Consumer<ChannelPipeline> install) {
    }

    /**
     * A reply and the read it came from.
     *
     * @param reply the reply
     * @param read the number of the read whose bytes completed it, from 1
     */
    public record Received(FtpReply reply, long read) {
    }

    /**
     * Creates the codec of one control connection.
     *
     * @param assembler the reply assembler, with its limits
     * @param charset the charset of command lines
     */
    public ControlCodec(ReplyAssembler assembler, Charset charset) {
        this.assembler = assembler;
        this.charset = charset;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (failed) {
                return;
            }
            long read = ++reads;
            TlsUpgrade upgrade = tlsUpgrade;
            if (upgrade == null) {
                feed(buf, reply -> ctx.fireChannelRead(new Received(reply, read)));
                return;
            }
            List<FtpReply> replies = new ArrayList<>(1);
            feed(buf, replies::add);
            if (replies.isEmpty()) {
                return;
            }
            tlsUpgrade = null;
            if (replies.get(0).code().value() == upgrade.replyCode()) {
                if (replies.size() > 1 || assembler.hasPartialReply()) {
                    failed = true;
                    ctx.fireChannelRead(new FtpSecurityException("the server sent more after its "
                            + upgrade.replyCode() + " reply, before the TLS handshake: bytes sent in the clear "
                            + "cannot be trusted as protected replies (response injection); refusing the connection"));
                    return;
                }
                upgrade.install().accept(ctx.pipeline());
            }
            replies.forEach(reply -> ctx.fireChannelRead(new Received(reply, read)));
        } catch (FtpProtocolException e) {
            failed = true;
            ctx.fireChannelRead(e);
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!failed && assembler.hasPartialReply()) {
            failed = true;
            ctx.fireChannelRead(new FtpProtocolException(
                    "the server closed the control connection in the middle of a reply"));
        }
        ctx.fireChannelInactive();
    }

    private void feed(ByteBuf buf, Consumer<FtpReply> up) {
        if (buf.nioBufferCount() == 1) {
            assembler.feed(buf.nioBuffer(), up);
        } else {
            for (ByteBuffer part : buf.nioBuffers()) {
                assembler.feed(part, up);
            }
        }
    }

    /**
     * Arms the switch to TLS for the next reply (RFC 4217 §4): if it has the given code, the TLS handler is
     * installed at the head of the pipeline before the reply goes up, so that every later byte passes through it; if the
     * server sent anything after that reply in the same read, an {@link FtpSecurityException} goes up instead.
     * A reply with another code (a refusal) disarms it. Call it before sending the command the reply answers.
     *
     * @param replyCode the code that starts TLS, 234 for {@code AUTH TLS}
     * @param install puts the TLS handler at the head of the pipeline; runs on the event loop
     */
    public void startTlsAfter(int replyCode, Consumer<ChannelPipeline> install) {
        tlsUpgrade = new TlsUpgrade(replyCode, install);
    }

    /**
     * Returns how many reads have started: a command written now can be answered only by a later read.
     *
     * @return the number of the latest read, 0 before the first
     */
    public long readsStarted() {
        return reads;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof FtpCommand command)) {
            ctx.write(msg, promise);
            return;
        }
        byte[] line = command.line().getBytes(charset);
        int iacs = 0;
        for (byte b : line) {
            if (b == IAC) {
                iacs++;
            }
        }
        ByteBuf out = ctx.alloc().buffer(line.length + iacs + 2);
        if (iacs == 0) {
            out.writeBytes(line);
        } else {
            for (byte b : line) {
                out.writeByte(b);
                if (b == IAC) {
                    out.writeByte(b);
                }
            }
        }
        out.writeByte('\r').writeByte('\n');
        ctx.write(out, promise);
    }
}
