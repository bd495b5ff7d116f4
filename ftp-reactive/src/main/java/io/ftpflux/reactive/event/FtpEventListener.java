package io.ftpflux.reactive.event;

/**
 * Receives a session's events as they happen, on the connection's event loop: it must be fast and must not
 * block. An exception it throws is logged and otherwise ignored; it never fails an operation.
 */
@FunctionalInterface
public interface FtpEventListener {

    /** A listener that ignores every event. */
    FtpEventListener NONE = event -> { };

    /**
     * Handles one event.
     *
     * @param event the event
     */
    void onEvent(FtpEvent event);
}
