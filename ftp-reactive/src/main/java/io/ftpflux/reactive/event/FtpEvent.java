package io.ftpflux.reactive.event;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of a session's life: something {@link Stage#STARTED}, then exactly one {@link Stage#SUCCEEDED} or
 * {@link Stage#FAILED} event of the same {@link Type} and subject.
 *
 * @param type what happened: a connect, a login, a command (RFC 959 §4), a data connection, a transfer or a TLS
 *     handshake
 * @param stage whether it started, succeeded or failed
 * @param subject what it concerns: {@code host:port}, the user, the command as it may be logged (passwords
 *     redacted), the data connection's mode and address ({@code passive 127.0.0.1:40123},
 *     {@code active [::1]:50012}), or the transfer command
 * @param replyCode the final reply's code of a command or transfer that got one, else {@code null}
 * @param bytes the bytes a transfer moved, or {@code -1} where that does not apply
 * @param elapsed the time since the matching start event ({@link Duration#ZERO} for a start)
 * @param failure why it failed, for {@link Stage#FAILED}
 * @param tls what a succeeded {@link Type#TLS_HANDSHAKE} negotiated, else {@code null}
 */
public record FtpEvent(Type type, Stage stage, String subject, @Nullable Integer replyCode, long bytes,
        Duration elapsed, @Nullable Throwable failure, @Nullable TlsDetails tls) {

    /**
     * Creates an event that is not about a TLS handshake.
     *
     * @param type what happened
     * @param stage whether it started, succeeded or failed
     * @param subject what it concerns
     * @param replyCode the final reply's code, or {@code null}
     * @param bytes the bytes moved, or {@code -1}
     * @param elapsed the time since the matching start event
     * @param failure why it failed, or {@code null}
     */
    public FtpEvent(Type type, Stage stage, String subject, @Nullable Integer replyCode, long bytes,
            Duration elapsed, @Nullable Throwable failure) {
        this(type, stage, subject, replyCode, bytes, elapsed, failure, null);
    }

    /**
     * What a TLS handshake (RFC 4217) negotiated.
     *
     * @param protocol the protocol version, for example {@code TLSv1.3}
     * @param cipherSuite the cipher suite
     * @param resumed for a data connection, whether its TLS session resumed the control connection's (servers
     *     such as vsftpd with {@code require_ssl_reuse} refuse data connections that do not); always
     *     {@code false} for the control connection. With the JDK's provider, a TLS 1.2 session resumed when the
     *     server accepted the control session's ID (both sessions have the same ID); a TLS 1.3 session resumed
     *     when the server accepted a session ticket (RFC 8446 §2.2) issued on this session's connections, which
     *     the JDK shows by giving the resumed session the creation time of the session it resumes.
     * @param peerCertificate the server's own certificate (the first of the chain it presented, RFC 8446 §4.4.2),
     *     or {@code null} if it presented none that is X.509; it was verified against the configured trust unless
     *     the client trusts every certificate
     */
    public record TlsDetails(String protocol, String cipherSuite, boolean resumed,
            @Nullable X509Certificate peerCertificate) {

        /**
         * Validates the details.
         */
        public TlsDetails {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(cipherSuite, "cipherSuite");
        }

        /**
         * Creates details without the server's certificate.
         *
         * @param protocol the protocol version, for example {@code TLSv1.3}
         * @param cipherSuite the cipher suite
         * @param resumed for a data connection, whether its TLS session resumed the control connection's
         */
        public TlsDetails(String protocol, String cipherSuite, boolean resumed) {
            this(protocol, cipherSuite, resumed, null);
        }
    }

    /** What an event is about. */
    public enum Type {
        /** Opening the control connection. */
        CONNECT,
        /** USER, PASS and ACCT (RFC 959 §4.1.1). */
        LOGIN,
        /** One command and its final reply; a negative reply still ends it as {@link Stage#SUCCEEDED}. */
        COMMAND,
        /** Opening a data connection (RFC 959 §3.2). */
        DATA_CONNECTION,
        /** A transfer over a data connection, from its command to data EOF and the final reply. */
        TRANSFER,
        /**
         * A TLS handshake on the control connection or a data connection (RFC 4217); its subject starts with
         * {@code control} or {@code data}, and a succeeded one carries {@link FtpEvent#tls()}.
         */
        TLS_HANDSHAKE
    }

    /** Where in its life the step is. */
    public enum Stage {
        /** It began. */
        STARTED,
        /** It ended as it should (for a command: a final reply arrived, whatever its code). */
        SUCCEEDED,
        /** It ended with an error, or was cancelled. */
        FAILED
    }

    /**
     * Validates the event.
     */
    public FtpEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
