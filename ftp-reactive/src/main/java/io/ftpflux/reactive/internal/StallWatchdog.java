package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;

/**
 * Fails a data stream that stalls: nothing arrives for the idle timeout <em>while the subscriber wants
 * more</em>. A subscriber applying backpressure (no outstanding demand) never trips it; the clock restarts
 * when demand comes back.
 */
final class StallWatchdog {

    private static final long MIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private StallWatchdog() {
    }

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
}
