package io.ftpflux.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** The one wait of the facade: values, unwrapped failures, timeouts and interrupts that cancel. */
@Timeout(10)
class AwaitTest {

    private static final Duration LONG = Duration.ofSeconds(5);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anOperationThatFinishedAsTheInterruptCameHandsOverItsValueAndKeepsTheFlag() throws IOException {
        // The race of an interrupt with completion: what the operation made (a logged-in session, say) must reach
        // the caller, who is the only one that can close it.
        CompletableFuture<String> finishedAsInterrupted = new CompletableFuture<>() {
            @Override
            public String get(long timeout, TimeUnit unit) throws InterruptedException {
                complete("session");
                throw new InterruptedException("interrupted as it completed");
            }
        };

        assertThat(Await.result(finishedAsInterrupted, LONG, "connecting")).isEqualTo("session");
        assertThat(Thread.interrupted()).as("the interrupt flag, still set (and cleared here)").isTrue();
    }

    @Test
    void returnsTheValueOrNullForAnEmptyOperation() {
        assertThat(Await.block(Mono.just("x"), LONG, "x")).isEqualTo("x");
        assertThat(Await.block(Mono.<String>empty(), LONG, "nothing")).isNull();
    }

    @Test
    void rethrowsTheEnginesExceptionItselfWithAMarkerOfTheWaitingThread() {
        FtpConnectionException broken = new FtpConnectionException("connection reset", null);

        assertThatThrownBy(() -> Await.block(Mono.error(broken), LONG, "NOOP"))
                .isSameAs(broken)
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).singleElement()
                        .satisfies(marker -> assertThat(marker.getMessage())
                                .isEqualTo("awaited by " + Thread.currentThread().getName() + " for NOOP")));
    }

    @Test
    void rethrowsAnIOExceptionAsItselfWhereFilesAreInvolvedAndUncheckedElsewhere() {
        IOException disk = new IOException("disk full");

        assertThatThrownBy(() -> Await.blockIo(Mono.error(disk), LONG, "download")).isSameAs(disk);
        assertThatThrownBy(() -> Await.block(Mono.error(disk), LONG, "NOOP"))
                .isInstanceOf(UncheckedIOException.class).hasCause(disk);
    }

    @Test
    void wrapsAnyOtherCheckedExceptionInAnFtpException() {
        Exception odd = new Exception("odd");

        assertThatThrownBy(() -> Await.block(Mono.error(odd), LONG, "SITE X"))
                .isExactlyInstanceOf(FtpException.class).hasMessage("SITE X failed").hasCause(odd);
    }

    @Test
    void aTimeoutCancelsTheOperationAndNamesThePhase() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Mono<String> never = Mono.<String>never().doOnCancel(() -> cancelled.set(true));

        assertThatThrownBy(() -> Await.block(never, Duration.ofMillis(50), "LIST /big"))
                .isInstanceOfSatisfying(FtpTimeoutException.class, timeout -> {
                    assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.OPERATION);
                    assertThat(timeout.getMessage()).contains("LIST /big");
                });
        assertThat(cancelled).isTrue();
    }

    @Test
    void aValueThatArrivesAsTheWaitRunsOutIsStillReturned() throws IOException {
        CompletableFuture<String> done = new CompletableFuture<>() {
            @Override
            public String get(long timeout, TimeUnit unit) throws TimeoutException {
                complete("late");   // completes between the timeout and the cancel
                throw new TimeoutException();
            }
        };

        assertThat(Await.result(done, Duration.ofMillis(1), "late")).isEqualTo("late");
    }

    @Test
    void anInterruptCancelsTheOperationAndKeepsTheFlag() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Sinks.One<String> never = Sinks.one();
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Await.block(never.asMono().doOnCancel(() -> cancelled.set(true)), LONG, "RETR"))
                .isExactlyInstanceOf(FtpException.class)
                .hasCauseInstanceOf(InterruptedException.class)
                .hasMessageContaining("RETR");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(cancelled).isTrue();
    }

    @Test
    void aPermitWaitTimesOutOrIsInterrupted() {
        Semaphore signal = new Semaphore(0);

        assertThatThrownBy(() -> Await.permit(signal, Duration.ofMillis(20), "more data"))
                .isInstanceOf(FtpTimeoutException.class);
        signal.release();
        Await.permit(signal, Duration.ofMillis(20), "more data");

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Await.permit(signal, LONG, "more data"))
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void refusesToWaitOnAThreadThatMustNotBlock() {
        Mono<Integer> onParallel = Mono.fromCallable(() -> Await.block(Mono.just(1), LONG, "NOOP"))
                .subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> onParallel.block(LONG))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not block");
    }
}
