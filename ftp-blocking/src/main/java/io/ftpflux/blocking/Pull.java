package io.ftpflux.blocking;

import io.ftpflux.core.FtpException;
import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * Pulls a publisher's items one at a time on the caller's thread, with a bounded number requested ahead: the engine's
 * backpressure (auto-read off without demand) then holds the server back through TCP.
 *
 * <p>The subscriber side runs on event loops and never blocks: it queues, then releases a semaphore permit. The
 * consumer side (one thread at a time) parks on that semaphore through {@link Await#permit}, for at most the timeout
 * per wait. Items that need releasing (borrowed buffers) are kept with {@code keep} on arrival and handed to
 * {@code discard} if they are never taken.
 */
final class Pull<T> implements CoreSubscriber<T>, Occupant {

    private final int prefetch;
    private final Duration timeout;
    private final String what;
    private final UnaryOperator<T> keep;
    private final Consumer<T> discard;
    private final Queue<T> arrived = new ConcurrentLinkedQueue<>();
    private final Semaphore signal = new Semaphore(0);
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile @Nullable Subscription subscription;
    private volatile boolean terminated;
    private volatile @Nullable Throwable failure;
    private @Nullable Throwable reported;

    private Pull(int prefetch, Duration timeout, String what, UnaryOperator<T> keep, Consumer<T> discard) {
        this.prefetch = prefetch;
        this.timeout = timeout;
        this.what = what;
        this.keep = keep;
        this.discard = discard;
    }

    /** Subscribes to the items, requesting {@code prefetch} ahead; they begin to arrive at once. */
    static <T> Pull<T> of(Publisher<T> items, int prefetch, Duration timeout, String what, UnaryOperator<T> keep,
            Consumer<T> discard) {
        Await.requireBlockingThread(what);
        Pull<T> pull = new Pull<>(prefetch, timeout, what, keep, discard);
        Flux.from(items).subscribe(pull);
        return pull;
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(prefetch);
    }

    @Override
    public void onNext(T item) {
        arrived.offer(keep.apply(item));
        if (cancelled.get()) {
            discardArrived();   // arrived while the consumer was cancelling: nobody will take it
        }
        signal.release();
    }

    @Override
    public void onError(Throwable error) {
        failure = error;
        terminated = true;
        signal.release();
    }

    @Override
    public void onComplete() {
        terminated = true;
        signal.release();
    }

    /**
     * Takes the next item, waiting for it, and asks for one more.
     *
     * @return the item, or {@code null} once the publisher completed
     * @throws FtpException the publisher's failure (once; later calls return {@code null}), a timeout or an interrupt
     *     (the publisher is then cancelled)
     * @throws IOException if the publisher failed with one
     */
    @Nullable T next() throws IOException {
        while (true) {
            T item = arrived.poll();
            if (item != null) {
                requestOne();
                return item;
            }
            if (terminated) {
                item = arrived.poll();   // one that came just before the terminal signal
                if (item != null) {
                    return item;
                }
                Throwable error = failure;
                if (error == null || error == reported) {
                    return null;
                }
                reported = error;
                throw Await.propagate(error, what);
            }
            await();
        }
    }

    /**
     * Waits until an item or the end arrived, without taking it; a failure before any item is thrown (and the
     * items are cancelled).
     */
    void awaitFirst() throws IOException {
        while (arrived.isEmpty() && !terminated) {
            await();
        }
        Throwable error = failure;
        if (arrived.isEmpty() && error != null) {
            reported = error;
            throw Await.propagate(error, what);
        }
    }

    /**
     * Cancels the publisher, unless it already ended, and discards whatever arrived and was not taken.
     *
     * @return whether this cancelled a publisher still running
     */
    boolean cancel() {
        boolean running = false;
        if (cancelled.compareAndSet(false, true)) {
            running = !terminated;
            Subscription s = subscription;
            if (running && s != null) {
                s.cancel();
            }
        }
        discardArrived();
        return running;
    }

    @Override
    public boolean finished() {
        return cancelled.get() || terminated && arrived.isEmpty();
    }

    @Override
    public void abandon() {
        cancel();
    }

    /** Tells whether the publisher ended with a failure that {@link #next()} has not thrown yet. */
    @Nullable Throwable unreportedFailure() {
        Throwable error = failure;
        return error == reported ? null : error;
    }

    private void await() {
        try {
            Await.permit(signal, timeout, what);
        } catch (FtpException timeoutOrInterrupt) {
            cancel();
            reported = timeoutOrInterrupt;
            throw timeoutOrInterrupt;
        }
    }

    private void requestOne() {
        Subscription s = subscription;
        if (s != null && !terminated) {
            s.request(1);
        }
    }

    private void discardArrived() {
        for (T item = arrived.poll(); item != null; item = arrived.poll()) {
            discard.accept(item);
        }
    }
}
