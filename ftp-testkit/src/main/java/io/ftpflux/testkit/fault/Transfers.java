package io.ftpflux.testkit.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The data side of RETR, LIST, NLST, MLSD, STOR and APPE (RFC 959 §3.2–3.3, §5.4): preliminary reply, data
 * connection, data, end of data and final reply, each shaped by the command's {@link FaultPlan}.
 *
 * <p>Downloads go through {@code NettyOutbound.send(Publisher)}, which requests more only while the channel is
 * writable, from buffers that wrap the file's arrays: a slow or stalled client holds the server back instead of
 * filling its memory. Uploads are read on demand, so a throttled or stalled server pushes back on the client
 * through TCP.
 */
final class Transfers {

    static final String TRANSFER_COMPLETE = "226 Transfer complete.\r\n";

    private final FaultServer server;
    private final ControlSession session;

    Transfers(FaultServer server, ControlSession session) {
        this.server = server;
        this.session = session;
    }

    Mono<Void> download(FaultPlan plan, DataEndpoint endpoint, FileContent content, long offset, String what) {
        FileContent body = plan.sendData == null ? content : FileContent.of(plan.sendData.unsafeArray());
        long from = plan.sendData == null ? offset : 0;
        long announced = plan.sizeToAnnounce != null ? plan.sizeToAnnounce : body.size() - from;
        return session.firstReply(plan, preliminaryReplies(plan,
                        "150 Opening BINARY mode data connection for " + what + " (" + announced + " bytes).\r\n"))
                .then(endpoint.connection(session.scheduler()))
                .flatMap(data -> send(plan, data, body, from))
                .onErrorResume(this::failed)
                .doFinally(signal -> endpoint.close());
    }

    Mono<Void> upload(FaultPlan plan, DataEndpoint endpoint, String path, long keep) {
        String size = plan.sizeToAnnounce == null ? "" : " (" + plan.sizeToAnnounce + " bytes)";
        return session.firstReply(plan, preliminaryReplies(plan, "150 Ok to send data" + size + ".\r\n"))
                .then(endpoint.connection(session.scheduler()))
                .flatMap(data -> receive(plan, data, path, keep))
                .onErrorResume(this::failed)
                .doFinally(signal -> endpoint.close());
    }

    private List<RawBytes> preliminaryReplies(FaultPlan plan, String normal) {
        return plan.preliminaryReplies != null ? plan.preliminaryReplies : List.of(RawBytes.of(session.bytes(normal)));
    }

    private Mono<Void> send(FaultPlan plan, Connection data, FileContent body, long from) {
        long end = plan.dataEnd == FaultPlan.DataEnd.EOF
                ? body.size() : Math.min(body.size(), from + Math.min(plan.dataLimit, body.size()));
        Scheduler dataLoop = Schedulers.fromExecutorService(data.channel().eventLoop(), "ftp-fault-data");
        Flux<ByteBuf> chunks = chunks(body, from, end, plan.throttle, dataLoop)
                .doOnNext(chunk -> server.produced(chunk.readableBytes()));
        Mono<Void> sent = data.outbound().send(chunks).then();
        return switch (plan.dataEnd) {
            case STALL -> sent.then(Mono.never());
            case RESET -> sent.then(reset(data)).then(finalReply(plan));
            case EOF, CLOSE -> plan.eofDelayAfterFinalReply == null
                    ? sent.then(close(data)).then(finalReply(plan))
                    : sent.then(finalReply(plan))
                            .then(Mono.delay(plan.eofDelayAfterFinalReply, dataLoop))
                            .then(close(data));
        };
    }

    private Mono<Void> receive(FaultPlan plan, Connection data, String path, long keep) {
        long limit = plan.dataEnd == FaultPlan.DataEnd.EOF ? Long.MAX_VALUE : plan.dataLimit;
        Scheduler dataLoop = Schedulers.fromExecutorService(data.channel().eventLoop(), "ftp-fault-data");
        UploadBuffer received = new UploadBuffer(server.maxUploadSize());
        boolean finalFirst = plan.eofDelayAfterFinalReply != null;
        Mono<Void> reading = limit == 0 ? Mono.empty() : data.inbound().receive().asByteArray()
                .concatMap(bytes -> {
                    int take = (int) Math.min(bytes.length, limit - received.size());
                    received.append(bytes, take);
                    Mono<Void> pace = plan.throttle == 0 ? Mono.empty() : Mono.delay(pause(take, plan.throttle), dataLoop).then();
                    if (received.size() >= limit && plan.dataEnd == FaultPlan.DataEnd.STALL) {
                        return pace.then(Mono.never());
                    }
                    return pace.thenReturn(take);
                })
                .takeUntil(taken -> received.size() >= limit)
                .then();
        Mono<Void> ending = Mono.defer(() -> {
            if (received.size() < limit) {
                return close(data);
            }
            return switch (plan.dataEnd) {
                case STALL -> Mono.never();
                case RESET -> reset(data);
                case EOF, CLOSE -> close(data);
            };
        });
        return (finalFirst ? finalReply(plan) : Mono.<Void>empty())
                .then(reading)
                .then(ending)
                .then(Mono.defer(() -> {
                    if (!server.fileSystem().store(path, received.toByteArray(), keep)) {
                        return session.finalReply(session.bytes("553 Could not store " + path + ".\r\n"));
                    }
                    return finalFirst ? Mono.empty() : finalReply(plan);
                }));
    }

    /** The final reply, after the plan's delay, unless the plan omits it. */
    private Mono<Void> finalReply(FaultPlan plan) {
        if (plan.omitFinalReply) {
            return Mono.empty();
        }
        byte[] reply = plan.finalReply == null
                ? session.bytes(TRANSFER_COMPLETE) : plan.finalReply.unsafeArray();
        Mono<Void> wait = plan.finalReplyDelay.isZero()
                ? Mono.empty() : Mono.delay(plan.finalReplyDelay, session.scheduler()).then();
        return wait.then(session.finalReply(reply));
    }

    private Mono<Void> failed(Throwable failure) {
        if (failure instanceof DataEndpoint.DataConnectionException) {
            return session.finalReply(session.bytes("425 Cannot open data connection: "
                    + failure.getMessage().replaceAll("[\r\n]", " ") + "\r\n"));
        }
        if (failure instanceof UploadBuffer.TooLarge) {
            return session.finalReply(session.bytes("552 " + failure.getMessage() + "\r\n"));
        }
        return session.finalReply(session.bytes(ControlSession.TRANSFER_ABORTED));
    }

    /**
     * The content from {@code from} to {@code to} in slices of at most {@link FileContent#CHUNK_SIZE}, created only
     * when requested. With a rate, slices are a tenth of a second's worth and each waits its share of time first.
     */
    static Flux<ByteBuf> chunks(FileContent content, long from, long to, long bytesPerSecond, Scheduler timer) {
        int chunkSize = bytesPerSecond == 0
                ? FileContent.CHUNK_SIZE : (int) Math.max(1, Math.min(FileContent.CHUNK_SIZE, bytesPerSecond / 10));
        Flux<Range> ranges = Flux.generate(() -> from, (position, sink) -> {
            if (position >= to) {
                sink.complete();
                return position;
            }
            int length = (int) Math.min(chunkSize, to - position);
            sink.next(new Range(position, length));
            return position + length;
        });
        if (bytesPerSecond > 0) {
            ranges = ranges.concatMap(range -> Mono.delay(pause(range.length(), bytesPerSecond), timer).thenReturn(range));
        }
        return ranges.map(range -> content.slice(range.position(), range.length()));
    }

    private static Duration pause(long bytes, long bytesPerSecond) {
        return Duration.ofNanos(bytes * 1_000_000_000L / bytesPerSecond);
    }

    private static Mono<Void> close(Connection data) {
        return Mono.fromRunnable(data::dispose).then(data.onDispose());
    }

    /** Closes with {@code SO_LINGER} 0, so the peer gets an RST instead of a FIN. */
    private static Mono<Void> reset(Connection data) {
        return Mono.fromRunnable(() -> {
            data.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            data.dispose();
        }).then(data.onDispose());
    }

    private record Range(long position, int length) {
    }

    /** Received upload bytes, refusing to grow past the server's limit. */
    private static final class UploadBuffer {

        /** The upload would exceed the server's limit (the server replies 552). */
        static final class TooLarge extends RuntimeException {
            private static final long serialVersionUID = 1L;

            TooLarge(long limit) {
                super("Upload exceeds the fault server's limit of " + limit + " bytes.");
            }
        }

        private final long limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        UploadBuffer(long limit) {
            this.limit = limit;
        }

        void append(byte[] chunk, int length) {
            if (bytes.size() + (long) length > limit) {
                throw new TooLarge(limit);
            }
            bytes.write(chunk, 0, length);
        }

        long size() {
            return bytes.size();
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
