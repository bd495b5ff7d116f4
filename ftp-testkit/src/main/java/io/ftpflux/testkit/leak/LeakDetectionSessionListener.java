package io.ftpflux.testkit.leak;

import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link NettyLeakDetection} when a JUnit Platform launcher session opens, before any test class
 * initialises and with it any Netty buffer class.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}, which the
 * JUnit Platform launcher (Surefire, Failsafe, IDEs, the console launcher) loads on its own.
 */
public final class LeakDetectionSessionListener implements LauncherSessionListener {

    /** Creates the listener; the launcher calls this through the service loader. */
    public LeakDetectionSessionListener() {
    }

    /**
     * Installs the recording leak detector factory.
     *
     * @param session the session being opened
     */
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NettyLeakDetection.install();
    }

    /**
     * Prints any leak found after the last check to standard error, so that none goes unmentioned.
     *
     * @param session the session being closed
     */
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        List<LeakReport> unchecked = NettyLeakDetection.drainUncheckedReports();
        if (!unchecked.isEmpty()) {
            System.err.println("[ftp-testkit] found after the last leak check of the session: "
                    + NettyLeakDetection.describe(unchecked));
        }
    }
}
