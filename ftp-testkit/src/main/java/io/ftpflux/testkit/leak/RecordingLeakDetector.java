package io.ftpflux.testkit.leak;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;
import java.util.function.Consumer;

/**
 * A Netty leak detector that hands every leak it finds to a sink instead of logging it: the leak's records end up in
 * the message of the test failure, and a deliberate leak in a test of the kit does not fill the build log.
 */
final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    private static final Object PROBE = new Object();

    private final Class<?> resourceClass;
    private final Consumer<LeakReport> sink;

    RecordingLeakDetector(Class<?> resourceClass, int samplingInterval, Consumer<LeakReport> sink) {
        super(resourceClass, samplingInterval);
        this.resourceClass = resourceClass;
        this.sink = sink;
    }

    Class<?> resourceClass() {
        return resourceClass;
    }

    /** Reports even when no logger has ERROR enabled: Netty's default silently discards leaks then. */
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        sink.accept(new LeakReport(resourceType, records));
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        sink.accept(new LeakReport(resourceType, ""));
    }

    /**
     * Drains this detector's queue of collected, unreleased resources into the sink.
     *
     * <p>Netty only looks at that queue when it starts tracking a new resource, so this tracks (and at once closes)
     * a probe. {@code trackForcibly} tracks whatever the sampling level; the probe's type does not matter because
     * the detector never inspects the object it tracks beyond its identity hash.
     */
    void poll() {
        @SuppressWarnings("unchecked")
        T probe = (T) PROBE;
        ResourceLeakTracker<T> tracker = trackForcibly(probe);
        tracker.close(probe);
    }
}
