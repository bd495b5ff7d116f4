package io.ftpflux.core;

import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.reply.FtpReply;
import org.jspecify.annotations.Nullable;

/**
 * The server answered with a transient negative completion reply (RFC 959 §4.2, 4yz): the command was not
 * accepted, but the same command may succeed if tried again later (for example 450 file busy, 425 cannot open
 * data connection).
 */
public final class FtpTransientReplyException extends FtpReplyException {

    private static final long serialVersionUID = 1L;

    FtpTransientReplyException(@Nullable FtpCommand command, FtpReply reply, @Nullable String consequence) {
        super(command, reply, consequence);
    }
}
