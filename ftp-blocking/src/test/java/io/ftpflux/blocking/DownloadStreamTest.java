package io.ftpflux.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.reply.FtpReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;

/**
 * The download stream over a scripted stream of borrowed buffers, as the engine hands them out (released after each
 * {@code onNext}): bounded demand, every buffer released, failures thrown once.
 */
@Timeout(10)
class DownloadStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<ByteBuf> buffers = IntStream.range(0, 20)
            .mapToObj(i -> Unpooled.buffer(4).writeByte(i).writeByte(i).writeByte(i).writeByte(i))
            .toList();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger resynchronized = new AtomicInteger();

    /** By identity: a buffer's equals and hashCode read its content, which a released buffer no longer has. */
    private final List<ByteBuf> emitted = new CopyOnWriteArrayList<>();

    /** The buffers as the engine emits them: borrowed, released once {@code onNext} returned. */
    private Flux<ByteBuf> engine(Flux<ByteBuf> source) {
        Flux<ByteBuf> counted = source.doOnRequest(requested::addAndGet).doOnNext(emitted::add);
        return Flux.from(downstream -> counted.subscribe(new Subscriber<ByteBuf>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                downstream.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuf buffer) {
                try {
                    downstream.onNext(buffer);
                } finally {
                    buffer.release();
                }
            }

            @Override
            public void onError(Throwable error) {
                downstream.onError(error);
            }

            @Override
            public void onComplete() {
                downstream.onComplete();
            }
        }));
    }

    /** Every buffer the stream saw is released by the time it is closed; the others are the test's to release. */
    @AfterEach
    void everyEmittedBufferIsReleased() {
        assertThat(emitted).allSatisfy(buffer -> assertThat(buffer.refCnt()).as("refCnt").isZero());
        buffers.stream()
                .filter(buffer -> emitted.stream().noneMatch(seen -> seen == buffer))
                .forEach(ByteBuf::release);
    }

    private DownloadStream open(Flux<ByteBuf> download) throws IOException {
        return DownloadStream.open(engine(download), WAIT, "RETR /f", resynchronized::incrementAndGet);
    }

    @Test
    void readsEveryByteInOrderAndReleasesEveryBuffer() throws IOException {
        byte[] all;
        try (InputStream in = open(Flux.fromIterable(buffers))) {
            assertThat(in.read()).isZero();
            assertThat(in.available()).isEqualTo(3);
            all = in.readAllBytes();
            assertThat(in.read()).isEqualTo(-1);
        }

        assertThat(all).hasSize(79).startsWith(0, 0, 0, 1, 1, 1, 1, 2).endsWith(19, 19, 19, 19);
        assertThat(emitted).hasSize(buffers.size());
        assertThat(resynchronized).hasValue(0);
    }

    @Test
    void asksForOnlyAFewBuffersAheadOfTheReader() throws IOException {
        try (InputStream in = open(Flux.fromIterable(buffers))) {
            assertThat(requested).hasValue(DownloadStream.PREFETCH);
            assertThat(emitted).hasSize(DownloadStream.PREFETCH);

            in.read();   // takes the first buffer: one more is asked for
            assertThat(requested).hasValue(DownloadStream.PREFETCH + 1);
            in.readNBytes(3);   // the rest of the first buffer: nothing more
            assertThat(requested).hasValue(DownloadStream.PREFETCH + 1);
            in.read();   // takes the second buffer
            assertThat(requested).hasValue(DownloadStream.PREFETCH + 2);
        }
    }

    @Test
    void closingBeforeTheEndCancelsReleasesWhatArrivedAndResynchronizes() throws IOException {
        AtomicInteger cancels = new AtomicInteger();
        InputStream in = open(Flux.fromIterable(buffers).doOnCancel(cancels::incrementAndGet));
        in.read();

        in.close();
        in.close();

        assertThat(cancels).hasValue(1);
        assertThat(resynchronized).hasValue(1);
        assertThat(emitted).hasSize(DownloadStream.PREFETCH + 1);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void aFailureAfterTheDataIsThrownByTheReadAndNotAgainByClose() throws IOException {
        FtpReplyException refused = FtpReplyException.of(null, FtpReply.of(451, "Local error."));
        InputStream in = open(Flux.fromIterable(buffers.subList(0, 2)).concatWith(Flux.error(refused)));

        assertThat(in.readNBytes(8)).hasSize(8);
        assertThatThrownBy(in::read).isSameAs(refused);
        assertThat(in.read()).isEqualTo(-1);
        in.close();

        assertThat(resynchronized).hasValue(0);
    }

    @Test
    void aFailureBeforeAnyDataIsThrownByOpen() {
        FtpReplyException refused = FtpReplyException.of(null, FtpReply.of(450, "Busy."));

        assertThatThrownBy(() -> open(Flux.error(refused))).isSameAs(refused);
    }
}
