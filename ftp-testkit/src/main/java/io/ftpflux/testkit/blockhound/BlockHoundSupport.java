package io.ftpflux.testkit.blockhound;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Schedulers;

/**
 * Installs BlockHound once for a test JVM, recording every blocking call it detects on a non-blocking thread.
 *
 * <p>BlockHound throws a {@link BlockingOperationError} from the blocking call, on the thread that made it. On a Netty
 * event loop that error usually ends in {@code exceptionCaught} or a closed connection, and the test fails later and
 * elsewhere, or hangs until its timeout. The recorded calls let {@link BlockingCallExtension} fail the test itself,
 * naming the thread and the call.
 *
 * <p>The integrations on the class path (Reactor's, Netty's, BlockHound's own for logging and standard output) apply
 * as with {@code BlockHound.install()}. The JVM needs {@code -XX:+AllowRedefinitionToAddDeleteMethods} (JDK 13 and
 * later, still accepted, and deprecated, on JDK 25), and on JDK 21 and later {@code -XX:+EnableDynamicAgentLoading}
 * to attach BlockHound's agent without a warning; the parent POM passes both to every test JVM. Installing takes one
 * to two seconds.
 *
 * <p>Install with this class rather than with {@code blockhound-junit-platform}: BlockHound installs only once per
 * JVM, so whichever comes first decides whether blocking calls are recorded; {@link #install()} checks that they are.
 */
public final class BlockHoundSupport {

    private static final Queue<BlockingCall> BLOCKING_CALLS = new ConcurrentLinkedQueue<>();
    private static final String PROBE_THREAD_NAME = "ftp-testkit-blockhound-probe";
    private static final long PROBE_TIMEOUT_SECONDS = 10;

    private static volatile boolean installed;

    private BlockHoundSupport() {
    }

    /**
     * Installs BlockHound with a callback that records each blocking call before throwing; idempotent.
     *
     * <p>Then proves the installation: a blocking call on a probe thread marked non-blocking must be recorded.
     *
     * @throws IllegalStateException if the JVM lacks the flag BlockHound needs (BlockHound's own message names it),
     *     or if BlockHound was already installed without this class's callback
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        BlockHound.builder()
                .loadIntegrations()
                .blockingMethodCallback(method -> {
                    BlockingOperationError error = new BlockingOperationError(method);
                    BLOCKING_CALLS.add(new BlockingCall(Thread.currentThread().getName(), error));
                    throw error;
                })
                .install();
        // BlockHound allows a blocking call by marking the method it happens inside (a scheduler worker's idle
        // wait in its queue, for example) on entry; a thread that was already inside such a method when BlockHound
        // arrived is never marked, and its next park would be reported. Restart Reactor's shared schedulers so that
        // every worker enters its wait afresh.
        Schedulers.shutdownNow();
        verifyRecording();
        installed = true;
    }

    /**
     * Tells whether {@link #install()} has completed in this JVM.
     *
     * @return {@code true} once BlockHound records blocking calls
     */
    public static boolean isInstalled() {
        return installed;
    }

    /**
     * Returns, and forgets, the blocking calls recorded since the previous call.
     *
     * @return the recorded calls, oldest first; empty if there were none
     */
    public static List<BlockingCall> drainBlockingCalls() {
        List<BlockingCall> drained = new ArrayList<>();
        for (BlockingCall call = BLOCKING_CALLS.poll(); call != null; call = BLOCKING_CALLS.poll()) {
            drained.add(call);
        }
        return drained;
    }

    /**
     * Fails if a blocking call on a non-blocking thread was recorded since the previous check.
     *
     * @throws AssertionError describing each call, with the first as its cause and the others suppressed
     */
    public static void assertNoBlockingCalls() {
        List<BlockingCall> calls = drainBlockingCalls();
        if (!calls.isEmpty()) {
            AssertionError failure = new AssertionError(describe(calls), calls.get(0).error());
            calls.subList(1, calls.size()).forEach(call -> failure.addSuppressed(call.error()));
            throw failure;
        }
    }

    static String describe(List<BlockingCall> calls) {
        StringBuilder message = new StringBuilder()
                .append(calls.size()).append(calls.size() == 1 ? " blocking call" : " blocking calls")
                .append(" on non-blocking threads (event loops, parallel workers):");
        calls.forEach(call -> message.append(System.lineSeparator()).append("  ").append(call.describe()));
        return message.toString();
    }

    private static void verifyRecording() {
        ProbeThread probe = new ProbeThread();
        probe.start();
        try {
            probe.join(TimeUnit.SECONDS.toMillis(PROBE_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the BlockHound installation", e);
        }
        boolean recorded = BLOCKING_CALLS.removeIf(call -> call.error() == probe.thrown);
        if (!recorded) {
            throw new IllegalStateException("BlockHound does not report blocking calls to ftp-testkit: it was installed"
                    + " earlier in this JVM without BlockHoundSupport's callback (by blockhound-junit-platform, or a"
                    + " direct BlockHound.install()). Install it only through BlockHoundSupport.install().");
        }
    }

    /** A thread BlockHound treats as non-blocking (Reactor's marker interface) that makes one blocking call. */
    private static final class ProbeThread extends Thread implements NonBlocking {

        private volatile @Nullable Throwable thrown;

        ProbeThread() {
            super(PROBE_THREAD_NAME);
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                Thread.sleep(1);
            } catch (Throwable expected) {
                thrown = expected;
            }
        }
    }
}
