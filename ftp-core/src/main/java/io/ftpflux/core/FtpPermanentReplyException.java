package io.ftpflux.core;

import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.reply.FtpReply;
import org.jspecify.annotations.Nullable;

/**
 * The server answered with a permanent negative completion reply (RFC 959 §4.2, 5yz): the command was not
 * accepted and repeating it unchanged will fail again (for example 550 file unavailable, 530 not logged in).
 */
public final class FtpPermanentReplyException extends FtpReplyException {

    private static final long serialVersionUID = 1L;

    FtpPermanentReplyException(@Nullable FtpCommand command, FtpReply reply, @Nullable String consequence) {
        super(command, reply, consequence);
    }
}
