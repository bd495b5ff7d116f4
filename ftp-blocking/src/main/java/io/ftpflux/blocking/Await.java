package io.ftpflux.blocking;

import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one way this module waits for the reactive engine: bounded by a timeout, cancelling the operation when the
 * wait ends early, and rethrowing the engine's own exceptions unwrapped.
 *
 * <p>A timeout becomes {@link FtpTimeoutException} with {@link FtpTimeoutException.Phase#OPERATION}; an interrupt
 * cancels the operation, restores the thread's interrupt flag and throws {@link FtpException} whose cause is the
 * {@link InterruptedException}. Waits park the thread ({@link CompletableFuture}, {@link Semaphore}), never wait on a
 * monitor, so a virtual thread waiting here leaves its carrier free.
 */
final class Await {

    private Await() {
    }

    /**
     * Subscribes to an operation and waits for its value; for operations that touch no local file.
     *
     * @return the value, or {@code null} for an empty operation
     * @throws UncheckedIOException only if the operation failed with an {@link IOException}, which those do not
     */
    static <T> @Nullable T block(Mono<T> operation, Duration timeout, String what) {
        try {
            return blockIo(operation, timeout, what);
        } catch (IOException unexpected) {
            throw new UncheckedIOException(unexpected);
        }
    }

    /**
     * Subscribes to an operation and waits for its value; for operations on local files, whose failures are
     * {@link IOException}s.
     */
    static <T> @Nullable T blockIo(Mono<T> operation, Duration timeout, String what) throws IOException {
        requireBlockingThread(what);
        return result(operation.toFuture(), timeout, what);
    }

    /**
     * Waits for a result already under way; cancelling the future cancels the operation (as
     * {@link Mono#toFuture()}'s does).
     */
    static <T> @Nullable T result(CompletableFuture<T> result, Duration timeout, String what) throws IOException {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            if (result.cancel(false)) {
                throw timedOut(timeout, what);
            }
            return completed(result, what);   // it finished as the wait ran out
        } catch (InterruptedException interrupt) {
            Thread.currentThread().interrupt();
            if (!result.cancel(false)) {
                // It finished as the interrupt came: hand over what it made (a session nobody holds would never be
                // closed); the flag stays set, so the caller's next wait stops at once.
                return completed(result, what);
            }
            throw interrupted(what, interrupt);
        } catch (ExecutionException failed) {
            throw propagate(failed.getCause(), what);
        } catch (CancellationException cancelled) {
            throw new FtpException(what + " was cancelled", cancelled);
        }
    }

    /**
     * Waits for one permit of a signal semaphore.
     *
     * @throws FtpTimeoutException if none comes in time
     * @throws FtpException if the thread is interrupted (its interrupt flag set again)
     */
    static void permit(Semaphore signal, Duration timeout, String what) {
        try {
            if (!signal.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut(timeout, what);
            }
        } catch (InterruptedException interrupt) {
            Thread.currentThread().interrupt();
            throw interrupted(what, interrupt);
        }
    }

    /**
     * Refuses to wait on a thread that must never block (an event loop, a parallel worker): that wait would stop
     * the very thread the result has to come from.
     */
    static void requireBlockingThread(String what) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("cannot wait for " + what + " on " + Thread.currentThread().getName()
                    + ", a thread that must not block (an event loop?); use the reactive FtpSession there");
        }
    }

    /**
     * Returns a failure as it should reach the caller: exceptions and errors as they are, any other throwable (a
     * checked exception from a user's publisher) inside an {@link FtpException}.
     *
     * @throws IOException if the failure is one; the pattern is {@code throw propagate(failure, what)}
     */
    static RuntimeException propagate(@Nullable Throwable failure, String what) throws IOException {
        if (failure != null && !(failure instanceof Error)) {
            failure.addSuppressed(new AwaitedHere(what));
        }
        if (failure instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        return new FtpException(what + " failed", failure);
    }

    static FtpTimeoutException timedOut(Duration timeout, String what) {
        return new FtpTimeoutException(FtpTimeoutException.Phase.OPERATION, timeout,
                what + " did not finish in time; it was cancelled");
    }

    static FtpException interrupted(String what, InterruptedException interrupt) {
        return new FtpException("interrupted while waiting for " + what + "; it was cancelled", interrupt);
    }

    /**
     * Records where the caller waited: the failure itself was raised on an event loop, and its stack trace shows
     * only that thread (Reactor's {@code block()} adds the same kind of marker).
     */
    private static final class AwaitedHere extends Exception {
        private static final long serialVersionUID = 1L;

        AwaitedHere(String what) {
            super("awaited by " + Thread.currentThread().getName() + " for " + what);
        }
    }

    private static <T> @Nullable T completed(CompletableFuture<T> result, String what) throws IOException {
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException failed) {
            throw propagate(failed.getCause(), what);
        }
    }
}
