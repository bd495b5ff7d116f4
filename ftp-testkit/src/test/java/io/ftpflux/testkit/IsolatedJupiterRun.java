package io.ftpflux.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a test class through a separate JUnit Platform launcher with extension auto-detection on, as Surefire does
 * with the parent POM's configuration, to observe what the auto-detected extensions make of it.
 *
 * <p>The classes it runs are static nested classes, which Surefire skips; {@link #active()} lets them also skip
 * themselves should anything else discover them.
 */
public final class IsolatedJupiterRun {

    private static final AtomicBoolean ACTIVE = new AtomicBoolean();

    private IsolatedJupiterRun() {
    }

    /** Tells a nested test class whether it runs inside {@link #run(Class)}. */
    public static boolean active() {
        return ACTIVE.get();
    }

    /** Runs every test of the class and returns the summary. */
    public static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        ACTIVE.set(true);
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            ACTIVE.set(false);
        }
        return listener.getSummary();
    }

    /** Returns the messages of the failures in a summary. */
    public static List<String> failureMessages(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(failure -> String.valueOf(failure.getException().getMessage()))
                .toList();
    }
}
