package io.ftpflux.testkit.leak;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test, or a test class, when Netty reports a leak while or after it ran.
 *
 * <p>Registered for every Jupiter test of a module that has ftp-testkit on its test class path, through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} and the configuration parameter
 * {@code junit.jupiter.extensions.autodetection.enabled=true} that the parent POM passes to Surefire and Failsafe.
 * The check after all tests of a class catches leaks from {@code @AfterAll} code and class-level extensions.
 *
 * <p>A leak is found when the garbage collector clears the resource, which may be after the test that leaked it
 * ended; Netty's access records in the failure message name the code that used it.
 */
public final class NettyLeakExtension implements AfterEachCallback, AfterAllCallback {

    /** Creates the extension; JUnit calls this through the service loader. */
    public NettyLeakExtension() {
    }

    /**
     * Fails the test that just ran if Netty reports a leak.
     *
     * @param context the test's context
     */
    @Override
    public void afterEach(ExtensionContext context) {
        NettyLeakDetection.assertNoLeaks();
    }

    /**
     * Fails the test class that just ran if Netty reports a leak.
     *
     * @param context the test class's context
     */
    @Override
    public void afterAll(ExtensionContext context) {
        NettyLeakDetection.assertNoLeaks();
    }
}
