package io.jdask.serialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ArrayFill}: an array's little-endian bytes, cut at every point and fed in two pieces (an
 * element split between them), or one byte at a time, or from a big-endian direct buffer, fill
 * the same array as a plain loop reading the bytes; more bytes than the array holds are refused.
 */
class ArrayFillTest {
    @Test
    void anyCutGivesTheSameDoubles() {
        Random rnd = new Random(3);
        double[] expected = new double[7];
        ByteBuffer le = ByteBuffer.allocate(8 * expected.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < expected.length; i++) {
            expected[i] = rnd.nextGaussian();
            le.putDouble(i * 8, expected[i]);
        }
        byte[] bytes = le.array();
        for (int cut = 0; cut <= bytes.length; cut++) {
            ArrayFill fill = new ArrayFill(new double[expected.length]);
            assertThat(fill.bytes()).isEqualTo(bytes.length);
            fill.accept(ByteBuffer.wrap(bytes, 0, cut));
            assertThat(fill.remaining()).isEqualTo(bytes.length - cut);
            fill.accept(ByteBuffer.wrap(bytes, cut, bytes.length - cut));
            assertThat(fill.remaining()).isZero();
            assertThat((double[]) fill.array()).isEqualTo(expected);
        }
        ArrayFill bytewise = new ArrayFill(new double[expected.length]);
        for (byte b : bytes) {
            bytewise.accept(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat((double[]) bytewise.array()).isEqualTo(expected);
        // a direct buffer in the other byte order: still read little-endian
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.BIG_ENDIAN).put(bytes).flip();
        ArrayFill fromDirect = new ArrayFill(new double[expected.length]);
        fromDirect.accept(direct);
        assertThat(direct.hasRemaining()).isFalse();
        assertThat((double[]) fromDirect.array()).isEqualTo(expected);
    }

    @Test
    void intsShortsAndBooleansToo() {
        byte[] ints = {1, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        ArrayFill i = new ArrayFill(new int[2]);
        i.accept(ByteBuffer.wrap(ints, 0, 3));
        i.accept(ByteBuffer.wrap(ints, 3, 5));
        assertThat((int[]) i.array()).containsExactly(1, -1);
        ArrayFill s = new ArrayFill(new short[2]);
        s.accept(ByteBuffer.wrap(new byte[] {2, 1, 0, (byte) 0x80}));
        assertThat((short[]) s.array()).containsExactly((short) 0x0102, Short.MIN_VALUE);
        ArrayFill b = new ArrayFill(new boolean[3]);
        b.accept(ByteBuffer.wrap(new byte[] {0, 1, 7}));
        assertThat((boolean[]) b.array()).containsExactly(false, true, true);
    }

    @Test
    void moreBytesThanTheArrayHoldsAreRefused() {
        ArrayFill fill = new ArrayFill(new long[1]);
        fill.accept(ByteBuffer.allocate(5));
        assertThatThrownBy(() -> fill.accept(ByteBuffer.allocate(4))).isInstanceOf(SerializationException.class)
                .hasMessageContaining("an array of 8 bytes got 9 bytes");
        assertThatThrownBy(() -> new ArrayFill(new Object[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a primitive array");
    }
}
