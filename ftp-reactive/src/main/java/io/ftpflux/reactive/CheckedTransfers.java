package io.ftpflux.reactive;

import io.ftpflux.core.FtpDataIntegrityException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.feature.Features;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.MlsdListingParser;
import io.ftpflux.core.reply.ReplyPayloads;
import io.ftpflux.core.transfer.NetworkAsciiDecoder;
import io.ftpflux.reactive.internal.ControlConnection.Exchange;
import io.ftpflux.reactive.event.FtpEvent;
import io.ftpflux.reactive.internal.DataChannel;
import io.ftpflux.reactive.internal.DataTls;
import io.ftpflux.reactive.internal.DataTransfers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;

/**
 * The transfers of a session whose sizes are checked: downloads from an offset and to files, uploads from files,
 * with the remote size from SIZE (RFC 3659 §4) or MLST (§7.2) and restarts with REST (§5).
 *
 * <p>Each method runs inside a conversation the session opened, so the size, REST and the transfer command
 * stay together.
 */
final class CheckedTransfers {

    private final Supplier<Features> features;
    private final Charset controlCharset;
    private final Function<Exchange, Mono<DataChannel>> dataChannels;
    private final DataTransfers.Settings settings;
    private final boolean ascii;

    /**
     * Creates the transfers of one session.
     *
     * @param features the features the server announced, read when a transfer starts
     * @param controlCharset the charset of the control connection, for MLST replies
     * @param dataChannels prepares a data connection within a conversation
     * @param settings the timeouts of a transfer
     * @param ascii {@code true} in the ASCII type: file transfers convert line ends, and sizes may disagree
     */
    CheckedTransfers(Supplier<Features> features, Charset controlCharset,
            Function<Exchange, Mono<DataChannel>> dataChannels, DataTransfers.Settings settings, boolean ascii) {
        this.features = features;
        this.controlCharset = controlCharset;
        this.dataChannels = dataChannels;
        this.settings = settings;
        this.ascii = ascii;
    }

    /**
     * Downloads a file from an offset: the remote size, then REST and RETR, which must bring exactly the rest.
     *
     * @return the bytes from the offset on, borrowed as those of {@link FtpSession#download(String)}
     */
    Flux<ByteBuf> from(Exchange exchange, String path, long offset) {
        return remoteSize(exchange, path).flatMapMany(size -> {
            if (size.isEmpty()) {
                return Flux.error(new FtpDataIntegrityException("cannot check a download of " + path
                        + " from byte " + offset + ": the server reports no size (neither SIZE nor MLST)"));
            }
            long remaining = size.getAsLong() - offset;
            if (remaining < 0) {
                return Flux.error(new FtpDataIntegrityException("cannot download " + path + " from byte " + offset
                        + ": it has " + size.getAsLong() + " bytes", size.getAsLong(), offset));
            }
            return atMost(DataTransfers.receive(exchange, dataChannelAt(exchange, offset), FtpCommands.retr(path),
                    OptionalLong.of(remaining), settings), remaining, path, offset);
        });
    }

    /**
     * Asks a remote file's size: SIZE (RFC 3659 §4), or MLST (§7.2) when the server has no SIZE.
     *
     * @return the size; empty when the server offers neither, or MLST shows no size; a refusal fails with its
     *     reply exception
     */
    private Mono<OptionalLong> remoteSize(Exchange exchange, String path) {
        if (features.get().supportsSize()) {
            return exchange.execute(FtpCommands.size(path)).map(reply -> OptionalLong.of(ReplyPayloads.size(reply)));
        }
        if (features.get().supportsMlst()) {
            return exchange.execute(FtpCommands.mlst(path)).map(reply -> {
                FtpEntry entry = MlsdListingParser.parseMlstReply(reply, controlCharset);
                // Only the size fact: sizd, the size of a directory's listing, is not a file size.
                return entry.fact("size") != null && entry.size() != null
                        ? OptionalLong.of(entry.size())
                        : OptionalLong.empty();
            });
        }
        return Mono.just(OptionalLong.empty());
    }

    /**
     * Downloads to a part file: the remote size, then REST when resuming, then RETR, each buffer handed to the
     * file as it arrives and the next read as writes complete.
     *
     * @return the result, once the server confirmed the transfer and the size was checked
     */
    Mono<DownloadResult> toFile(Exchange exchange, String path, Path target, PartFile file,
            DownloadOptions options) {
        return remoteSize(exchange, path)
                // RETR will say why, if the file cannot be read; SIZE may fail for other reasons.
                .onErrorResume(FtpReplyException.class, refused -> Mono.just(OptionalLong.empty()))
                .flatMap(size -> {
                    if (ascii) {
                        return asciiToFile(exchange, path, target, file, size);
                    }
                    long offset = resumeOffset(file.existingBytes(), size, options);
                    OptionalLong expected = size.isPresent()
                            ? OptionalLong.of(size.getAsLong() - offset)
                            : OptionalLong.empty();
                    AnnouncedSizeExchange watched = new AnnouncedSizeExchange(exchange);
                    DataTlsRecord tls = new DataTlsRecord();
                    Flux<ByteBuf> data = DataTransfers.receive(watched,
                            tls.record(offset == 0 ? dataChannels.apply(exchange) : dataChannelAt(exchange, offset)),
                            FtpCommands.retr(path), expected, settings);
                    Flux<ByteBuf> checked = expected.isPresent()
                            ? atMost(data, expected.getAsLong(), path, offset)
                            : data;
                    // Each buffer is handed to the file in its onNext, none is queued; a new one is requested
                    // as each write completes, at most a few in flight.
                    return file.startAt(offset)
                            .thenMany(checked.flatMap(file::write, PartFile.MAX_WRITES_IN_FLIGHT, 1))
                            .then(Mono.fromSupplier(() -> new DownloadResult(target, offset + file.transferred(),
                                    offset, expected.isPresent() || watched.announced().isPresent(), tls.details())));
                });
    }

    /**
     * Downloads to a part file in the ASCII type, converting network line ends to LF; never resumed (the engine
     * refuses to, see {@code io.ftpflux.core.transfer}).
     *
     * <p>The byte count cannot bound the transfer: SIZE is the network size per RFC 3659 §4, but many servers
     * report the stored size, which is smaller by a CR per line. So nothing fails on a size; the result is
     * verified only when the network byte count equals the reported size.
     */
    private Mono<DownloadResult> asciiToFile(Exchange exchange, String path, Path target, PartFile file,
            OptionalLong size) {
        NetworkAsciiDecoder decoder = new NetworkAsciiDecoder();
        long[] networkBytes = {0};
        DataTlsRecord tls = new DataTlsRecord();
        Flux<ByteBuf> data = DataTransfers.receive(exchange, tls.record(dataChannels.apply(exchange)),
                FtpCommands.retr(path),
                OptionalLong.empty(), settings);
        return file.startAt(0)
                .thenMany(data.flatMap(network -> {
                    networkBytes[0] += network.readableBytes();
                    return written(file, AsciiConversion.decode(decoder, network));
                }, PartFile.MAX_WRITES_IN_FLIGHT, 1))
                .then(Mono.defer(() -> written(file, AsciiConversion.finish(decoder, ByteBufAllocator.DEFAULT))))
                .then(Mono.fromSupplier(() -> new DownloadResult(target, file.transferred(), 0,
                        size.isPresent() && size.getAsLong() == networkBytes[0], tls.details())));
    }

    /** Writes a buffer the caller owns to the part file, and gives it up: the file retains it while it writes. */
    private static Mono<Void> written(PartFile file, ByteBuf owned) {
        try {
            return owned.isReadable() ? file.write(owned) : Mono.empty();
        } finally {
            owned.release();
        }
    }

    private long resumeOffset(long partBytes, OptionalLong remoteSize, DownloadOptions options) {
        boolean resumable = options.resume() && partBytes > 0 && features.get().supportsRestStream()
                && remoteSize.isPresent() && partBytes <= remoteSize.getAsLong();
        return resumable ? partBytes : 0;
    }

    /**
     * Uploads a file: the remote size when resuming, then STOR (REST and STOR, or APPE, to resume), then the
     * check of the stored size.
     *
     * @return the result, once the server confirmed the transfer and the size was checked
     */
    Mono<UploadResult> fromFile(Exchange exchange, String path, Path source, long size, UploadOptions options) {
        Mono<Long> remoteBytes = options.resume()
                ? remoteSize(exchange, path)
                        .map(remote -> remote.orElse(0))
                        // A file SIZE refuses is taken as missing: STOR replaces it whole, which is always safe.
                        .onErrorResume(FtpReplyException.class, missing -> Mono.just(0L))
                : Mono.just(0L);
        return remoteBytes.flatMap(offset -> {
            if (offset > size) {
                return Mono.error(new FtpDataIntegrityException("cannot resume the upload of " + source + " to " + path
                        + ": the remote file has " + offset + " bytes, more than the " + size + " of the local file",
                        size, offset));
            }
            if (offset > 0 && offset == size) {
                return Mono.just(new UploadResult(path, size, offset, true));
            }
            boolean restart = offset > 0 && features.get().supportsRestStream();
            FtpCommand command = offset > 0 && !restart ? FtpCommands.appe(path) : FtpCommands.stor(path);
            DataTlsRecord tls = new DataTlsRecord();
            Mono<DataChannel> data = tls.record(restart
                    ? dataChannelAt(exchange, offset)
                    : dataChannels.apply(exchange));
            Function<NettyOutbound, Publisher<Long>> body = ascii
                    ? outbound -> DataTransfers.buffers(AsciiConversion.encodedFile(source, size, outbound.alloc()))
                            .apply(outbound)
                    : DataTransfers.file(source, offset, size - offset);
            return DataTransfers.send(exchange, data, command, body, settings)
                    .flatMap(sent -> stored(exchange, path, offset + sent, offset, options.verifySize(),
                            tls.details()));
        });
    }

    /**
     * Returns the result of an upload, with the stored size checked when asked and the server can tell.
     *
     * <p>In the ASCII type a stored size other than {@code bytes} (the network bytes sent) leaves the result
     * unverified instead of failing: RFC 3659 §4 defines SIZE as the network size, but many servers report the
     * size of the file as they stored it, with their own line ends.
     *
     * @param tls the data connection's TLS handshake, {@code null} when it was not encrypted
     * @return the result; a stored size other than {@code bytes} fails with {@link FtpDataIntegrityException},
     *     except in the ASCII type
     */
    Mono<UploadResult> stored(Exchange exchange, String path, long bytes, long resumedFrom, boolean verify,
            FtpEvent.@Nullable TlsDetails tls) {
        if (!verify) {
            return Mono.just(new UploadResult(path, bytes, resumedFrom, false, tls));
        }
        return remoteSize(exchange, path)
                .onErrorResume(FtpReplyException.class, refused -> Mono.just(OptionalLong.empty()))
                .flatMap(stored -> {
                    if (ascii) {
                        return Mono.just(new UploadResult(path, bytes, resumedFrom,
                                stored.isPresent() && stored.getAsLong() == bytes, tls));
                    }
                    if (stored.isPresent() && stored.getAsLong() != bytes) {
                        return Mono.error(new FtpDataIntegrityException("the server stored " + stored.getAsLong()
                                + " bytes of " + path + ", but the upload left " + bytes, bytes, stored.getAsLong()));
                    }
                    return Mono.just(new UploadResult(path, bytes, resumedFrom, stored.isPresent(), tls));
                });
    }

    /** Fails a download as soon as it brings more than the expected bytes, before the excess is emitted. */
    private static Flux<ByteBuf> atMost(Flux<ByteBuf> data, long expected, String path, long offset) {
        return Flux.defer(() -> {
            long[] received = {0};
            return data.handle((buffer, sink) -> {
                received[0] += buffer.readableBytes();
                if (received[0] > expected) {
                    sink.error(new FtpDataIntegrityException("RETR " + path + " brought more than the " + expected
                            + " bytes expected" + (offset > 0
                                    ? " after REST " + offset
                                            + "; a server that ignores REST sends the file from its start"
                                    : ""),
                            expected, received[0]));
                } else {
                    sink.next(buffer);
                }
            });
        });
    }

    /** A prepared data connection followed by REST, which must come right before the transfer command. */
    private Mono<DataChannel> dataChannelAt(Exchange exchange, long offset) {
        return dataChannels.apply(exchange).flatMap(channel -> exchange.execute(FtpCommands.rest(offset))
                .thenReturn(channel)
                .doOnError(refused -> channel.close())
                .doOnCancel(channel::close));
    }

    /**
     * Keeps the data connection of one transfer, so that its result can tell what the connection's TLS handshake
     * negotiated once the transfer ended.
     */
    static final class DataTlsRecord {
        // The channel, not the connection: once disposed, a Reactor Netty connection names a placeholder channel.
        private volatile @Nullable Channel channel;

        /** Returns the data connection of {@code prepared}, whose channel is kept here once it is established. */
        Mono<DataChannel> record(Mono<DataChannel> prepared) {
            return prepared.map(data -> new DataChannel() {
                @Override
                public Mono<Connection> connection() {
                    return data.connection().doOnNext(established -> channel = established.channel());
                }

                @Override
                public void close() {
                    data.close();
                }
            });
        }

        /** Returns the data connection's TLS handshake; {@code null} without one, or without TLS. */
        FtpEvent.@Nullable TlsDetails details() {
            Channel established = channel;
            return established == null ? null : DataTls.negotiated(established);
        }
    }
}
