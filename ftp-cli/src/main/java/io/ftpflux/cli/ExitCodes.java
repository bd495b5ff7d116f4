package io.ftpflux.cli;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpDataIntegrityException;
import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpSecurityException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.FtpTransientReplyException;
import io.ftpflux.core.FtpUnsafeArgumentException;
import io.ftpflux.core.reply.ReplyCode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The exit codes of {@code ftpflux}, one per class of failure, and the one place that maps an exception to its
 * code. The reply classes follow RFC 959 §4.2: the first digit tells transient (4yz) from permanent (5yz).
 */
final class ExitCodes {

    /** The command did what was asked. */
    static final int OK = 0;
    /** A local file could not be read or written, or an unexpected error. */
    static final int LOCAL_FAILURE = 1;
    /** The command line is wrong: an unknown option, a bad URL, an unsupported option, an unsafe path. */
    static final int USAGE = 2;
    /** The connection could not be opened, or it closed (a 421 included). */
    static final int CONNECTION = 3;
    /** The server refused the login (530, 532). */
    static final int LOGIN_REFUSED = 4;
    /** The server refused for now (another 4yz reply). */
    static final int TRANSIENT_REFUSAL = 5;
    /** The server refused for good (another 5yz reply, such as 550). */
    static final int PERMANENT_REFUSAL = 6;
    /** The server broke the protocol: a malformed, oversized or out-of-sequence reply. */
    static final int PROTOCOL = 7;
    /** A phase ran out of time. */
    static final int TIMEOUT = 8;
    /** TLS or another security check failed. */
    static final int SECURITY = 9;
    /** The data moved does not match what the server announced. */
    static final int DATA_INTEGRITY = 10;

    private ExitCodes() {
    }

    /**
     * Maps a failure to its exit code: the first {@link FtpException} in the cause chain decides; a failure
     * without one is local.
     *
     * @param failure what went wrong
     * @return the exit code
     */
    static int of(Throwable failure) {
        FtpException ftp = ftpCause(failure);
        if (ftp == null) {
            return LOCAL_FAILURE;
        }
        if (ftp instanceof FtpReplyException refused) {
            int code = refused.reply().code().value();
            if (code == ReplyCode.SERVICE_NOT_AVAILABLE.value()) {
                return CONNECTION;
            }
            if (code == ReplyCode.NOT_LOGGED_IN.value() || code == ReplyCode.NEED_ACCOUNT_FOR_STORING_FILES.value()) {
                return LOGIN_REFUSED;
            }
            return refused instanceof FtpTransientReplyException ? TRANSIENT_REFUSAL : PERMANENT_REFUSAL;
        }
        if (ftp instanceof FtpConnectionException) {
            return CONNECTION;
        }
        if (ftp instanceof FtpTimeoutException) {
            return TIMEOUT;
        }
        if (ftp instanceof FtpSecurityException) {
            return SECURITY;
        }
        if (ftp instanceof FtpDataIntegrityException) {
            return DATA_INTEGRITY;
        }
        if (ftp instanceof FtpUnsafeArgumentException) {
            return USAGE;
        }
        if (ftp instanceof FtpProtocolException) {
            return PROTOCOL;
        }
        return LOCAL_FAILURE;
    }

    /**
     * Describes a failure in one line a person understands: the engine's message (which quotes the server's reply
     * for a refusal), with line breaks of a multi-line reply folded and control characters escaped.
     *
     * @param failure what went wrong
     * @return the line
     */
    static String describe(Throwable failure) {
        FtpException ftp = ftpCause(failure);
        Throwable shown = ftp != null ? ftp : localCause(failure);
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            message = shown.getClass().getSimpleName();
        } else if (ftp == null && !(shown instanceof IOException)) {
            message = shown.getClass().getSimpleName() + ": " + message;
        } else if (shown instanceof java.nio.file.NoSuchFileException) {
            message = "no such local file: " + message;
        } else if (shown instanceof java.nio.file.FileAlreadyExistsException) {
            message = "local file already exists: " + message;
        } else if (shown instanceof java.nio.file.AccessDeniedException) {
            message = "local file access denied: " + message;
        }
        return SafeNames.printable(message.strip().replace("\r\n", " | ").replace("\n", " | "));
    }

    /** The local I/O failure behind wrappers such as {@link java.io.UncheckedIOException}, else the failure. */
    private static Throwable localCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return failure;
    }

    /**
     * Lists the exit codes with what each means, for {@code --help}.
     *
     * @return code to description, in order
     */
    static Map<String, String> help() {
        Map<String, String> help = new LinkedHashMap<>();
        help.put(String.valueOf(OK), "success");
        help.put(String.valueOf(LOCAL_FAILURE), "local file error, or an unexpected failure");
        help.put(String.valueOf(USAGE), "usage error (bad option or URL, unsupported option, unsafe path)");
        help.put(String.valueOf(CONNECTION), "connection failed or closed (including 421)");
        help.put(String.valueOf(LOGIN_REFUSED), "login refused (530, 532)");
        help.put(String.valueOf(TRANSIENT_REFUSAL), "transient refusal (other 4xx replies)");
        help.put(String.valueOf(PERMANENT_REFUSAL), "permanent refusal (other 5xx replies, e.g. 550)");
        help.put(String.valueOf(PROTOCOL), "protocol violation (malformed, oversized or out-of-sequence reply)");
        help.put(String.valueOf(TIMEOUT), "timeout");
        help.put(String.valueOf(SECURITY),
                "TLS or security failure (certificate, host name, TLS refused, unsafe data address)");
        help.put(String.valueOf(DATA_INTEGRITY), "data integrity failure (size mismatch, short transfer)");
        return help;
    }

    /**
     * Finds the FTP failure behind a wrapper (an {@code ExecutionException} from a parallel transfer, Reactor's
     * wrapper of a checked exception).
     *
     * @param failure what was thrown
     * @return the first {@link FtpException} in the cause chain, or {@code null}
     */
    static @Nullable FtpException ftpCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FtpException ftp) {
                return ftp;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
