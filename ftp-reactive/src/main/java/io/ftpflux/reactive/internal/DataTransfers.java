package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpDataIntegrityException;
import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.reactive.event.FtpEvent;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;

/**
 * The two shapes of a transfer over a data connection (RFC 959 §3.2, §5.2): receiving (RETR, LIST, NLST,
 * MLSD) and sending (STOR, APPE, STOU).
 *
 * <p>A transfer ends only when both the data stream has ended and the final reply has arrived, in either
 * order; a negative final reply ends it at once, whatever the data connection is doing. End of data without a
 * final reply, or a final reply that never comes, is a failure, never success.
 */
public final class DataTransfers {

    /** What a refusal after the upload started means: the server's copy cannot be trusted. */
    private static final String NOT_STORED = "the data was not stored (or only in part): treat the remote file as incomplete";

    private DataTransfers() {
    }

    /**
     * Timeouts, expectations and event reporting of a session's transfers.
     *
     * @param replyTimeout how long the final reply may take once the data ended
     * @param dataIdle how long the data may stall while more is wanted
     * @param trustAnnouncedSize whether the byte count a 150 reply announces must match the bytes received: true
     *     for binary (IMAGE) transfers from the start of a file; false in ASCII mode, where line ends change the
     *     count, and after REST, where servers announce the whole file or the rest of it, depending on the server
     * @param events where each transfer's start and end are reported
     */
    public record Settings(Duration replyTimeout, Duration dataIdle, boolean trustAnnouncedSize, Events events) {

        /**
         * Returns these settings with the announced size trusted or not.
         *
         * @param trust whether a 150's byte count must match
         * @return the settings
         */
        public Settings withAnnouncedSizeTrusted(boolean trust) {
            return new Settings(replyTimeout, dataIdle, trust, events);
        }
    }

    /**
     * Receives the data of a command. The buffers are borrowed: Reactor Netty releases each one after
     * {@code onNext} returns, so a subscriber that keeps one must retain it.
     *
     * @param exchange the conversation
     * @param dataChannel the data connection prepared for this command (connected in passive mode, listening in
     *     active mode); closed when the transfer ends
     * @param command the transfer command (RETR, LIST, NLST, MLSD)
     * @param expectedBytes the size the transfer must have, or empty for the 150's byte count if the settings
     *     trust it, or no check
     * @param settings the timeouts, and whether the 150's byte count is trusted
     * @return the data; completes once the data ended and the server confirmed the transfer
     */
    public static Flux<ByteBuf> receive(ControlConnection.Exchange exchange, Mono<DataChannel> dataChannel,
            FtpCommand command, OptionalLong expectedBytes, Settings settings) {
        return dataChannel.flatMapMany(channel -> {
            Events.Span span = settings.events().start(FtpEvent.Type.TRANSFER, command.toString());
            ReplyWatch replies = new ReplyWatch(command, exchange.transfer(command));
            AtomicLong received = new AtomicLong();
            AtomicReference<Channel> connected = new AtomicReference<>();
            return established(channel, replies, command, connected)
                    .flatMapMany(data -> {
                        Flux<ByteBuf> bytes = data.inbound().receive()
                                .doOnNext(buf -> received.addAndGet(buf.readableBytes()))
                                .onErrorResume(error -> !(error instanceof FtpException),
                                        error -> explainDataFailure(replies, command, error, settings,
                                                exchange.timers()));
                        return StallWatchdog.watch(bytes, settings.dataIdle(), data.channel().eventLoop(),
                                        command.toString())
                                .takeUntilOther(replies.negativeFinal())
                                .doFinally(signal -> data.dispose());
                    })
                    .concatWith(Mono.defer(() -> replies.confirmation()
                                    .timeout(settings.replyTimeout(), Mono.error(() -> new FtpTimeoutException(
                                            FtpTimeoutException.Phase.REPLY, settings.replyTimeout(),
                                            "no final reply to " + command + " after the data ended")),
                                            exchange.timers())
                                    .then(Mono.fromRunnable(() -> verifySize(command, received.get(),
                                            expectedBytes.isPresent() || !settings.trustAnnouncedSize()
                                                    ? expectedBytes : replies.announcedBytes()))))
                            .then(Mono.empty()))
                    .onErrorResume(FtpReplyException.class,
                            refusal -> DataTls.explainRefusal(connected.get(), refusal).flatMapMany(Flux::error))
                    .doOnComplete(() -> span.succeeded(replies.finalCode(), received.get()))
                    .doOnError(span::failed)
                    .doOnCancel(() -> span.failed(new CancellationException(command + " cancelled")))
                    .doFinally(signal -> {
                        replies.dispose();
                        channel.close();
                    });
        });
    }

    /**
     * Sends data for a command, subscribing to the source only after the server's 1yz reply (a refusal never
     * consumes the source). The data connection is closed cleanly after the last byte, which tells the
     * server the data ended; on failure or cancellation it is reset instead, so that a partial upload never
     * looks complete.
     *
     * @param exchange the conversation
     * @param dataChannel the data connection prepared for this command (connected in passive mode, listening in
     *     active mode); closed when the transfer ends
     * @param command the transfer command (STOR, APPE, STOU)
     * @param body how to send the data once the server is ready
     * @param settings the timeouts
     * @return the number of bytes sent, once the server confirmed the transfer
     */
    public static Mono<Long> send(ControlConnection.Exchange exchange, Mono<DataChannel> dataChannel,
            FtpCommand command, Function<NettyOutbound, Publisher<Long>> body, Settings settings) {
        return dataChannel.flatMap(channel -> {
            Events.Span span = settings.events().start(FtpEvent.Type.TRANSFER, command.toString());
            ReplyWatch replies = new ReplyWatch(command, exchange.transfer(command));
            AtomicReference<Channel> connected = new AtomicReference<>();
            return established(channel, replies, command, connected)
                    .flatMap(data -> upload(data, replies, command, body, settings, exchange.timers()))
                    .onErrorMap(SourceFailure.class, Throwable::getCause)
                    .onErrorResume(FtpReplyException.class,
                            refusal -> DataTls.explainRefusal(connected.get(), refusal).flatMap(Mono::error))
                    .doOnSuccess(sent -> span.succeeded(replies.finalCode(), sent == null ? -1 : sent))
                    .doOnError(span::failed)
                    .doOnCancel(() -> span.failed(new CancellationException(command + " cancelled")))
                    .doFinally(signal -> {
                        replies.dispose();
                        channel.close();
                    });
        });
    }

    private static Mono<Long> upload(Connection data, ReplyWatch replies, FtpCommand command,
            Function<NettyOutbound, Publisher<Long>> body, Settings settings, Scheduler timers) {
        Mono<Long> upload = replies.first().flatMap(first -> {
            if (first.isPreliminary()) {
                return Mono.from(body.apply(data.outbound()))
                        .flatMap(sent -> closeGracefully(data).thenReturn(sent))
                        .onErrorResume(error -> !(error instanceof FtpException) && !(error instanceof SourceFailure),
                                error -> explainDataFailure(replies, command, error, settings, timers));
            }
            if (first.code().category().isNegative()) {
                return Mono.error(FtpReplyException.of(command, first));
            }
            return Mono.error(new FtpProtocolException(
                    "the server confirmed " + command + " before any data was sent: " + first));
        });
        return upload.flux()
                .takeUntilOther(replies.negativeFinal())
                .takeUntilOther(StallWatchdog.watchWrites(data, settings.dataIdle(), command.toString()))
                .next()
                .flatMap(sent -> replies.confirmation(NOT_STORED)
                        .timeout(settings.replyTimeout(), Mono.error(() -> new FtpTimeoutException(
                                FtpTimeoutException.Phase.REPLY, settings.replyTimeout(),
                                "no final reply to " + command + " after the data was sent")), timers)
                        .thenReturn(sent))
                .switchIfEmpty(Mono.defer(() -> replies.confirmation(NOT_STORED).then(Mono.empty())))
                .doFinally(signal -> {
                    if (signal != SignalType.ON_COMPLETE) {
                        reset(data);
                    }
                });
    }

    /**
     * The data connection, once established: at once in passive mode, when the server connected in active mode.
     * The server may refuse the command before it ever connects (a 425, 450 or 550 in active mode, say): its
     * negative final reply, or a broken control connection, ends the wait at once. The connection's channel is also
     * kept in {@code connected}, for explaining a later refusal ({@link DataTls#explainRefusal}).
     */
    private static Mono<Connection> established(DataChannel channel, ReplyWatch replies, FtpCommand command,
            AtomicReference<Channel> connected) {
        return Mono.firstWithSignal(
                channel.connection().doOnNext(established -> connected.set(established.channel())),
                replies.negativeFinal().flatMap(reply -> Mono.error(FtpReplyException.of(command, reply))));
    }

    /**
     * Sends a publisher of buffers, counting bytes; the buffers are released as they are written.
     *
     * @param source the caller's data
     * @return the body for {@link #send}
     */
    public static Function<NettyOutbound, Publisher<Long>> buffers(Publisher<ByteBuf> source) {
        return outbound -> {
            AtomicLong sent = new AtomicLong();
            return outbound.send(Flux.from(source)
                            .doOnNext(buf -> sent.addAndGet(buf.readableBytes()))
                            .onErrorMap(SourceFailure::new))
                    .then()
                    .then(Mono.fromSupplier(sent::get));
        };
    }

    /**
     * Sends a region of a file: zero-copy ({@code sendfile}) over a clear data connection, in 64 KiB buffers read
     * off the event loop over a TLS one (see {@link FileChunks}).
     *
     * @param file the file
     * @param position where the region starts
     * @param count the region's length in bytes
     * @return the body for {@link #send}
     */
    public static Function<NettyOutbound, Publisher<Long>> file(Path file, long position, long count) {
        return outbound -> isEncrypted(outbound)
                ? buffers(FileChunks.read(file, position, count, outbound.alloc())).apply(outbound)
                : outbound.sendFile(file, position, count).then().thenReturn(count);
    }

    private static boolean isEncrypted(NettyOutbound outbound) {
        AtomicBoolean encrypted = new AtomicBoolean();
        outbound.withConnection(data -> encrypted.set(data.channel().pipeline().get(SslHandler.class) != null));
        return encrypted.get();
    }

    /**
     * A broken data connection is often the server's way of refusing (it closes or resets the data connection
     * and says why on the control connection), so the final reply decides what the caller is told.
     */
    private static <T> Mono<T> explainDataFailure(ReplyWatch replies, FtpCommand command, Throwable error,
            Settings settings, Scheduler timers) {
        FtpException dataFailure = Failures.ofConnection(error, "the data connection of " + command);
        return replies.finalReply()
                .timeout(settings.replyTimeout(), Mono.error(dataFailure), timers)
                .flatMap(reply -> Mono.error(reply.code().category().isNegative()
                        ? FtpReplyException.of(command, reply)
                        : dataFailure));
    }

    /** Marks a failure of the caller's data, so that it is not mistaken for a broken data connection. */
    private static final class SourceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SourceFailure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private static void verifySize(FtpCommand command, long received, OptionalLong expected) {
        if (expected.isPresent() && expected.getAsLong() != received) {
            throw new FtpDataIntegrityException(command + " transferred " + received + " bytes, but "
                    + expected.getAsLong() + " were expected", expected.getAsLong(), received);
        }
    }

    private static Mono<Void> closeGracefully(Connection data) {
        data.dispose();
        return data.onDispose();
    }

    private static void reset(Connection data) {
        if (data.channel().isOpen()) {
            // SO_LINGER 0 turns close into a TCP reset: the server sees an error, not the end of the file.
            data.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        }
        data.dispose();
    }
}
