package io.ftpflux.testkit.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NettyLeakDetectionTest {

    @Test
    void isInstalledBeforeNettyCreatesItsBufferLeakDetector() {
        assertThat(NettyLeakDetection.isRecording()).isTrue();
        assertThat(ResourceLeakDetectorFactory.instance()).isInstanceOf(RecordingLeakDetectorFactory.class);
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void reportsABufferThatWasNeverReleased() {
        leakBuffer("deliberate leak in reportsABufferThatWasNeverReleased");

        assertThatThrownBy(NettyLeakDetection::assertNoLeaks)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Netty reported 1 leak:")
                .hasMessageContaining("#1 ByteBuf:")
                .hasMessageContaining("deliberate leak in reportsABufferThatWasNeverReleased")
                .hasMessageContaining("leakBuffer");
    }

    @Test
    void reportsEachLeakOnceWithItsOwnRecords() {
        leakBuffer("first deliberate leak");
        leakBuffer("second deliberate leak");

        List<LeakReport> leaks = NettyLeakDetection.detectLeaks();

        assertThat(leaks).hasSize(2).allSatisfy(leak -> {
            assertThat(leak.resourceType()).isEqualTo("ByteBuf");
            assertThat(leak.traced()).isTrue();
        });
        assertThat(leaks).anySatisfy(leak -> assertThat(leak.records()).contains("first deliberate leak"));
        assertThat(leaks).anySatisfy(leak -> assertThat(leak.records()).contains("second deliberate leak"));
        assertThat(NettyLeakDetection.detectLeaks()).isEmpty();
    }

    @Test
    void reportsALeakedUnpooledDirectBuffer() {
        leakUnpooledDirectBuffer();

        assertThat(NettyLeakDetection.detectLeaks())
                .singleElement()
                .satisfies(leak -> assertThat(leak.records()).contains("deliberate leak of an unpooled direct buffer"));
    }

    @Test
    void passesWhenEveryBufferIsReleased() {
        for (int i = 0; i < 100; i++) {
            ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(128);
            buffer.writeCharSequence("released " + i, StandardCharsets.US_ASCII);
            buffer.release();
        }
        Unpooled.copiedBuffer("also released", StandardCharsets.US_ASCII).release();

        assertThatCode(NettyLeakDetection::assertNoLeaks).doesNotThrowAnyException();
    }

    @Test
    void describesAnUntracedLeakWithTheRemedy() {
        String message = NettyLeakDetection.describe(List.of(new LeakReport("HashedWheelTimer", "")));

        assertThat(message)
                .startsWith("Netty reported 1 leak:")
                .contains("#1 HashedWheelTimer: not traced")
                .contains("-Dio.netty.leakDetection.level=paranoid");
    }

    @Test
    void installIsIdempotent() {
        NettyLeakDetection.install();
        NettyLeakDetection.install();

        assertThat(NettyLeakDetection.isRecording()).isTrue();
    }

    /**
     * Allocates a buffer from Netty's default (pooling) allocator and drops it unreleased; the buffer is unreachable
     * once this method returns. Unpooled heap buffers would not do: Netty does not track them.
     */
    private static void leakBuffer(String hint) {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(16);
        leaked.writeInt(7);
        leaked.touch(hint);
    }

    private static void leakUnpooledDirectBuffer() {
        Unpooled.directBuffer(64).writeLong(42).touch("deliberate leak of an unpooled direct buffer");
    }
}
