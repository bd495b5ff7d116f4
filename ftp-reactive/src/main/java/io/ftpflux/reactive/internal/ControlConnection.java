package io.ftpflux.reactive.internal;

import io.ftpflux.core.FtpConnectionException;
import io.ftpflux.core.FtpDataIntegrityException;
import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.FtpUnsafeArgumentException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.reactive.event.FtpEvent;
import io.ftpflux.core.reply.ReplyCode;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * One control connection as a serialized conversation (RFC 959 §5.4): at most one conversation at a time,
 * replies matched to commands by position.
 *
 * <p>A conversation is a function of an {@link Exchange}, so that sequences that must stay together
 * (USER/PASS, RNFR/RNTO, REST/RETR, PASV/RETR) do. It gets the connection when every earlier conversation
 * has ended <em>and</em> every command they sent has had its final reply: a cancelled command's reply is
 * consumed here, never handed to the next conversation. If those replies do not come within the resync
 * bound, the connection is closed rather than risk a stale reply.
 *
 * <p>All state lives on the channel's event loop: every entry point hops onto it, so there are no locks.
 * An unsolicited reply, a 421, a reply timeout, a protocol error or the end of the stream fails every
 * pending and queued conversation and closes the connection. A reply counts as unsolicited when no command
 * awaits one, and also when it was read before the command it would answer was sent: a server cannot answer
 * what it has not received, so a second reply to one command is never taken for the next command's. Replies
 * that arrive before anything was sent or awaited are kept for the greeting, however late the wait for it
 * begins.
 *
 * <p>With a keep-alive interval, a NOOP (RFC 959 §4.1.3) is sent whenever the connection has been idle that
 * long: no conversation running or queued, no reply awaited. A conversation that arrives meanwhile waits for
 * the NOOP's reply, so that reply is never mistaken for another command's, and no NOOP is ever sent during a
 * transfer.
 */
public final class ControlConnection {

    private static final Logger TRANSCRIPT = Loggers.getLogger("io.ftpflux.transcript");

    /** More preliminary replies than this to one command is a protocol violation, not a slow server. */
    static final int MAX_PRELIMINARY_REPLIES = 16;

    private final Connection connection;
    private final Channel channel;
    private final EventLoop loop;
    /** The event loop as a scheduler: timers of conversations fire there, without a thread of their own. */
    private final Scheduler timers;
    private final ControlCodec codec;
    private final Duration replyTimeout;
    private final Duration resyncTimeout;
    private final Duration keepAlive;

    // Confined to the event loop.
    private final ArrayDeque<Turn> waiting = new ArrayDeque<>();
    private final ArrayDeque<PendingReply> pending = new ArrayDeque<>();
    private @Nullable Turn active;
    private @Nullable FtpException closedWith;
    private @Nullable ScheduledFuture<?> resyncTimer;
    private @Nullable ScheduledFuture<?> keepAliveTimer;
    /** Replies that arrived before the first command or the wait for the greeting; null once either came. */
    private @Nullable List<ControlCodec.Received> early = new ArrayList<>();
    private final Events events;

    /**
     * Takes over a connected control channel: installs the codec and starts reading replies. Call it on the
     * channel's event loop as soon as the connection is established, before any byte is read (Reactor Netty's
     * {@code connect()} emits there).
     *
     * @param connection the Reactor Netty connection
     * @param codec the codec of this connection, not yet in any pipeline
     * @param replyTimeout how long a command may wait for its first reply
     * @param resyncTimeout how long the replies of cancelled commands may take before the connection is closed
     * @param keepAlive how long the connection may stay idle before a NOOP is sent, or {@link Duration#ZERO}
     *     for never
     * @param events where each command's start and end are reported
     */
    public ControlConnection(Connection connection, ControlCodec codec, Duration replyTimeout,
            Duration resyncTimeout, Duration keepAlive, Events events) {
        this.events = events;
        this.connection = connection;
        this.channel = connection.channel();
        this.loop = channel.eventLoop();
        this.timers = Schedulers.fromExecutorService(loop, "ftpflux-control");
        this.codec = codec;
        connection.addHandlerLast("ftpflux.control", codec);
        this.replyTimeout = replyTimeout;
        this.resyncTimeout = resyncTimeout;
        this.keepAlive = keepAlive;
        connection.inbound().receiveObject().subscribe(this::onMessage, this::onInboundError, this::onInboundEnd);
    }

    /**
     * Runs a conversation once every earlier one is over, and gives it the connection until it terminates
     * or is cancelled.
     *
     * <p>A conversation that fails with an {@link FtpException} other than a refusal (a reply exception), an
     * unsafe argument or a data-integrity failure closes the connection: after a timeout, a protocol error or a
     * broken connection, the conversation is no longer known to be in step with the server.
     *
     * @param body the conversation: what it sends and what it emits
     * @param <T> what the conversation emits
     * @return the conversation's signals; subscribing queues it
     */
    public <T> Flux<T> conversation(Function<Exchange, ? extends Publisher<T>> body) {
        return Flux.usingWhen(acquire(), body, Turn::release, Turn::releaseAfter, Turn::release);
    }

    /**
     * Returns the connection's event loop as a scheduler, for the timers of what runs on the connection: they fire
     * on the thread that reads its replies, and no other thread is needed. Never dispose it.
     *
     * @return the scheduler
     */
    public Scheduler timers() {
        return timers;
    }

    /**
     * Tells whether the connection is still usable.
     *
     * @return {@code false} once it failed or was closed
     */
    public boolean isOpen() {
        return closedWith == null && channel.isActive();
    }

    /**
     * Returns the Reactor Netty connection, for the TLS upgrade and the data connections' addresses.
     *
     * @return the connection
     */
    public Connection connection() {
        return connection;
    }

    /**
     * Closes the connection without a QUIT and fails whatever is pending.
     *
     * @param reason why, reported to anything still waiting
     */
    public void close(FtpException reason) {
        onLoop(() -> fail(reason));
    }

    /**
     * Completes when the channel is closed.
     *
     * @return a signal of the channel's closing
     */
    public Mono<Void> onClose() {
        return connection.onDispose();
    }

    private Mono<Turn> acquire() {
        return Mono.create(sink -> onLoop(() -> {
            if (closedWith != null) {
                sink.error(closedError());
                return;
            }
            Turn turn = new Turn(sink);
            waiting.add(turn);
            sink.onCancel(() -> onLoop(() -> {
                if (!waiting.remove(turn)) {
                    turn.releaseOnLoop();
                }
            }));
            startNext();
        }));
    }

    /** Starts the next conversation if the connection is free, or counts idle time towards a keep-alive. */
    private void startNext() {
        if (active != null || !pending.isEmpty() || closedWith != null) {
            return;
        }
        cancelKeepAlive();
        Turn next = waiting.poll();
        if (next != null) {
            active = next;
            next.sink.success(next);
        } else if (!keepAlive.isZero()) {
            keepAliveTimer = loop.schedule(this::sendKeepAlive, keepAlive.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void sendKeepAlive() {
        keepAliveTimer = null;
        if (active == null && pending.isEmpty() && waiting.isEmpty() && closedWith == null) {
            write(new PendingReply(FtpCommands.noop(), null, replyTimeout, FtpTimeoutException.Phase.REPLY, true));
        }
    }

    private void cancelKeepAlive() {
        if (keepAliveTimer != null) {
            keepAliveTimer.cancel(false);
            keepAliveTimer = null;
        }
    }

    private void write(PendingReply entry) {
        pending.add(entry);
        entry.armTimer();
        FtpCommand command = entry.command;
        if (command != null) {
            entry.sentDuringRead = codec.readsStarted();
            entry.span = events.start(FtpEvent.Type.COMMAND, command.toString());
            TRANSCRIPT.debug("--> {}", command);
            channel.writeAndFlush(command).addListener(written -> {
                if (!written.isSuccess()) {
                    fail(Failures.ofConnection(written.cause(), "sending " + command + " on the control connection"));
                }
            });
        }
    }

    private void onMessage(Object message) {
        if (closedWith != null) {
            return;
        }
        if (message instanceof FtpException error) {
            fail(error);
            return;
        }
        if (!(message instanceof ControlCodec.Received received)) {
            fail(new FtpProtocolException("unexpected message on the control connection: " + message));
            return;
        }
        TRANSCRIPT.debug("<-- {}", received.reply());
        onReply(received);
    }

    private void onReply(ControlCodec.Received received) {
        if (closedWith != null) {
            return;
        }
        FtpReply reply = received.reply();
        if (reply.code().value() == ReplyCode.SERVICE_NOT_AVAILABLE.value()) {
            fail(new FtpConnectionException("server closing the connection: " + oneLine(reply), null, reply));
            return;
        }
        PendingReply head = pending.peek();
        if (head == null && early != null) {
            // The greeting may arrive before anyone waits for it.
            if (early.size() > MAX_PRELIMINARY_REPLIES) {
                fail(new FtpProtocolException("more than " + MAX_PRELIMINARY_REPLIES
                        + " preliminary replies before the greeting"));
                return;
            }
            early.add(received);
            return;
        }
        if (head == null || received.read() <= head.sentDuringRead) {
            fail(unsolicited(reply, head));
            return;
        }
        head.cancelTimer();
        if (reply.isPreliminary()) {
            if (++head.preliminaryReplies > MAX_PRELIMINARY_REPLIES) {
                fail(new FtpProtocolException("more than " + MAX_PRELIMINARY_REPLIES
                        + " preliminary replies to " + describe(head.command)));
                return;
            }
            if (head.rearmAfterPreliminary) {
                head.armTimer();
            }
            head.emit(reply);
            return;
        }
        pending.poll();
        head.complete(reply);
        if (pending.isEmpty() && active == null) {
            cancelResyncTimer();
            startNext();
        }
    }

    private static FtpProtocolException unsolicited(FtpReply reply, @Nullable PendingReply head) {
        return new FtpProtocolException("unsolicited reply from the server: " + oneLine(reply)
                + (head == null ? "" : " (read before " + describe(head.command) + " was sent)"));
    }

    private void onInboundError(Throwable error) {
        fail(Failures.ofConnection(error, "the control connection"));
    }

    private void onInboundEnd() {
        fail(new FtpConnectionException("the server closed the control connection", null));
    }

    private void fail(FtpException reason) {
        if (closedWith != null) {
            return;
        }
        closedWith = reason;
        cancelResyncTimer();
        cancelKeepAlive();
        for (PendingReply reply; (reply = pending.poll()) != null; ) {
            reply.failWith(reason);
        }
        for (Turn turn; (turn = waiting.poll()) != null; ) {
            turn.sink.error(reason);
        }
        active = null;
        connection.dispose();
    }

    /** What an operation that comes after the connection closed is told: the connection is gone, and why. */
    private FtpConnectionException closedError() {
        FtpException reason = closedWith;
        return new FtpConnectionException("the control connection is closed: "
                + (reason == null ? "closed" : reason.getMessage()), reason,
                reason instanceof FtpConnectionException connectionFailure ? connectionFailure.reply() : null);
    }

    /** A failure after which the conversation may be out of step with the server, so the connection must go. */
    private static boolean breaksConversation(Throwable error) {
        return error instanceof FtpException
                && !(error instanceof FtpReplyException)
                && !(error instanceof FtpUnsafeArgumentException)
                && !(error instanceof FtpDataIntegrityException);
    }

    private void cancelResyncTimer() {
        if (resyncTimer != null) {
            resyncTimer.cancel(false);
            resyncTimer = null;
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private static String oneLine(FtpReply reply) {
        return reply.code() + " " + reply.text().replace('\n', ' ');
    }

    private static String describe(@Nullable FtpCommand command) {
        return command == null ? "the greeting" : command.toString();
    }

    /** What a conversation can do with the connection while it has it. */
    public interface Exchange {

        /**
         * Sends a command and emits its replies: any preliminary (1yz) ones, then exactly one final one. The
         * reply timeout applies to the first reply and again after each preliminary one. Cancelling before the
         * final reply leaves that reply to be consumed by the connection. One command at a time: sending while an
         * earlier command of the conversation (cancelled or not) awaits its final reply fails with
         * {@link IllegalStateException} and sends nothing.
         *
         * @param command the command
         * @return the replies; subscribing sends the command
         */
        Flux<FtpReply> send(FtpCommand command);

        /**
         * Sends a command that moves data (RETR, STOR, LIST...) and emits its replies, as {@link #send}, except
         * that the reply timeout applies only to the first reply: after a 1yz the final reply comes when the data
         * is done, and the caller bounds that wait (data idle, then the reply timeout after the data ended).
         *
         * @param command the transfer command
         * @return the replies; subscribing sends the command
         */
        Flux<FtpReply> transfer(FtpCommand command);

        /**
         * Waits for a reply without sending anything: the greeting (RFC 959 §5.4: 120 then 220, or 220).
         *
         * @param timeout how long the first reply, and the 220 after a 120, may take
         * @return the replies, preliminary ones then the final one
         */
        Flux<FtpReply> awaitGreeting(Duration timeout);

        /**
         * Returns the scheduler for the conversation's timers: the connection's event loop, as
         * {@link ControlConnection#timers()}.
         *
         * @return the scheduler
         */
        Scheduler timers();

        /**
         * Sends a command and emits its final reply, failing with {@link FtpReplyException} when that reply
         * is negative (4yz, 5yz).
         *
         * @param command the command
         * @return the positive final reply
         */
        default Mono<FtpReply> execute(FtpCommand command) {
            return send(command).filter(FtpReply::isFinal).single().flatMap(reply -> positive(command, reply));
        }

        /**
         * Fails with {@link FtpReplyException} when a reply is negative.
         *
         * @param command the command the reply answers, or {@code null} for the greeting
         * @param reply the final reply
         * @return the reply if positive
         */
        static Mono<FtpReply> positive(@Nullable FtpCommand command, FtpReply reply) {
            return reply.code().category().isNegative()
                    ? Mono.error(FtpReplyException.of(command, reply))
                    : Mono.just(reply);
        }
    }

    /** A conversation's hold on the connection, from the moment it starts until it releases it. */
    private final class Turn implements Exchange {
        private final MonoSink<Turn> sink;
        private boolean released;

        Turn(MonoSink<Turn> sink) {
            this.sink = sink;
        }

        @Override
        public Flux<FtpReply> send(FtpCommand command) {
            return register(command, replyTimeout, FtpTimeoutException.Phase.REPLY, true);
        }

        @Override
        public Flux<FtpReply> transfer(FtpCommand command) {
            return register(command, replyTimeout, FtpTimeoutException.Phase.REPLY, false);
        }

        @Override
        public Flux<FtpReply> awaitGreeting(Duration timeout) {
            return register(null, timeout, FtpTimeoutException.Phase.GREETING, true);
        }

        @Override
        public Scheduler timers() {
            return timers;
        }

        private Flux<FtpReply> register(@Nullable FtpCommand command, Duration timeout,
                FtpTimeoutException.Phase phase, boolean rearmAfterPreliminary) {
            return Flux.create(replies -> onLoop(() -> {
                if (closedWith != null) {
                    replies.error(closedError());
                    return;
                }
                if (released || active != this) {
                    replies.error(new IllegalStateException(describe(command) + " sent outside its conversation"));
                    return;
                }
                PendingReply unanswered = pending.peek();
                if (unanswered != null) {
                    // RFC 959 §5.4: one command at a time; a second one would take the first one's reply.
                    replies.error(new IllegalStateException(describe(command) + " sent while "
                            + describe(unanswered.command) + " still awaits its final reply"));
                    return;
                }
                if (command != null) {
                    try {
                        // Refused before it is queued, so nothing was sent and the session stays in step.
                        codec.encode(command);
                    } catch (FtpUnsafeArgumentException unencodable) {
                        replies.error(unencodable);
                        return;
                    }
                }
                PendingReply entry = new PendingReply(command, replies, timeout, phase, rearmAfterPreliminary);
                replies.onDispose(() -> onLoop(entry::abandon));
                List<ControlCodec.Received> arrived = early == null ? List.of() : early;
                early = null;
                if (command != null && !arrived.isEmpty()) {
                    // Replies before the first command, with no wait for the greeting: none was solicited.
                    fail(unsolicited(arrived.get(0).reply(), null));
                    replies.error(closedError());
                    return;
                }
                write(entry);
                arrived.forEach(ControlConnection.this::onReply);
            }));
        }

        /** Completes once the connection is free for the next conversation, so that callers see it free. */
        Mono<Void> release() {
            return done(this::releaseOnLoop);
        }

        /** Completes once the connection is released, or closed when the failure broke the conversation. */
        Mono<Void> releaseAfter(Throwable error) {
            return breaksConversation(error) ? done(() -> fail((FtpException) error)) : release();
        }

        private Mono<Void> done(Runnable onLoopTask) {
            return Mono.create(sink -> onLoop(() -> {
                onLoopTask.run();
                sink.success();
            }));
        }

        void releaseOnLoop() {
            if (released) {
                return;
            }
            released = true;
            if (active != this) {
                return;
            }
            active = null;
            if (pending.isEmpty()) {
                startNext();
            } else if (resyncTimer == null) {
                // Commands of this conversation still await replies: they are consumed before the next
                // conversation starts, within a bound.
                resyncTimer = loop.schedule(() -> fail(new FtpTimeoutException(FtpTimeoutException.Phase.REPLY,
                        resyncTimeout, "replies to cancelled commands never came; closing the connection")),
                        resyncTimeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * A command (or the greeting) waiting for its final reply. A keep-alive NOOP has no sink: its replies are
     * consumed here.
     */
    private final class PendingReply {
        final @Nullable FtpCommand command;
        private final @Nullable FluxSink<FtpReply> replies;
        private final Duration timeout;
        private final FtpTimeoutException.Phase phase;
        final boolean rearmAfterPreliminary;
        /** The read in progress when the command was sent: replies from it or an earlier one cannot answer it. */
        long sentDuringRead = -1;
        int preliminaryReplies;
        private @Nullable ScheduledFuture<?> timer;
        private boolean done;
        private boolean abandoned;
        private Events.Span span = Events.Span.NOOP;

        PendingReply(@Nullable FtpCommand command, @Nullable FluxSink<FtpReply> replies, Duration timeout,
                FtpTimeoutException.Phase phase, boolean rearmAfterPreliminary) {
            this.command = command;
            this.replies = replies;
            this.timeout = timeout;
            this.phase = phase;
            this.rearmAfterPreliminary = rearmAfterPreliminary;
        }

        void armTimer() {
            timer = loop.schedule(() -> ControlConnection.this.fail(new FtpTimeoutException(phase, timeout,
                    "no reply to " + describe(command))), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        void emit(FtpReply reply) {
            if (listening()) {
                replies.next(reply);
            }
        }

        void complete(FtpReply reply) {
            done = true;
            cancelTimer();
            span.succeeded(reply.code().value(), -1);
            if (listening()) {
                replies.next(reply);
                replies.complete();
            }
        }

        void failWith(FtpException reason) {
            done = true;
            cancelTimer();
            span.failed(reason);
            if (listening()) {
                replies.error(reason);
            }
        }

        /**
         * Tells whether anyone still wants the replies. A cancelled subscriber tells the loop through
         * {@link #abandon()}, which may run after a failure; its sink already knows.
         */
        private boolean listening() {
            return !abandoned && replies != null && !replies.isCancelled();
        }

        void abandon() {
            if (!done) {
                abandoned = true;
            }
        }
    }
}
