package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The part file of a download: positions, buffers released, cuts after failures, the rename. */
class PartFileTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void writesBuffersOneAfterAnotherAndBecomesTheTarget() throws IOException {
        Path target = dir.resolve("t.bin");
        PartFile file = PartFile.open(target, DownloadOptions.defaults()).block(WAIT);
        CompositeByteBuf composite = Unpooled.compositeBuffer()
                .addComponents(true, ascii("cd"), ascii("ef"));
        ByteBuf first = ascii("ab");

        file.startAt(0).block(WAIT);
        Flux.just(first, composite).flatMap(buffer -> write(file, buffer), 4).blockLast(WAIT);
        file.close().then(file.moveToTarget(true)).block(WAIT);

        assertThat(target).hasContent("abcdef");
        assertThat(PartFile.partOf(target)).doesNotExist();
        assertThat(file.transferred()).isEqualTo(6);
        assertThat(first.refCnt()).isZero();
        assertThat(composite.refCnt()).isZero();
    }

    @Test
    void buffersQueuedFasterThanTheDiskTakesThemLandInOrder() throws IOException {
        Path target = dir.resolve("many.bin");
        PartFile file = PartFile.open(target, DownloadOptions.defaults()).block(WAIT);
        Random random = new Random(7);
        List<ByteBuf> buffers = new ArrayList<>();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(bytes);
            expected.writeBytes(bytes);
            // Heap, direct and composite buffers, as data connections deliver them.
            buffers.add(switch (i % 3) {
                case 0 -> Unpooled.wrappedBuffer(bytes);
                case 1 -> Unpooled.directBuffer(bytes.length).writeBytes(bytes);
                default -> Unpooled.compositeBuffer().addComponents(true,
                        Unpooled.wrappedBuffer(bytes, 0, bytes.length / 2),
                        Unpooled.wrappedBuffer(bytes, bytes.length / 2, bytes.length - bytes.length / 2));
            });
        }

        file.startAt(0).block(WAIT);
        Flux.fromIterable(buffers).flatMap(buffer -> write(file, buffer), PartFile.MAX_WRITES_IN_FLIGHT, 1)
                .blockLast(WAIT);
        file.close().then(file.moveToTarget(true)).block(WAIT);

        assertThat(Files.readAllBytes(target)).isEqualTo(expected.toByteArray());
        assertThat(file.transferred()).isEqualTo(expected.size());
        assertThat(buffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void everyWriteQueuedAfterAFailedOneFailsToo() throws IOException {
        PartFile file = onAFullDisk("full-many.bin");
        List<ByteBuf> buffers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            buffers.add(Unpooled.directBuffer().writeBytes(new byte[4096]));
        }

        List<Mono<Void>> writes = buffers.stream().map(buffer -> write(file, buffer)).toList();

        for (Mono<Void> written : writes) {
            StepVerifier.create(written).expectError(IOException.class).verify(WAIT);
        }
        file.abandon(false).block(WAIT);
        assertThat(buffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void resumesAtAnOffsetAndDropsWhatFollowsIt() throws IOException {
        Path target = dir.resolve("r.bin");
        Files.writeString(PartFile.partOf(target), "0123456789");
        PartFile file = PartFile.open(target, DownloadOptions.defaults().withResume(true)).block(WAIT);
        assertThat(file.existingBytes()).isEqualTo(10);

        file.startAt(4).block(WAIT);
        write(file, ascii("xy")).block(WAIT);
        file.abandon(false).block(WAIT);

        assertThat(PartFile.partOf(target)).hasContent("0123xy");
    }

    @Test
    void anUntrustedTransferIsCutBackToWhereItStarted() throws IOException {
        Path target = dir.resolve("u.bin");
        Files.writeString(PartFile.partOf(target), "good");
        PartFile file = PartFile.open(target, DownloadOptions.defaults().withResume(true)).block(WAIT);

        file.startAt(4).block(WAIT);
        write(file, ascii("-bad-bytes")).block(WAIT);
        file.abandon(true).block(WAIT);

        assertThat(PartFile.partOf(target)).hasContent("good");
        assertThat(target).doesNotExist();
    }

    @Test
    void anEmptyPartFileIsDeletedWhenAbandoned() throws IOException {
        Path target = dir.resolve("e.bin");
        PartFile file = PartFile.open(target, DownloadOptions.defaults()).block(WAIT);
        file.startAt(0).block(WAIT);

        file.abandon(false).block(WAIT);

        assertThat(PartFile.partOf(target)).doesNotExist();
    }

    @Test
    void withoutResumeAnOldPartFileIsEmptied() throws IOException {
        Path target = dir.resolve("o.bin");
        Files.writeString(PartFile.partOf(target), "stale");

        PartFile file = PartFile.open(target, DownloadOptions.defaults()).block(WAIT);

        assertThat(file.existingBytes()).isZero();
        file.abandon(false).block(WAIT);
    }

    @Test
    void aWriteAfterClosingFailsWithoutTakingTheBuffer() {
        PartFile file = PartFile.open(dir.resolve("c.bin"), DownloadOptions.defaults()).block(WAIT);
        file.startAt(0).block(WAIT);
        file.abandon(false).block(WAIT);
        ByteBuf late = ascii("late");

        StepVerifier.create(file.write(late)).expectError(ClosedChannelException.class).verify(WAIT);

        assertThat(late.refCnt()).isEqualTo(1);
        late.release();
    }

    @Test
    void anExistingTargetIsKeptWhenOverwriteIsOff() throws IOException {
        Path target = Files.writeString(dir.resolve("k.bin"), "kept");

        StepVerifier.create(PartFile.open(target, DownloadOptions.defaults().withOverwrite(false)))
                .expectError(FileAlreadyExistsException.class)
                .verify(WAIT);
        PartFile file = PartFile.open(target, DownloadOptions.defaults()).block(WAIT);
        file.startAt(0).block(WAIT);
        write(file, ascii("new")).block(WAIT);
        file.close().block(WAIT);
        StepVerifier.create(file.moveToTarget(false)).expectError(FileAlreadyExistsException.class).verify(WAIT);

        assertThat(target).hasContent("kept");
        assertThat(PartFile.partOf(target)).hasContent("new");
    }

    @Test
    void aTargetWithoutAFileNameIsRefused() {
        assertThatThrownBy(() -> PartFile.partOf(dir.getRoot())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFailedWriteFailsAndReleasesTheBuffer() throws IOException {
        Path target = dir.resolve("full.bin");
        PartFile file = onAFullDisk("full.bin");
        ByteBuf buffer = Unpooled.directBuffer().writeBytes(new byte[4096]);

        StepVerifier.create(write(file, buffer)).expectError(IOException.class).verify(WAIT);
        file.abandon(false).block(WAIT);

        assertThat(buffer.refCnt()).isZero();
        assertThat(PartFile.partOf(target)).doesNotExist();
    }

    /** A part file whose writes fail: /dev/full accepts the open and fails every write with ENOSPC, as a full disk. */
    private PartFile onAFullDisk(String name) throws IOException {
        Files.createSymbolicLink(PartFile.partOf(dir.resolve(name)), Path.of("/dev/full"));
        PartFile file = PartFile.open(dir.resolve(name), DownloadOptions.defaults().withResume(true)).block(WAIT);
        file.startAt(0).block(WAIT);
        return file;
    }

    /** Hands the buffer over as a data connection would: borrowed, released once write returns. */
    private static Mono<Void> write(PartFile file, ByteBuf buffer) {
        try {
            return file.write(buffer);
        } finally {
            buffer.release();
        }
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
