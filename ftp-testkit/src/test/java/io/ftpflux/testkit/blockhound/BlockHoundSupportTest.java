package io.ftpflux.testkit.blockhound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ftpflux.testkit.IsolatedJupiterRun;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

@Timeout(30)
class BlockHoundSupportTest {

    @BeforeAll
    static void installBlockHound() {
        BlockHoundSupport.install();
    }

    @Test
    void recordsABlockingCallOnAReactorNettyEventLoopEvenWhenItsErrorIsSwallowed() throws Exception {
        LoopResources loops = LoopResources.create("blockhound-test", 1, true);
        try {
            loops.onClient(true).submit(ThreadsThatBlock::sleepAndSwallowTheError).get(5, TimeUnit.SECONDS);
        } finally {
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        }

        assertThatThrownBy(BlockHoundSupport::assertNoBlockingCalls)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("1 blocking call on non-blocking threads")
                .hasMessageContaining("java.lang.Thread.sleep")
                .hasMessageContaining(" on blockhound-test-")
                .hasMessageContaining("ThreadsThatBlock.sleepAndSwallowTheError")
                .hasCauseInstanceOf(BlockingOperationError.class);
    }

    @Test
    void recordsAndStillThrowsOnAParallelWorker() {
        Scheduler parallel = Schedulers.newParallel("blockhound-parallel", 1);
        try {
            Mono<Integer> blocking = Mono.fromCallable(() -> {
                Thread.sleep(1);
                return 1;
            }).subscribeOn(parallel);
            assertThatThrownBy(() -> blocking.block(Duration.ofSeconds(5)))
                    .hasRootCauseInstanceOf(BlockingOperationError.class);
        } finally {
            parallel.dispose();
        }

        assertThat(BlockHoundSupport.drainBlockingCalls())
                .singleElement()
                .satisfies(call -> {
                    assertThat(call.threadName()).startsWith("blockhound-parallel-");
                    assertThat(call.error().getMethod().getName()).startsWith("sleep");
                });
    }

    @Test
    void letsOrdinaryThreadsBlock() throws InterruptedException {
        Thread.sleep(1);

        assertThatCode(BlockHoundSupport::assertNoBlockingCalls).doesNotThrowAnyException();
    }

    @Test
    void installIsIdempotent() {
        BlockHoundSupport.install();

        assertThat(BlockHoundSupport.isInstalled()).isTrue();
        assertThat(BlockHoundSupport.drainBlockingCalls()).isEmpty();
    }

    @Test
    void extensionFailsTheTestThatBlocked() {
        TestExecutionSummary summary = IsolatedJupiterRun.run(BlocksOnAnEventLoopTest.class);

        assertThat(summary.getTestsSucceededCount()).isZero();
        assertThat(IsolatedJupiterRun.failureMessages(summary))
                .singleElement()
                .asString()
                .startsWith("1 blocking call on non-blocking threads")
                .contains(" on blockhound-nested-");
    }

    static class BlocksOnAnEventLoopTest {
        @Test
        void blocksWhereNobodyNotices() throws Exception {
            assumeTrue(IsolatedJupiterRun.active());
            LoopResources loops = LoopResources.create("blockhound-nested", 1, true);
            try {
                loops.onServer(true).submit(ThreadsThatBlock::sleepAndSwallowTheError).get(5, TimeUnit.SECONDS);
            } finally {
                loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
            }
        }
    }

    /** Blocking code as it hides in handlers: the error BlockHound throws is caught and dropped. */
    static final class ThreadsThatBlock {
        static void sleepAndSwallowTheError() {
            try {
                Thread.sleep(1);
            } catch (Throwable swallowed) {
                // As an over-eager catch in a handler would.
            }
        }
    }
}
