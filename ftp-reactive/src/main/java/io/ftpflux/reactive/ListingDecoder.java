package io.ftpflux.reactive;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.ListingParser;
import io.ftpflux.core.listing.ListingReader;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns the data of one listing into entries while each buffer is still valid: the buffers of a data connection
 * are borrowed (Reactor Netty releases each after {@code onNext} returns), so each is decoded inside its
 * {@code onNext} into the entries it completes, and only those entries are queued.
 *
 * <p>One decoder reads one listing, fed from one thread at a time.
 */
final class ListingDecoder {

    private final ListingReader reader;
    private final Predicate<FtpEntry> keep;

    private ListingDecoder(ListingReader reader, Predicate<FtpEntry> keep) {
        this.reader = reader;
        this.keep = keep;
    }

    /**
     * Decodes a listing's data as it arrives.
     *
     * @param data the listing's data, ending once the server confirmed the transfer
     * @param parser the parser of its lines
     * @param command the command that produced it
     * @param charset the charset of its names
     * @param maxEntries the most entries it may have; the entries up to it are emitted, then the listing fails
     * @param keep which entries to emit (and count)
     * @return the entries, one buffer's worth requested at a time
     */
    static Flux<FtpEntry> entries(Flux<ByteBuf> data, ListingParser parser, FtpCommand command, Charset charset,
            long maxEntries, Predicate<FtpEntry> keep) {
        return Flux.defer(() -> {
            ListingDecoder decoder = new ListingDecoder(new ListingReader(parser, command.verb(), charset), keep);
            long[] emitted = {0};
            return data.map(decoder::decode)
                    .concatWith(Mono.fromCallable(decoder::finish))
                    .flatMapIterable(Function.identity(), 1)
                    .handle((entry, sink) -> {
                        if (++emitted[0] > maxEntries) {
                            sink.error(new FtpProtocolException("the listing of " + command + " has more than "
                                    + maxEntries + " entries, the limit set by FtpClient.Builder.maxListingEntries"));
                        } else {
                            sink.next(entry);
                        }
                    });
        });
    }

    private List<FtpEntry> decode(ByteBuf buffer) {
        List<FtpEntry> decoded = new ArrayList<>();
        for (ByteBuffer part : buffer.nioBuffers()) {
            reader.feed(part, entry -> keep(entry, decoded));
        }
        return decoded;
    }

    private List<FtpEntry> finish() {
        List<FtpEntry> decoded = new ArrayList<>(1);
        reader.finish(entry -> keep(entry, decoded));
        return decoded;
    }

    private void keep(FtpEntry entry, List<FtpEntry> decoded) {
        if (keep.test(entry)) {
            decoded.add(entry);
        }
    }
}
