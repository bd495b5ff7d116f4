package io.ftpflux.cli;

import io.ftpflux.reactive.event.FtpEvent;
import io.ftpflux.reactive.event.FtpEventListener;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --verbose} protocol transcript: the engine's events written to stderr, one line each. Commands come
 * as the engine renders them for logs, so PASS and ACCT arguments are already redacted
 * ({@link io.ftpflux.core.command.FtpCommand#toString()}); replies show their code.
 */
final class Transcript implements FtpEventListener {

    private final PrintWriter err;

    /**
     * Writes the transcript to a writer.
     *
     * @param err the writer, usually stderr
     */
    Transcript(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onEvent(FtpEvent event) {
        String line = line(event);
        if (line != null) {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        }
    }

    /**
     * Renders one event, or nothing for the start events that add no information.
     *
     * @param event the event
     * @return the line, or {@code null}
     */
    static @Nullable String line(FtpEvent event) {
        String subject = SafeNames.printable(event.subject());
        long millis = event.elapsed().toMillis();
        return switch (event.type()) {
            case CONNECT -> switch (event.stage()) {
                case STARTED -> "* connecting to " + subject;
                case SUCCEEDED -> "* connected to " + subject + " (" + millis + " ms)";
                case FAILED -> "* connecting to " + subject + " failed: " + reason(event);
            };
            case LOGIN -> switch (event.stage()) {
                case STARTED -> "* logging in as " + subject;
                case SUCCEEDED -> "* logged in (" + millis + " ms)";
                case FAILED -> "* login failed: " + reason(event);
            };
            case COMMAND -> switch (event.stage()) {
                case STARTED -> "--> " + subject;
                case SUCCEEDED -> "<-- " + event.replyCode() + " (" + millis + " ms)";
                case FAILED -> "<-- no reply to " + subject + ": " + reason(event);
            };
            case DATA_CONNECTION -> switch (event.stage()) {
                case STARTED -> "* opening data connection to " + subject;
                case SUCCEEDED -> "* data connection open (" + millis + " ms)";
                case FAILED -> "* data connection to " + subject + " failed: " + reason(event);
            };
            case TRANSFER -> switch (event.stage()) {
                case STARTED -> null;
                case SUCCEEDED -> "* transfer done: " + event.bytes() + " bytes in " + millis + " ms";
                case FAILED -> "* transfer failed after " + millis + " ms: " + reason(event);
            };
            case TLS_HANDSHAKE -> switch (event.stage()) {
                case STARTED -> null;
                case SUCCEEDED -> "* TLS on " + subject + tls(event.tls()) + " (" + millis + " ms)";
                case FAILED -> "* TLS handshake on " + subject + " failed: " + reason(event);
            };
        };
    }

    private static String tls(FtpEvent.@Nullable TlsDetails details) {
        if (details == null) {
            return "";
        }
        return ": " + details.protocol() + ", " + details.cipherSuite() + (details.resumed() ? ", session resumed" : "");
    }

    private static String reason(FtpEvent event) {
        Throwable failure = event.failure();
        return failure == null ? "unknown" : SafeNames.printable(String.valueOf(failure.getMessage()));
    }
}
