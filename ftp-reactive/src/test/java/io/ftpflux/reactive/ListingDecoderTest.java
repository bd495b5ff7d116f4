package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.command.FtpCommands;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.listing.ListingOptions;
import io.ftpflux.core.listing.ListingParsers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Listing data decoded while each buffer is borrowed, as a data connection lends them. */
class ListingDecoderTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void decodesLinesSplitAcrossBuffersBeforeEachBufferIsReleased() {
        Flux<ByteBuf> data = borrowed(new AtomicLong(),
                "type=file;size=1; a\r", "\ntype=dir; b", " c\r\ntype=file;si", "ze=3; d");

        List<FtpEntry> entries = decode(data, 100).collectList().block(WAIT);

        assertThat(entries).extracting(FtpEntry::name).containsExactly("a", "b c", "d");
        assertThat(entries).extracting(FtpEntry::type)
                .containsExactly(EntryType.FILE, EntryType.DIRECTORY, EntryType.FILE);
        assertThat(entries.get(2).size()).isEqualTo(3L);
    }

    @Test
    void leavesOutWhatTheFilterRejects() {
        Flux<ByteBuf> data = borrowed(new AtomicLong(), "type=cdir; .\r\ntype=pdir; ..\r\ntype=file; kept\r\n");

        assertThat(decode(data, 100).map(FtpEntry::name).collectList().block(WAIT)).containsExactly("kept");
    }

    @Test
    void emitsTheEntriesUpToTheLimitThenFails() {
        Flux<ByteBuf> data = borrowed(new AtomicLong(), "type=file; 1\r\ntype=file; 2\r\ntype=file; 3\r\n");

        StepVerifier.create(decode(data, 2).map(FtpEntry::name))
                .expectNext("1", "2")
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(FtpProtocolException.class)
                        .hasMessageContaining("more than 2 entries"))
                .verify(WAIT);
    }

    @Test
    void requestsBuffersOnlyAsEntriesAreRequested() {
        AtomicLong requested = new AtomicLong();
        String[] chunks = new String[100];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = "type=file; f" + i + "\r\n";
        }

        StepVerifier.create(decode(borrowed(requested, chunks), 1000), 3)
                .expectNextCount(3)
                .then(() -> assertThat(requested.get()).isLessThanOrEqualTo(4))
                .thenCancel()
                .verify(WAIT);
    }

    private static Flux<FtpEntry> decode(Flux<ByteBuf> data, long maxEntries) {
        return ListingDecoder.entries(data, ListingParsers.autodetect(ListingOptions.defaults()), FtpCommands.mlsd(),
                StandardCharsets.UTF_8, maxEntries, entry -> !entry.isSelfOrParent());
    }

    /**
     * Lends buffers as Reactor Netty does: each only on demand, released as soon as {@code onNext} returns, so a
     * decoder that kept one to read later would fail on a released buffer. A request made during {@code onNext}
     * is served by the loop already running, never by a queue.
     */
    private static Flux<ByteBuf> borrowed(AtomicLong requested, String... chunks) {
        return Flux.from(subscriber -> {
            ArrayDeque<String> left = new ArrayDeque<>(List.of(chunks));
            AtomicLong demand = new AtomicLong();
            boolean[] draining = {false};
            boolean[] cancelled = {false};
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    requested.addAndGet(n);
                    demand.addAndGet(n);
                    if (draining[0]) {
                        return;
                    }
                    draining[0] = true;
                    while (!cancelled[0] && demand.get() > 0 && !left.isEmpty()) {
                        demand.decrementAndGet();
                        ByteBuf buffer = Unpooled.copiedBuffer(left.poll(), StandardCharsets.UTF_8);
                        try {
                            subscriber.onNext(buffer);
                        } finally {
                            buffer.release();
                        }
                    }
                    draining[0] = false;
                    if (!cancelled[0] && left.isEmpty()) {
                        cancelled[0] = true;
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    cancelled[0] = true;
                }
            });
        });
    }
}
