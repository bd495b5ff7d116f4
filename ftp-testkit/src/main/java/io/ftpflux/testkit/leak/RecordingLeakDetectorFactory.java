package io.ftpflux.testkit.leak;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Creates {@link RecordingLeakDetector}s that all report into one queue, and remembers them so they can be polled. */
final class RecordingLeakDetectorFactory extends ResourceLeakDetectorFactory {

    private final Queue<LeakReport> reports = new ConcurrentLinkedQueue<>();
    private final Queue<RecordingLeakDetector<?>> detectors = new ConcurrentLinkedQueue<>();

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
        RecordingLeakDetector<T> detector = new RecordingLeakDetector<>(resource, samplingInterval, reports::add);
        detectors.add(detector);
        return detector;
    }

    /** Netty still declares this overload abstract; the limit it takes has been ignored since Netty 4.1. */
    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
            Class<T> resource, int samplingInterval, long maxActive) {
        return newResourceLeakDetector(resource, samplingInterval);
    }

    boolean createdDetectorFor(Class<?> resource) {
        return detectors.stream().anyMatch(detector -> detector.resourceClass() == resource);
    }

    void pollAllDetectors() {
        detectors.forEach(RecordingLeakDetector::poll);
    }

    List<LeakReport> drainReports() {
        List<LeakReport> drained = new ArrayList<>();
        for (LeakReport report = reports.poll(); report != null; report = reports.poll()) {
            drained.add(report);
        }
        return drained;
    }
}
