package io.ftpflux.testkit.leak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * Netty leak detection that turns every leak report into a test failure instead of a log line.
 *
 * <p>Netty creates its leak detectors in static initialisers (the one for every {@code ByteBuf} when
 * {@code AbstractByteBuf} initialises), so {@link #install()} must run before any Netty buffer class is
 * initialised. {@link LeakDetectionSessionListener} does that when the JUnit Platform launcher session opens, and
 * {@link #assertNoLeaks()} fails loudly if it came too late.
 *
 * <p>Netty finds a leak only after the garbage collector has cleared the leaked resource and a later tracking call
 * polls the detector's reference queue. {@link #detectLeaks()} forces both, in a few bounded rounds.
 */
public final class NettyLeakDetection {

    private static final RecordingLeakDetectorFactory FACTORY = new RecordingLeakDetectorFactory();

    /** A second and third round catch resources that only become unreachable once another object is collected. */
    private static final int GC_ROUNDS = 3;

    /** How long one round waits for the JVM's reference handler to enqueue what the collection cleared. */
    private static final long REFERENCE_PROCESSING_MILLIS = 100;

    private static final String LEVEL_PROPERTY = "io.netty.leakDetection.level";
    private static final String LEGACY_LEVEL_PROPERTY = "io.netty.leakDetectionLevel";

    private NettyLeakDetection() {
    }

    /**
     * Installs the recording detector factory; idempotent.
     *
     * <p>Unless a leak detection level is configured with the {@code io.netty.leakDetection.level} system property,
     * this also sets the level to {@code PARANOID}, so that a test run from an IDE without the build's JVM arguments
     * tracks every buffer as well.
     */
    public static synchronized void install() {
        if (ResourceLeakDetectorFactory.instance() != FACTORY) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(FACTORY);
        }
        if (System.getProperty(LEVEL_PROPERTY) == null && System.getProperty(LEGACY_LEVEL_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
    }

    /**
     * Tells whether Netty's {@code ByteBuf} leaks are being recorded, that is whether {@link #install()} ran before
     * Netty created its buffer leak detector.
     *
     * <p>Initialises Netty's buffer classes if nothing has yet.
     *
     * @return {@code true} if buffer leaks reach {@link #detectLeaks()}
     */
    public static boolean isRecording() {
        Unpooled.buffer(1).release();
        return ResourceLeakDetectorFactory.instance() == FACTORY && FACTORY.createdDetectorFor(ByteBuf.class);
    }

    /**
     * Forces Netty to look for leaks now and returns, then forgets, every leak reported since the last call.
     *
     * <p>Runs three rounds of {@code System.gc()}, each followed by a wait of at most 100 ms for reference processing
     * and a poll of every recording detector; about 25 ms in all with a test JVM's small heap.
     *
     * @return the leaks reported since the previous call, oldest first; empty if there were none
     * @throws AssertionError if the recording factory was not installed in time, or if {@code System.gc()} collects
     *     nothing (as with {@code -XX:+DisableExplicitGC}): either way leaks cannot be seen
     */
    public static List<LeakReport> detectLeaks() {
        if (!isRecording()) {
            throw new AssertionError("Netty leak detection is not recording: Netty created its ByteBuf leak detector"
                    + " before ftp-testkit could install its recording factory. NettyLeakDetection.install() must run"
                    + " before any Netty buffer class initialises; ftp-testkit does that from a JUnit Platform"
                    + " LauncherSessionListener"
                    + " (META-INF/services/org.junit.platform.launcher.LauncherSessionListener), which every JUnit"
                    + " Platform launcher since 1.8 loads. Was it excluded from the class path?");
        }
        boolean collected = false;
        for (int round = 0; round < GC_ROUNDS; round++) {
            collected |= collectGarbageAndAwaitReferenceProcessing();
            FACTORY.pollAllDetectors();
        }
        if (!collected) {
            throw new AssertionError("Netty leak detection cannot see leaks: System.gc() cleared no weak reference in "
                    + GC_ROUNDS + " attempts of " + REFERENCE_PROCESSING_MILLIS + " ms. Is explicit garbage collection"
                    + " disabled (-XX:+DisableExplicitGC) in this test JVM?");
        }
        return FACTORY.drainReports();
    }

    /**
     * Fails if Netty reports any leak since the previous check.
     *
     * @throws AssertionError listing each leaked resource with Netty's access records, or if leak detection is not
     *     recording (see {@link #detectLeaks()})
     */
    public static void assertNoLeaks() {
        List<LeakReport> leaks = detectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(describe(leaks));
        }
    }

    /** Returns, and forgets, the leaks Netty found on its own since the last check, without forcing detection. */
    static List<LeakReport> drainUncheckedReports() {
        return FACTORY.drainReports();
    }

    static String describe(List<LeakReport> leaks) {
        StringBuilder message = new StringBuilder()
                .append("Netty reported ").append(leaks.size())
                .append(leaks.size() == 1 ? " leak" : " leaks")
                .append(": reference-counted objects were garbage-collected without their last release().");
        for (int i = 0; i < leaks.size(); i++) {
            LeakReport leak = leaks.get(i);
            message.append(System.lineSeparator()).append(System.lineSeparator())
                    .append('#').append(i + 1).append(' ').append(leak.resourceType()).append(':')
                    .append(leak.traced()
                            ? leak.records()
                            : " not traced; run with -Dio.netty.leakDetection.level=paranoid to see where it was used");
        }
        return message.toString();
    }

    /** Returns whether the collection cleared a fresh weak reference and the JVM enqueued it in time. */
    private static boolean collectGarbageAndAwaitReferenceProcessing() {
        ReferenceQueue<Object> processed = new ReferenceQueue<>();
        WeakReference<Object> marker = new WeakReference<>(new Object(), processed);
        System.gc();
        try {
            return processed.remove(REFERENCE_PROCESSING_MILLIS) != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            Reference.reachabilityFence(marker);
        }
    }
}
