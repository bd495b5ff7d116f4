package io.ftpflux.testkit.fault;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a fresh {@link FaultServer} before each test and closes it after.
 *
 * <p>Register it on a field with {@code @RegisterExtension}; reach the server through {@link #server()} or a
 * {@code FaultServer} test-method parameter. Faults and files are added in the test itself, since the server
 * takes them while running.
 *
 * <pre>{@code
 * @RegisterExtension
 * final FaultServerExtension ftp = new FaultServerExtension(FaultServer.builder().credentials("alice", "secret"));
 * }</pre>
 */
public final class FaultServerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final FaultServer.Builder builder;
    private @Nullable FaultServer server;

    /** Uses the default settings of {@link FaultServer#create()}. */
    public FaultServerExtension() {
        this(FaultServer.builder());
    }

    /**
     * Builds each test's server from {@code builder}.
     *
     * @param builder the settings, read once per test
     */
    public FaultServerExtension(FaultServer.Builder builder) {
        this.builder = builder;
    }

    /**
     * Returns the current test's server, already started.
     *
     * @return the server
     * @throws IllegalStateException outside a test
     */
    public FaultServer server() {
        FaultServer current = server;
        if (current == null) {
            throw new IllegalStateException("the fault server runs only during a test");
        }
        return current;
    }

    /**
     * Returns the current test's control port.
     *
     * @return the port
     */
    public int port() {
        return server().port();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        FaultServer started = builder.build();
        started.start();
        server = started;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        FaultServer current = server;
        server = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FaultServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }
}
