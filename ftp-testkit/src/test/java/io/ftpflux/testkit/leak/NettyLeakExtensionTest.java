package io.ftpflux.testkit.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ftpflux.testkit.IsolatedJupiterRun;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Proves that the auto-detected extension fails a leaking test and passes a clean one, without any annotation. */
class NettyLeakExtensionTest {

    @Test
    void failsATestThatLeaksABuffer() {
        TestExecutionSummary summary = IsolatedJupiterRun.run(LeakingTest.class);

        assertThat(summary.getTestsStartedCount()).isEqualTo(1);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(IsolatedJupiterRun.failureMessages(summary))
                .singleElement()
                .asString()
                .startsWith("Netty reported 1 leak:")
                .contains("deliberate leak in LeakingTest");
    }

    @Test
    void passesATestThatReleasesItsBuffers() {
        TestExecutionSummary summary = IsolatedJupiterRun.run(CleanTest.class);

        assertThat(summary.getTestsStartedCount()).isEqualTo(1);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTotalFailureCount()).isZero();
    }

    static class LeakingTest {
        @Test
        void leaks() {
            assumeTrue(IsolatedJupiterRun.active());
            ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(8).writeInt(1);
            leaked.touch("deliberate leak in LeakingTest");
        }
    }

    static class CleanTest {
        @Test
        void releases() {
            assumeTrue(IsolatedJupiterRun.active());
            ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(8).writeInt(1);
            assertThat(buffer.release()).isTrue();
        }
    }
}
