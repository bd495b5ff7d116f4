package io.ftpflux.core;

/**
 * A command argument cannot be sent as given: it contains CR, LF or NUL (RFC 959 §4.1.3: a command line ends
 * at CRLF, so these characters inject commands), or text the control charset cannot encode (a character
 * outside it, a lone surrogate that is no {@link io.ftpflux.core.command.NameCodec} escape), which would
 * otherwise go out as {@code '?'} and name another file.
 *
 * <p>Thrown before anything reaches the wire, for arguments from the caller and for server-supplied
 * strings (a PWD result, a listing name) about to be reused in a command.
 */
public class FtpUnsafeArgumentException extends FtpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception for an unsafe argument.
     *
     * @param message which argument and which character
     */
    public FtpUnsafeArgumentException(String message) {
        super(message);
    }
}
