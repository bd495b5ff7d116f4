package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyPayloads;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Watches the replies to a transfer command while its data moves: the first reply (a 1yz to go ahead, or a
 * final refusal), the final reply, and the byte count a 150 may announce.
 *
 * <p>Subscribing happens at construction, which sends the command. Disposing before the final reply
 * abandons it to the control connection, which consumes it before the next conversation.
 */
final class ReplyWatch implements Disposable {

    private final FtpCommand command;
    private final Sinks.One<FtpReply> first = Sinks.one();
    private final Sinks.One<FtpReply> last = Sinks.one();
    private final Disposable subscription;
    private volatile OptionalLong announcedBytes = OptionalLong.empty();
    private volatile @Nullable Integer finalCode;

    ReplyWatch(FtpCommand command, Flux<FtpReply> replies) {
        this.command = command;
        this.subscription = replies.subscribe(this::onReply, this::onError);
    }

    private void onReply(FtpReply reply) {
        if (reply.isPreliminary() && announcedBytes.isEmpty()) {
            announcedBytes = ReplyPayloads.announcedByteCount(reply);
        }
        first.tryEmitValue(reply);
        if (reply.isFinal()) {
            finalCode = reply.code().value();
            last.tryEmitValue(reply);
        }
    }

    private void onError(Throwable error) {
        first.tryEmitError(error);
        last.tryEmitError(error);
    }

    /**
     * Returns the first reply: a 1yz when the server goes ahead, or the final reply when it does not.
     *
     * @return the first reply
     */
    Mono<FtpReply> first() {
        return first.asMono();
    }

    /**
     * Returns the final reply, whatever it is.
     *
     * @return the final reply
     */
    Mono<FtpReply> finalReply() {
        return last.asMono();
    }

    /**
     * Emits the final reply if, and when, it is negative; never signals on a positive one, so that it can stop
     * a data stream ({@code takeUntilOther} also stops on completion) only when the server refused.
     *
     * @return the negative final reply
     */
    Mono<FtpReply> negativeFinal() {
        return last.asMono().flatMap(reply -> reply.code().category().isNegative() ? Mono.just(reply) : Mono.never());
    }

    /**
     * Returns the final reply, failing with the reply exception when it is negative.
     *
     * @return the positive final reply
     */
    Mono<FtpReply> confirmation() {
        return last.asMono().flatMap(reply -> ControlConnection.Exchange.positive(command, reply));
    }

    /**
     * Returns the final reply, failing with a reply exception that says what the refusal means when it is
     * negative.
     *
     * @param consequence what a refusal means for the caller
     * @return the positive final reply
     */
    Mono<FtpReply> confirmation(String consequence) {
        return last.asMono().flatMap(reply -> reply.code().category().isNegative()
                ? Mono.error(FtpReplyException.of(command, reply, consequence))
                : Mono.just(reply));
    }

    /**
     * Returns the byte count the server announced in its 150 reply, if it did.
     *
     * @return the announced size
     */
    OptionalLong announcedBytes() {
        return announcedBytes;
    }

    /**
     * Returns the final reply's code, once it arrived.
     *
     * @return the code, or {@code null} before the final reply
     */
    @Nullable Integer finalCode() {
        return finalCode;
    }

    @Override
    public void dispose() {
        subscription.dispose();
    }

    @Override
    public boolean isDisposed() {
        return subscription.isDisposed();
    }
}
