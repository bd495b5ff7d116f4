package io.ftpflux.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The threads of the benchmark JVM that are not the {@link LoopbackFtpResponder}'s: the client side (the benchmark
 * threads, the clients' event loops or threads, JIT and GC), told apart by the responder's thread names; and, for
 * comparison, the responder's.
 */
final class ClientThreads {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ClientThreads() {
    }

    /**
     * Returns the CPU time so far of every live client thread.
     *
     * <p>A thread that ended between two readings takes its CPU time with it: measure across work whose threads
     * outlive it (event loops, a pool), or read before the threads end.
     *
     * @return nanoseconds
     */
    static long cpuNanos() {
        return cpuNanos(true);
    }

    /**
     * Returns the CPU time so far of every live thread of the responder.
     *
     * @return nanoseconds
     */
    static long serverCpuNanos() {
        return cpuNanos(false);
    }

    private static long cpuNanos(boolean client) {
        long total = 0;
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && isClient(thread) == client) {
                total += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }

    /**
     * Returns how many client threads are alive.
     *
     * @return the count
     */
    static int live() {
        int count = 0;
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && isClient(thread)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isClient(ThreadInfo thread) {
        return !thread.getThreadName().startsWith(LoopbackFtpResponder.THREAD_NAME_PREFIX);
    }
}
