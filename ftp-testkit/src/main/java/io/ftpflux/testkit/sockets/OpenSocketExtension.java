package io.ftpflux.testkit.sockets;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a socket open: compares the process's open sockets before the test and after it, allowing
 * up to {@value #GRACE_MILLIS} ms for asynchronous closes.
 *
 * <p>Registered for every Jupiter test of a module that has ftp-testkit on its test class path (see
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}); an opt-in annotation would be forgotten in
 * exactly the tests that leak. Auto-detected extensions wrap all others, so the baseline is taken after
 * {@code @BeforeAll} methods and static extension fields have started their servers, and the check runs after
 * {@code @AfterEach} methods and instance extension fields have closed theirs.
 *
 * <p>Does nothing where {@code /proc/self/fd} does not exist (anything but Linux), or when JUnit runs tests in
 * parallel ({@code junit.jupiter.execution.parallel.enabled=true}): the count is process-wide.
 */
public final class OpenSocketExtension implements BeforeEachCallback, AfterEachCallback {

    /** How long, in milliseconds, sockets opened by a test may take to close after it. */
    public static final long GRACE_MILLIS = 2000;

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(OpenSocketExtension.class);
    private static final String PARALLEL_PARAMETER = "junit.jupiter.execution.parallel.enabled";

    /** Creates the extension; JUnit calls this through the service loader. */
    public OpenSocketExtension() {
    }

    /**
     * Records the sockets open before the test.
     *
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (OpenSockets.supported() && !runsInParallel(context)) {
            context.getStore(NAMESPACE).put(OpenSockets.class, OpenSockets.snapshot());
        }
    }

    /**
     * Fails the test if a socket it opened is still open after the grace period.
     *
     * @param context the test's context
     */
    @Override
    public void afterEach(ExtensionContext context) {
        OpenSockets baseline = context.getStore(NAMESPACE).remove(OpenSockets.class, OpenSockets.class);
        if (baseline != null) {
            baseline.assertNoNewSockets(Duration.ofMillis(GRACE_MILLIS));
        }
    }

    private static boolean runsInParallel(ExtensionContext context) {
        return context.getConfigurationParameter(PARALLEL_PARAMETER, Boolean::parseBoolean).orElse(false);
    }
}
