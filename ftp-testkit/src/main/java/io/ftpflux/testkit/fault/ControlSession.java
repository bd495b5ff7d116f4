package io.ftpflux.testkit.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * One control connection: frames command lines, runs one command at a time in arrival order (RFC 959 §4.1),
 * writes replies with the faults that apply, and lets ABOR interrupt a running transfer.
 *
 * <p>Everything here is confined to the connection's event loop; work that completes elsewhere (a data
 * connection, a timer) hops back before it touches this state or writes.
 */
final class ControlSession {

    private static final Logger LOG = Loggers.getLogger(ControlSession.class);

    static final String GREETING = "220 ftpflux fault server ready.\r\n";
    static final String TRANSFER_ABORTED = "426 Connection closed; transfer aborted.\r\n";

    /** What is being processed: the greeting or one command. */
    private static final class InFlight {
        final boolean transfer;
        Disposable subscription = Disposables.disposed();
        boolean finalReplySent;

        InFlight(boolean transfer) {
            this.transfer = transfer;
        }
    }

    private record Queued(ReceivedCommand command, boolean truncated) {
    }

    private final FaultServer server;
    private final Connection connection;
    private final int id;
    private final EventLoop loop;
    private final Scheduler scheduler;
    private final CommandLineDecoder decoder;
    private final ArrayDeque<Queued> pending = new ArrayDeque<>();
    private final Disposable.Composite background = Disposables.composite();
    private final CommandHandler handler;
    private @Nullable InFlight inFlight;
    /** Control bytes left before a {@link Fault.CloseControl} closes the connection; negative when unarmed. */
    private long closeBudget = -1;
    private boolean closed;
    private boolean abortedTransfer;

    ControlSession(FaultServer server, Connection connection, int id) {
        this.server = server;
        this.connection = connection;
        this.id = id;
        this.decoder = new CommandLineDecoder(server.charset());
        this.loop = connection.channel().eventLoop();
        // Never disposed: disposing would shut the event loop down.
        this.scheduler = Schedulers.fromExecutorService(loop, "ftp-fault-control-" + id);
        this.handler = new CommandHandler(server, this);
        connection.onDispose(this::terminate);
    }

    /** Greets, then processes commands until the client disconnects; the returned Mono ends with the input. */
    Mono<Void> run() {
        start(false, reply(server.planForConnect(id), GREETING));
        return connection.inbound().receive()
                .doOnNext(this::onInbound)
                .onErrorResume(failure -> Mono.empty())
                .then();
    }

    Scheduler scheduler() {
        return scheduler;
    }

    InetAddress localAddress() {
        return ((InetSocketAddress) connection.channel().localAddress()).getAddress();
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the control connection (QUIT, a test's request); the session ends through {@link #terminate()}. */
    void close() {
        onLoop(() -> {
            closed = true;
            connection.dispose();
        });
    }

    /** True once, after ABOR interrupted a transfer, so that ABOR's own reply says so. */
    boolean takeAbortedTransfer() {
        boolean aborted = abortedTransfer;
        abortedTransfer = false;
        return aborted;
    }

    private void onInbound(ByteBuf buffer) {
        for (CommandLineDecoder.Line line : decoder.feed(buffer)) {
            ReceivedCommand command = server.record(id, line.text());
            if (command == null) {
                write(bytes("421 The fault server's command log is full.\r\n")).subscribe();
                close();
                return;
            }
            if (command.is("ABOR")) {
                abortTransfer();
            }
            pending.add(new Queued(command, line.truncated()));
        }
        drain();
    }

    private void drain() {
        while (inFlight == null && !closed && !pending.isEmpty()) {
            Queued next = pending.poll();
            String verb = next.command().verb();
            // Deferred, so that a handler that throws fails this command with a 451 instead of the connection.
            start(Verbs.usesDataConnection(verb), Mono.defer(() -> handler.handle(next.command(), next.truncated())));
        }
    }

    private void start(boolean transfer, Mono<Void> work) {
        InFlight current = new InFlight(transfer);
        inFlight = current;
        current.subscription = work.subscribe(null, failure -> finished(current, failure), () -> finished(current, null));
    }

    private void finished(InFlight current, @Nullable Throwable failure) {
        onLoop(() -> {
            if (failure != null && !closed) {
                LOG.warn("Fault server connection " + id + " failed a command", failure);
                write(bytes("451 Fault server error: " + String.valueOf(failure).replaceAll("[\r\n]", " ") + "\r\n"))
                        .subscribe();
            }
            if (inFlight == current) {
                inFlight = null;
                drain();
            }
        });
    }

    /** ABOR on arrival: stops the running transfer (its data connection closes) and answers it with 426. */
    private void abortTransfer() {
        InFlight current = inFlight;
        if (current == null || !current.transfer || current.finalReplySent) {
            return;
        }
        inFlight = null;
        current.subscription.dispose();
        abortedTransfer = true;
        write(bytes(TRANSFER_ABORTED)).subscribe();
    }

    private void terminate() {
        closed = true;
        pending.clear();
        background.dispose();
        InFlight current = inFlight;
        inFlight = null;
        if (current != null) {
            current.subscription.dispose();
        }
        handler.close();
        server.sessionEnded(this);
    }

    /** The command's only reply, with the plan's control faults. */
    Mono<Void> reply(FaultPlan plan, String normal) {
        return firstReply(plan, List.of(RawBytes.of(bytes(normal))));
    }

    /**
     * The command's first replies (for a transfer, its preliminary replies) with the plan's control faults: a
     * delay or never, the close budget, prepended bytes, the replacement if any, then the unsolicited bytes.
     */
    Mono<Void> firstReply(FaultPlan plan, List<RawBytes> replies) {
        Mono<Void> wait = plan.neverReply ? Mono.never()
                : plan.replyDelay.isZero() ? Mono.empty() : Mono.delay(plan.replyDelay, scheduler).then();
        return wait.then(onLoop(Mono.defer(() -> {
            if (plan.closeControlAfter != null) {
                armCloseBudget(plan.closeControlAfter);
            }
            List<RawBytes> out = new ArrayList<>(plan.prepend);
            if (plan.reply != null) {
                out.add(plan.reply);
            } else {
                out.addAll(replies);
            }
            return writeAll(out).then(unsolicited(plan));
        })));
    }

    /** A transfer's final reply; from here on ABOR no longer interrupts it. */
    Mono<Void> finalReply(byte[] reply) {
        return onLoop(Mono.defer(() -> {
            if (inFlight != null) {
                inFlight.finalReplySent = true;
            }
            return writeNow(reply);
        }));
    }

    /** Writes bytes as they are, subject only to the close budget. */
    Mono<Void> write(byte[] bytes) {
        return onLoop(Mono.defer(() -> writeNow(bytes)));
    }

    private Mono<Void> writeAll(List<RawBytes> replies) {
        Mono<Void> chain = Mono.empty();
        for (RawBytes reply : replies) {
            chain = chain.then(Mono.defer(() -> writeNow(reply.unsafeArray())));
        }
        return chain;
    }

    private Mono<Void> unsolicited(FaultPlan plan) {
        Mono<Void> immediate = Mono.empty();
        for (Fault.Unsolicited extra : plan.unsolicited) {
            byte[] raw = extra.raw().unsafeArray();
            if (extra.delay().isZero()) {
                immediate = immediate.then(Mono.defer(() -> writeNow(raw)));
            } else {
                background.add(Mono.delay(extra.delay(), scheduler).then(write(raw)).subscribe());
            }
        }
        return immediate;
    }

    private void armCloseBudget(long bytes) {
        closeBudget = closeBudget < 0 ? bytes : Math.min(closeBudget, bytes);
        if (closeBudget == 0) {
            closed = true;
            connection.dispose();
        }
    }

    private Mono<Void> writeNow(byte[] bytes) {
        if (closed) {
            return Mono.empty();
        }
        byte[] out = bytes;
        boolean closeAfter = false;
        if (closeBudget >= 0) {
            if (bytes.length >= closeBudget) {
                out = Arrays.copyOf(bytes, (int) closeBudget);
                closeAfter = true;
                closed = true;
            } else {
                closeBudget -= bytes.length;
            }
        }
        Mono<Void> sent = out.length == 0 ? Mono.empty() : connection.outbound().sendByteArray(Mono.just(out)).then();
        if (closeAfter) {
            return sent.onErrorResume(failure -> Mono.empty()).then(Mono.fromRunnable(connection::dispose));
        }
        return sent;
    }

    /** Runs {@code work} on this connection's event loop, at once when already there. */
    <T> Mono<T> onLoop(Mono<T> work) {
        return Mono.defer(() -> loop.inEventLoop() ? work : work.subscribeOn(scheduler));
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException shuttingDown) {
                // The server is closing; the connection goes with it.
            }
        }
    }

    /** A reply the server writes itself, in its charset: names in it (257, MLST) go out as the listings show them. */
    byte[] bytes(String text) {
        return text.getBytes(server.charset());
    }
}
