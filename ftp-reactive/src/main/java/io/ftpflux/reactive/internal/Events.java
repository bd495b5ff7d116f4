package io.ftpflux.reactive.internal;

import io.ftpflux.reactive.event.FtpEvent;
import io.ftpflux.reactive.event.FtpEventListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Emits paired events to a session's {@link FtpEventListener}: every {@link #start} returns a {@link Span} that
 * ends exactly once, however many times it is told to.
 */
public final class Events {

    private static final Logger LOG = Loggers.getLogger(Events.class);

    /** Emits nothing. */
    public static final Events NONE = new Events(FtpEventListener.NONE);

    private final FtpEventListener listener;

    /**
     * Wraps a listener.
     *
     * @param listener the listener
     */
    public Events(FtpEventListener listener) {
        this.listener = listener;
    }

    /**
     * Emits a start event and returns the span that will end it.
     *
     * @param type what starts
     * @param subject what it concerns, already safe to log
     * @return the span
     */
    public Span start(FtpEvent.Type type, String subject) {
        if (listener == FtpEventListener.NONE) {
            return Span.NOOP;
        }
        emit(new FtpEvent(type, FtpEvent.Stage.STARTED, subject, null, -1, Duration.ZERO, null));
        return new Span(this, type, subject, System.nanoTime());
    }

    private void emit(FtpEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("the FTP event listener failed on {}", event, e);
        }
    }

    /** A started step, ended once by {@link #succeeded} or {@link #failed}. */
    public static final class Span {
        static final Span NOOP = new Span(null, FtpEvent.Type.COMMAND, "", 0);

        private final @Nullable Events events;
        private final FtpEvent.Type type;
        private final String subject;
        private final long startNanos;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Span(@Nullable Events events, FtpEvent.Type type, String subject, long startNanos) {
            this.events = events;
            this.type = type;
            this.subject = subject;
            this.startNanos = startNanos;
        }

        /**
         * Ends the step as succeeded.
         *
         * @param replyCode the final reply's code, or {@code null}
         * @param bytes the bytes moved, or {@code -1}
         */
        public void succeeded(@Nullable Integer replyCode, long bytes) {
            end(FtpEvent.Stage.SUCCEEDED, replyCode, bytes, null, null);
        }

        /**
         * Ends a TLS handshake as succeeded.
         *
         * @param tls what it negotiated
         */
        public void succeeded(FtpEvent.TlsDetails tls) {
            end(FtpEvent.Stage.SUCCEEDED, null, -1, null, tls);
        }

        /**
         * Ends the step as failed.
         *
         * @param failure why
         */
        public void failed(Throwable failure) {
            end(FtpEvent.Stage.FAILED, null, -1, failure, null);
        }

        private void end(FtpEvent.Stage stage, @Nullable Integer replyCode, long bytes, @Nullable Throwable failure,
                FtpEvent.@Nullable TlsDetails tls) {
            if (events != null && ended.compareAndSet(false, true)) {
                events.emit(new FtpEvent(type, stage, subject, replyCode, bytes,
                        Duration.ofNanos(System.nanoTime() - startNanos), failure, tls));
            }
        }
    }
}
