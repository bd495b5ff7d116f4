package io.ftpflux.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.reply.FtpReply;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The upload stream against a scripted engine that consumes its source as the real one does (after the 1yz reply,
 * on another thread, releasing each buffer once written): chunking, every buffer released, refusals before and
 * after the data.
 */
@Timeout(10)
class UploadStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ByteArrayOutputStream stored = new ByteArrayOutputStream();
    private final List<ByteBuf> written = new CopyOnWriteArrayList<>();

    /** Writes each buffer, one at a time on a scheduler thread, then releases it; yields the byte count. */
    private Mono<Long> engine(Publisher<ByteBuf> source) {
        return Flux.from(source)
                .publishOn(Schedulers.single(), 1)
                .doOnNext(buffer -> {
                    written.add(buffer);
                    byte[] bytes = new byte[buffer.readableBytes()];
                    buffer.readBytes(bytes);
                    stored.writeBytes(bytes);
                    buffer.release();
                })
                .count()
                .map(count -> (long) stored.size());
    }

    @Test
    void copiesWritesIntoChunksAndReturnsTheEnginesResult() throws IOException {
        byte[] content = new byte[3 * UploadStream.CHUNK + 100];
        new Random(1).nextBytes(content);
        UploadStream<Long> out = UploadStream.open(this::engine, WAIT, "STOR /f");

        out.write(content[0]);
        out.write(content, 1, content.length - 1);
        Long result = out.finish();

        assertThat(result).isEqualTo(content.length);
        assertThat(stored.toByteArray()).isEqualTo(content);
        assertThat(written).hasSize(4).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void readsAnInputIntoChunks() throws IOException {
        byte[] content = new byte[UploadStream.CHUNK * 2];
        new Random(2).nextBytes(content);
        UploadStream<Long> out = UploadStream.open(this::engine, WAIT, "STOR /f");

        out.writeAll(new ByteArrayInputStream(content));

        assertThat(out.finish()).isEqualTo(content.length);
        assertThat(stored.toByteArray()).isEqualTo(content);
        assertThat(written).hasSize(2);
    }

    @Test
    void aRefusalBeforeTheDataIsThrownByOpen() {
        FtpReplyException refused = FtpReplyException.of(null, FtpReply.of(550, "Permission denied."));

        assertThatThrownBy(() -> UploadStream.open(source -> Mono.<Long>error(refused), WAIT, "STOR /f"))
                .isSameAs(refused);
    }

    @Test
    void aRefusalAfterTheDataIsThrownByCloseOnce() throws IOException {
        FtpReplyException refused = FtpReplyException.of(null, FtpReply.of(552, "Exceeded storage allocation."));
        OutputStream out = UploadStream.open(source -> engine(source).then(Mono.error(refused)), WAIT, "STOR /f");
        out.write(new byte[1000]);

        assertThatThrownBy(out::close).isSameAs(refused);
        out.close();
        assertThat(written).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void anEngineThatStopsTakingDataFailsTheWriteAndReleasesThePendingBuffer() throws IOException {
        FtpReplyException refused = FtpReplyException.of(null, FtpReply.of(451, "Local error."));
        OutputStream out = UploadStream.open(
                source -> Flux.from(source).take(1).doOnNext(ByteBuf::release).then(Mono.error(refused)),
                WAIT, "STOR /f");

        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                out.write(new byte[UploadStream.CHUNK]);
            }
        }).isSameAs(refused);
        out.close();   // the write reported the failure; close adds nothing
    }

    @Test
    void aWriterWaitsForDemandAndTimesOutWhenNoneComes() throws IOException {
        // An engine that subscribes to the source and never asks for a buffer: a server that takes nothing.
        UploadStream<Long> out = UploadStream.open(source -> Mono.fromRunnable(() -> source.subscribe(
                new BaseSubscriber<ByteBuf>() {
                    @Override
                    protected void hookOnSubscribe(Subscription subscription) {
                    }
                })).then(Mono.<Long>never()), Duration.ofMillis(100), "STOR /f");

        assertThatThrownBy(() -> out.write(new byte[UploadStream.CHUNK]))
                .isInstanceOf(FtpTimeoutException.class);
    }
}
