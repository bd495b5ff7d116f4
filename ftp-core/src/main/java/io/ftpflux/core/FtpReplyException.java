package io.ftpflux.core;

import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyCategory;
import org.jspecify.annotations.Nullable;

/**
 * The server answered a command with a negative completion reply (RFC 959 §4.2: 4yz or 5yz).
 *
 * <p>It carries the command (whose {@code toString()} redacts passwords) and the whole reply. The two
 * subtypes follow the reply's first digit: {@link FtpTransientReplyException} (4yz, the same command may
 * succeed later) and {@link FtpPermanentReplyException} (5yz, it will not). The session that received it is
 * still usable. {@link #of(FtpCommand, FtpReply)} is the one place a reply becomes an exception.
 */
public abstract sealed class FtpReplyException extends FtpException
        permits FtpTransientReplyException, FtpPermanentReplyException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable FtpCommand command;
    private final transient FtpReply reply;

    FtpReplyException(@Nullable FtpCommand command, FtpReply reply, @Nullable String consequence) {
        super(describe(command, reply) + (consequence == null ? "" : "; " + consequence));
        this.command = command;
        this.reply = reply;
    }

    /**
     * Maps a negative reply to the exception of its category.
     *
     * @param command the command that was answered, or {@code null} for an unsolicited reply
     * @param reply a reply whose category is {@link ReplyCategory#TRANSIENT_NEGATIVE} or
     *     {@link ReplyCategory#PERMANENT_NEGATIVE}
     * @return the exception for that category
     * @throws IllegalArgumentException if the reply is not negative
     */
    public static FtpReplyException of(@Nullable FtpCommand command, FtpReply reply) {
        return of(command, reply, null);
    }

    /**
     * Maps a negative reply to the exception of its category, with what the refusal means for the caller (for
     * example that an upload's data was not stored) added to the message.
     *
     * @param command the command that was answered, or {@code null} for an unsolicited reply
     * @param reply a negative reply (4yz or 5yz)
     * @param consequence what the refusal means, or {@code null} to say nothing more
     * @return the exception for that category
     * @throws IllegalArgumentException if the reply is not negative
     */
    public static FtpReplyException of(@Nullable FtpCommand command, FtpReply reply, @Nullable String consequence) {
        ReplyCategory category = reply.code().category();
        return switch (category) {
            case TRANSIENT_NEGATIVE -> new FtpTransientReplyException(command, reply, consequence);
            case PERMANENT_NEGATIVE -> new FtpPermanentReplyException(command, reply, consequence);
            default -> throw new IllegalArgumentException("not a negative reply: " + reply);
        };
    }

    /**
     * Returns the command the server refused.
     *
     * @return the command, or {@code null} when the reply answered no command (for example a greeting)
     */
    public @Nullable FtpCommand command() {
        return command;
    }

    /**
     * Returns the server's negative reply.
     *
     * @return the reply, with every line the server sent
     */
    public FtpReply reply() {
        return reply;
    }

    private static String describe(@Nullable FtpCommand command, FtpReply reply) {
        String answer = reply.code().value() + " " + reply.text().replace('\n', ' ');
        return command == null ? "server replied " + answer : command + " refused: " + answer;
    }
}
