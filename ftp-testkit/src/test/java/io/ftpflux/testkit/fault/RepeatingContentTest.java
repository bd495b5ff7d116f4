package io.ftpflux.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RepeatingContentTest {

    @Test
    void checksumMatchesTheMaterialisedContentAcrossBlockBoundaries() {
        for (long size : new long[] {0, 1, 250, 251, 252, 65_535, 65_536, 65_536 + 300, 200_000}) {
            RepeatingContent content = RepeatingContent.cycling(size);
            byte[] bytes = content.toByteArray();
            assertThat(content.crc32()).as("size %d", size).isEqualTo(crc(bytes, 0));
            assertThat(content.crc32From(size / 3)).as("size %d from a third", size).isEqualTo(crc(bytes, (int) (size / 3)));
        }
    }

    @Test
    void slicesAgreeWithByteAtWhateverThePhase() {
        RepeatingContent content = new RepeatingContent(new byte[] {5, 6, 7}, 500_000);
        FileContent file = FileContent.of(content);
        for (long position : new long[] {0, 1, 2, 3, 65_536, 400_001}) {
            ByteBuf slice = file.slice(position, FileContent.CHUNK_SIZE);
            try {
                byte[] bytes = ByteBufUtil.getBytes(slice);
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] != content.byteAt(position + i)) {
                        throw new AssertionError("byte " + (position + i) + " differs");
                    }
                }
            } finally {
                slice.release();
            }
        }
    }

    @Test
    void isAnImmutableValue() {
        byte[] pattern = {1, 2};
        RepeatingContent content = new RepeatingContent(pattern, 4);
        pattern[0] = 9;
        content.pattern()[1] = 9;
        assertThat(content.toByteArray()).containsExactly(1, 2, 1, 2);
        assertThat(content).isEqualTo(new RepeatingContent(new byte[] {1, 2}, 4)).hasSameHashCodeAs(new RepeatingContent(new byte[] {1, 2}, 4));
        assertThat(content).isNotEqualTo(new RepeatingContent(new byte[] {1, 2}, 5));
        assertThatThrownBy(() -> new RepeatingContent(new byte[0], 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatingContent(pattern, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> content.byteAt(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> content.crc32From(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> RepeatingContent.cycling(1L << 40).toByteArray()).isInstanceOf(IllegalStateException.class);
    }

    private static long crc(byte[] bytes, int from) {
        CRC32 crc = new CRC32();
        crc.update(Arrays.copyOfRange(bytes, from, bytes.length));
        return crc.getValue();
    }
}
