package io.ftpflux.reactive;

import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyPayloads;
import io.ftpflux.reactive.internal.ControlConnection.Exchange;
import java.time.Duration;
import java.util.OptionalLong;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * An exchange that notes the byte count a transfer's preliminary reply announces ({@code 150 ... (N bytes)}),
 * so that a download can tell its caller whether that hint was there to check the transfer against.
 */
final class AnnouncedSizeExchange implements Exchange {

    private final Exchange exchange;
    private volatile OptionalLong announced = OptionalLong.empty();

    AnnouncedSizeExchange(Exchange exchange) {
        this.exchange = exchange;
    }

    /**
     * Returns the byte count the first preliminary reply with one announced.
     *
     * @return the announced count, or empty if none did
     */
    OptionalLong announced() {
        return announced;
    }

    @Override
    public Flux<FtpReply> send(FtpCommand command) {
        return exchange.send(command).doOnNext(this::note);
    }

    @Override
    public Flux<FtpReply> transfer(FtpCommand command) {
        return exchange.transfer(command).doOnNext(this::note);
    }

    private void note(FtpReply reply) {
        if (reply.isPreliminary() && announced.isEmpty()) {
            announced = ReplyPayloads.announcedByteCount(reply);
        }
    }

    @Override
    public Flux<FtpReply> awaitGreeting(Duration timeout) {
        return exchange.awaitGreeting(timeout);
    }

    @Override
    public Scheduler timers() {
        return exchange.timers();
    }
}
