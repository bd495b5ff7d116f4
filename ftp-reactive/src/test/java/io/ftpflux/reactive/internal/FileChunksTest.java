package io.ftpflux.reactive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

@Timeout(30)
class FileChunksTest {

    private static final PooledByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    @TempDir
    Path folder;

    @Test
    void readsTheRegionInBuffersOfSixtyFourKibibytesOffTheCallersThread() throws IOException {
        byte[] content = randomBytes(200_000);
        Path file = Files.write(folder.resolve("upload.bin"), content);
        List<Integer> sizes = new ArrayList<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        AtomicReference<String> readingThread = new AtomicReference<>();

        StepVerifier.create(FileChunks.read(file, 1_000, 150_000, ALLOCATOR)
                        .doOnNext(chunk -> readingThread.set(Thread.currentThread().getName()))
                        .map(FileChunksTest::drain)
                        .doOnNext(bytes -> {
                            sizes.add(bytes.length);
                            received.writeBytes(bytes);
                        }))
                .expectNextCount(3)
                .verifyComplete();

        assertThat(sizes).containsExactly(65_536, 65_536, 150_000 - 2 * 65_536);
        assertThat(received.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 1_000, 151_000));
        assertThat(readingThread.get()).startsWith("boundedElastic");
    }

    @Test
    void anEmptyRegionCompletesWithoutABuffer() throws IOException {
        Path file = Files.write(folder.resolve("empty.bin"), new byte[0]);

        StepVerifier.create(FileChunks.read(file, 0, 0, ALLOCATOR)).verifyComplete();
    }

    @Test
    void aFileThatShrankFailsWithTheBytesItHadInsteadOfEndingShort() throws IOException {
        Path file = Files.write(folder.resolve("shrunk.bin"), randomBytes(100_000));

        // The size was read as 150,000 before the file lost its end: the upload must fail, not end at 100,000.
        Flux<byte[]> chunks = FileChunks.read(file, 0, 150_000, ALLOCATOR).map(FileChunksTest::drain);

        StepVerifier.create(chunks)
                .expectNextCount(1)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(EOFException.class)
                        .hasMessageContaining("ended at byte 100000")
                        .hasMessageContaining("150000"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aMissingFileFailsWhenSubscribed() {
        Flux<ByteBuf> chunks = FileChunks.read(folder.resolve("absent.bin"), 0, 10, ALLOCATOR);

        assertThatThrownBy(() -> chunks.blockLast(Duration.ofSeconds(10)))
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void cancellingAfterTheFirstBufferReadsNoFurther() throws IOException {
        Path file = Files.write(folder.resolve("cancelled.bin"), randomBytes(300_000));

        List<Integer> sizes = new ArrayList<>();

        // A buffer read but not taken would leak, which the leak extension reports.
        StepVerifier.create(FileChunks.read(file, 0, 300_000, ALLOCATOR).map(FileChunksTest::drain)
                        .doOnNext(bytes -> sizes.add(bytes.length)), 1)
                .expectNextCount(1)
                .thenCancel()
                .verify(Duration.ofSeconds(10));

        assertThat(sizes).containsExactly(65_536);
    }

    private static byte[] drain(ByteBuf chunk) {
        try {
            return ByteBufUtil.getBytes(chunk);
        } finally {
            chunk.release();
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
