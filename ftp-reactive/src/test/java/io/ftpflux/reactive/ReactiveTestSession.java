package io.ftpflux.reactive;

import io.ftpflux.testkit.blockhound.BlockHoundSupport;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.test.util.LoggerUtils;

/**
 * Prepares ftp-reactive's test JVM once, before any test class loads: BlockHound, so that a blocking call on an event
 * loop fails the test that caused it, and a capturing Reactor logger factory, so that a test can read what the engine
 * logs (the transcript) without turning logging on for every test.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}. Both must come
 * first: BlockHound before any event loop thread starts, the logger factory before the engine's classes take their
 * loggers.
 */
public final class ReactiveTestSession implements LauncherSessionListener {

    private static boolean prepared;

    /** Creates the listener; the launcher calls this through the service loader. */
    public ReactiveTestSession() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        prepare();
    }

    private static synchronized void prepare() {
        if (prepared) {
            return;
        }
        BlockHoundSupport.install();
        LoggerUtils.useCurrentLoggersWithCapture();
        prepared = true;
    }
}
