package io.ftpflux.testkit.blockhound;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test, or a test class, when BlockHound recorded a blocking call on a non-blocking thread while it ran, even
 * if the error BlockHound threw there was swallowed.
 *
 * <p>Registered for every Jupiter test of a module that has ftp-testkit on its test class path (see
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}), but checks only once
 * {@link BlockHoundSupport#install()} has run in the JVM: installing BlockHound costs a second or two per JVM, so each
 * module decides whether to.
 */
public final class BlockingCallExtension implements AfterEachCallback, AfterAllCallback {

    /** Creates the extension; JUnit calls this through the service loader. */
    public BlockingCallExtension() {
    }

    /**
     * Fails the test that just ran if a blocking call was recorded.
     *
     * @param context the test's context
     */
    @Override
    public void afterEach(ExtensionContext context) {
        if (BlockHoundSupport.isInstalled()) {
            BlockHoundSupport.assertNoBlockingCalls();
        }
    }

    /**
     * Fails the test class that just ran if a blocking call was recorded, from {@code @AfterAll} code for one.
     *
     * @param context the test class's context
     */
    @Override
    public void afterAll(ExtensionContext context) {
        afterEach(context);
    }
}
