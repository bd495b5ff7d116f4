package io.ftpflux.blocking;

import io.ftpflux.testkit.blockhound.BlockHoundSupport;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs BlockHound once for ftp-blocking's test JVM, before any event loop thread starts: the facade must never
 * block an event loop (reading an upload's input stream there, say), and a blocking call there fails the test that
 * caused it.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class BlockingTestSession implements LauncherSessionListener {

    /** Creates the listener; the launcher calls this through the service loader. */
    public BlockingTestSession() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BlockHoundSupport.install();
    }
}
