package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.serialize.BlockSink;
import io.jdask.serialize.FrameSource;
import io.jdask.serialize.Serialization;
import io.jdask.serialize.SerializationException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NDArraySerializer}'s streaming form: written from the array's own storage (the bytes of
 * {@code toBytes}, at any offsets) and read from pieces of any size straight into a new array, for
 * every dtype and for sizes around the 1 MiB slices a transport uses; corrupt headers are refused.
 */
class NDArrayStreamingTest {
    private static final Serialization SER = Serialization.get();

    private static List<NDArray> arrays(Random rnd) {
        List<NDArray> out = new ArrayList<>();
        for (int n : new int[] {0, 1, 3, 131071, 131072, 131073, 262147}) {
            double[] d = new double[n];
            float[] f = new float[n];
            long[] l = new long[n];
            int[] i = new int[n];
            short[] h = new short[n];
            boolean[] b = new boolean[n];
            for (int k = 0; k < n; k++) {
                d[k] = rnd.nextGaussian();
                f[k] = (float) rnd.nextGaussian();
                l[k] = rnd.nextLong();
                i[k] = rnd.nextInt();
                h[k] = (short) rnd.nextInt();
                b[k] = rnd.nextBoolean();
            }
            out.addAll(List.of(NDArray.of(d, n), NDArray.of(f, n), NDArray.of(l, n), NDArray.of(i, n),
                    NDArray.ofFloat16Bits(h, n), NDArray.of(b, n)));
        }
        out.add(NDArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        out.add(NDArray.of(new double[0], 4, 0, 2));
        return out;
    }

    private static NDArray feed(byte[] bytes, Random rnd) {
        BlockSink<Object> sink = SER.packedSink(ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, 1 << 16)), bytes.length)
                .orElseThrow();
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(rnd.nextBoolean() ? 1 + rnd.nextInt(11) : (1 << 20) + rnd.nextInt(9) - 4, bytes.length - at);
            sink.accept(ByteBuffer.wrap(bytes, at, n));
            at += n;
        }
        return (NDArray) sink.finish();
    }

    @Test
    void everyDtypeRoundTripsThroughSourcesAndSinks() {
        Random rnd = new Random(5);
        for (NDArray a : arrays(rnd)) {
            byte[] packed = SER.toBytes(a);
            FrameSource s = SER.packedSource(a);
            ByteBuffer all = ByteBuffer.allocate((int) s.length());
            s.copyTo(0, all);
            assertThat(all.array()).as("%s %s", a.dtype(), a.shape().length).isEqualTo(packed);
            int from = rnd.nextInt(packed.length);
            ByteBuffer part = ByteBuffer.allocate(Math.min(packed.length - from, 1 + rnd.nextInt(100)));
            s.copyTo(from, part);
            assertThat(part.array()).isEqualTo(java.util.Arrays.copyOfRange(packed, from, from + part.capacity()));

            NDArray back = feed(packed, rnd);
            assertThat(back.dtype()).isEqualTo(a.dtype());
            assertThat(back.shape()).isEqualTo(a.shape());
            assertThat(SER.toBytes(back)).isEqualTo(packed);
        }
    }

    @Test
    void corruptHeadersAndLengthsAreRefused() {
        byte[] packed = SER.toBytes(NDArray.of(new double[] {1, 2, 3}, 3));
        int typeLen = "jdask.ndarray".length();
        int frames = 8 + typeLen + 4 + 8; // where the NDArray header frame starts
        byte[] badDtype = packed.clone();
        ByteBuffer.wrap(badDtype).order(ByteOrder.LITTLE_ENDIAN).putInt(frames, 99);
        BlockSink<Object> sink = SER.packedSink(ByteBuffer.wrap(badDtype), badDtype.length).orElseThrow();
        assertThatThrownBy(() -> sink.accept(ByteBuffer.wrap(badDtype))).isInstanceOf(SerializationException.class)
                .hasMessageContaining("invalid NDArray header (dtype 99");

        byte[] badShape = packed.clone();
        ByteBuffer.wrap(badShape).order(ByteOrder.LITTLE_ENDIAN).putInt(frames + 8, 4); // shape (4,) but 24 bytes
        BlockSink<Object> sink2 = SER.packedSink(ByteBuffer.wrap(badShape), badShape.length).orElseThrow();
        assertThatThrownBy(() -> sink2.accept(ByteBuffer.wrap(badShape))).isInstanceOf(SerializationException.class)
                .hasMessageContaining("needs 32 bytes, the frame holds 24");

        BlockSink<Object> sink3 = SER.packedSink(ByteBuffer.wrap(packed), packed.length).orElseThrow();
        sink3.accept(ByteBuffer.wrap(packed, 0, packed.length - 1));
        assertThatThrownBy(sink3::finish).isInstanceOf(SerializationException.class)
                .hasMessageContaining("'jdask.ndarray' is truncated");
    }
}
