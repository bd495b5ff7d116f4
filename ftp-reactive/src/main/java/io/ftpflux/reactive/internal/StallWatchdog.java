package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpTimeoutException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;

/**
 * Tells a stalled server from a slow party on our side, on either direction of a data connection.
 *
 * <p>Receiving: the stream fails when nothing arrives for the idle timeout <em>while the subscriber wants
 * more</em>; a subscriber applying backpressure (no outstanding demand) never trips it, and the clock restarts
 * when demand comes back. Sending: the transfer fails when bytes wait to be written and the server takes none
 * of them for the idle timeout; a source that is slow to produce, with nothing waiting, never trips it.
 */
final class StallWatchdog {

    private static final long MIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private StallWatchdog() {
    }

    /**
     * Watches what a subscriber receives.
     *
     * @param source the data
     * @param idle how long the data may stall while the subscriber wants more
     * @param scheduler where the clock runs (the data connection's event loop)
     * @param what the transfer, for the message
     * @param <T> the data
     * @return the data, failing with {@link FtpTimeoutException} ({@code DATA_IDLE}) on a stall
     */
    static <T> Flux<T> watch(Flux<T> source, Duration idle, ScheduledExecutorService scheduler, String what) {
        return Flux.defer(() -> {
            AtomicLong demand = new AtomicLong();
            AtomicLong lastProgress = new AtomicLong(System.nanoTime());
            Sinks.Empty<T> stalled = Sinks.empty();
            long idleNanos = idle.toNanos();
            long period = Math.max(MIN_CHECK_NANOS, idleNanos / 4);
            ScheduledFuture<?> check = scheduler.scheduleAtFixedRate(() -> {
                if (demand.get() > 0 && System.nanoTime() - lastProgress.get() > idleNanos) {
                    stalled.tryEmitError(new FtpTimeoutException(FtpTimeoutException.Phase.DATA_IDLE, idle,
                            "no data on " + what + " while more was wanted"));
                }
            }, period, period, TimeUnit.NANOSECONDS);
            return source
                    .doOnNext(item -> {
                        demand.decrementAndGet();
                        lastProgress.set(System.nanoTime());
                    })
                    .doOnRequest(n -> {
                        if (demand.getAndUpdate(d -> Operators.addCap(d, n)) <= 0) {
                            lastProgress.set(System.nanoTime());
                        }
                    })
                    .takeUntilOther(stalled.asMono())
                    .doFinally(signal -> check.cancel(false));
        });
    }

    /**
     * Watches what is written to a data connection: installs a handler that observes the channel's outbound
     * buffer.
     *
     * @param data the data connection, before anything is written to it
     * @param idle how long written bytes may wait without the server taking any
     * @param what the transfer, for the message
     * @return never completes; fails with {@link FtpTimeoutException} ({@code DATA_IDLE}) on a stall
     */
    static Mono<Void> watchWrites(Connection data, Duration idle, String what) {
        Sinks.Empty<Void> stalled = Sinks.empty();
        data.addHandlerFirst("ftpflux.writeStall", new WriteStallHandler(idle, () -> stalled.tryEmitError(
                new FtpTimeoutException(FtpTimeoutException.Phase.DATA_IDLE, idle,
                        "the server took no data on " + what + " while more was waiting to be sent"))));
        return stalled.asMono();
    }

    /**
     * Netty's writer-idle detection with the output observed: it fires only when no write completed and the
     * outbound buffer did not move; a stall is when that buffer still holds bytes.
     */
    private static final class WriteStallHandler extends IdleStateHandler {
        private final Runnable onStall;

        WriteStallHandler(Duration idle, Runnable onStall) {
            super(true, 0, idle.toNanos(), 0, TimeUnit.NANOSECONDS);
            this.onStall = onStall;
        }

        @Override
        protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
            ChannelOutboundBuffer waiting = ctx.channel().unsafe().outboundBuffer();
            if (event.state() == IdleState.WRITER_IDLE && waiting != null && waiting.totalPendingWriteBytes() > 0) {
                onStall.run();
            }
        }
    }
}
