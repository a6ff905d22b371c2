package io.jdask.serialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming forms of the block serializers: {@link Serialization#packedSource} gives exactly
 * the bytes of {@link Serialization#toBytes}, read at any offsets; {@link
 * Serialization#packedSink} rebuilds the value from those bytes in pieces of any size, and
 * refuses truncated, overlong or corrupt input with a message that says why.
 */
class StreamingSerializationTest {
    /** 64-byte frames, so that multi-frame arrays are small. */
    private static final Serialization SMALL = Serialization.builder().frameBytes(64).build();
    private static final Serialization DEFAULT = Serialization.builder().build();

    private static List<Object> values(Random rnd) {
        List<Object> out = new ArrayList<>();
        // lengths around 1 element, the 64-byte frame and a 1 MiB slice
        for (int n : new int[] {0, 1, 2, 7, 8, 9, 15, 16, 17, 131071, 131072, 131073}) {
            double[] d = new double[n];
            float[] f = new float[n];
            long[] l = new long[n];
            int[] i = new int[n];
            byte[] b = new byte[n];
            for (int k = 0; k < n; k++) {
                d[k] = rnd.nextGaussian();
                f[k] = rnd.nextFloat();
                l[k] = rnd.nextLong();
                i[k] = rnd.nextInt();
                b[k] = (byte) rnd.nextInt();
            }
            out.addAll(List.of(d, f, l, i, b));
        }
        return out;
    }

    private static byte[] read(FrameSource s, long offset, int n) {
        ByteBuffer out = ByteBuffer.allocate(n);
        s.copyTo(offset, out);
        assertThat(out.hasRemaining()).isFalse();
        return out.array();
    }

    /** Feeds {@code bytes} to a sink in pieces of random sizes (some of 1-13 bytes, some large). */
    private static Object feed(Serialization ser, byte[] bytes, Random rnd) {
        BlockSink<Object> sink = ser.packedSink(ByteBuffer.wrap(bytes), bytes.length)
                .orElseThrow();
        int at = 0;
        while (at < bytes.length) {
            int n = rnd.nextBoolean() ? 1 + rnd.nextInt(13) : 1 + rnd.nextInt(300_000);
            n = Math.min(n, bytes.length - at);
            sink.accept(ByteBuffer.wrap(bytes, at, n));
            at += n;
        }
        return sink.finish();
    }

    @Test
    void packedSourcesGiveTheBytesOfToBytesAtAnyOffset() {
        Random rnd = new Random(11);
        for (Serialization ser : List.of(SMALL, DEFAULT)) {
            for (Object v : values(rnd)) {
                byte[] packed = ser.toBytes(v);
                FrameSource s = ser.packedSource(v);
                assertThat(s.length()).isEqualTo(packed.length);
                assertThat(read(s, 0, packed.length)).isEqualTo(packed);
                for (int k = 0; k < 20; k++) {
                    int from = rnd.nextInt(packed.length + 1);
                    int n = rnd.nextInt(packed.length - from + 1);
                    byte[] expected = new byte[n];
                    System.arraycopy(packed, from, expected, 0, n);
                    assertThat(read(s, from, n)).as("bytes [%d, %d) of a %s", from, from + n, v.getClass()).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void sinksRebuildEveryPrimitiveArrayFromPiecesOfAnySize() {
        Random rnd = new Random(12);
        for (Serialization ser : List.of(SMALL, DEFAULT)) {
            for (Object v : values(rnd)) {
                byte[] packed = ser.toBytes(v);
                Object back = feed(ser, packed, rnd);
                assertThat(back).isInstanceOf(v.getClass());
                assertThat(ser.toBytes(back)).isEqualTo(packed);
                assertThat(back).isEqualTo(ser.fromBytes(packed));
            }
        }
    }

    @Test
    void valuesWithoutAStreamingSerializerAndForeignBytesGetNoSink() {
        assertThat(DEFAULT.packedSink(ByteBuffer.wrap(DEFAULT.toBytes("text")), DEFAULT.toBytes("text").length)).isEmpty();
        byte[] list = DEFAULT.toBytes(new ArrayList<>(List.of(1, 2, 3)));
        assertThat(DEFAULT.packedSink(ByteBuffer.wrap(list), list.length)).isEmpty();
        assertThat(DEFAULT.packedSink(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}), 9)).isEmpty();
        byte[] packed = DEFAULT.toBytes(new double[100]);
        // a head that ends inside the header: not enough to decide
        assertThat(DEFAULT.packedSink(ByteBuffer.wrap(packed, 0, 12), packed.length)).isEmpty();
        // a non-block value is still written whole, as toBytes writes it
        FrameSource s = DEFAULT.packedSource(new ArrayList<>(List.of(1, 2, 3)));
        assertThat(read(s, 0, (int) s.length())).isEqualTo(list);
    }

    @Test
    void truncatedOverlongAndCorruptStreamsAreRefusedWithTheReason() {
        double[] v = new double[1000];
        byte[] packed = DEFAULT.toBytes(v);
        ByteBuffer head = ByteBuffer.wrap(packed);

        BlockSink<Object> truncated = DEFAULT.packedSink(head, packed.length).orElseThrow();
        truncated.accept(ByteBuffer.wrap(packed, 0, packed.length - 3));
        assertThatThrownBy(truncated::finish).isInstanceOf(SerializationException.class)
                .hasMessageContaining("'jdask.double[]'").hasMessageContaining("truncated")
                .hasMessageContaining((packed.length - 3) + " of its " + packed.length + " bytes");

        BlockSink<Object> overlong = DEFAULT.packedSink(head, packed.length).orElseThrow();
        overlong.accept(ByteBuffer.wrap(packed));
        assertThatThrownBy(() -> overlong.accept(ByteBuffer.wrap(new byte[] {0})))
                .isInstanceOf(SerializationException.class).hasMessageContaining("got more bytes");

        assertThatThrownBy(() -> DEFAULT.packedSink(head, packed.length + 8))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot read " + (packed.length + 8) + " bytes of a serialized 'jdask.double[]'")
                .hasMessageContaining("announces " + packed.length);

        byte[] badVersion = packed.clone();
        badVersion[4] = 9;
        assertThatThrownBy(() -> DEFAULT.packedSink(ByteBuffer.wrap(badVersion), badVersion.length))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format version 9");

        // a frame length that is not a whole number of doubles, total unchanged
        ByteBuffer h = ByteBuffer.wrap(packed.clone());
        int lengthAt = 8 + "jdask.double[]".length() + 4;
        assertThat(h.getInt(lengthAt)).isEqualTo(8000);
        byte[] split = new byte[packed.length + 4];
        ByteBuffer sb = ByteBuffer.wrap(split);
        sb.put(packed, 0, lengthAt - 4).putInt(2).putInt(7999).putInt(1).put(packed, lengthAt + 4, 8000);
        assertThatThrownBy(() -> DEFAULT.packedSink(ByteBuffer.wrap(split), split.length))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("frame 0 of a 'jdask.double[]' block has 7999 bytes, not a multiple of the element width 8");
        assertThatThrownBy(() -> DEFAULT.fromBytes(split)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a multiple of the element width 8");
    }

    @Test
    void arraySourcesCheckTheirRangeAndType() {
        assertThatThrownBy(() -> FrameSource.ofArray(new String[1], 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String[]");
        FrameSource s = FrameSource.ofArray(new double[] {1, 2}, 1, 1);
        assertThat(s.length()).isEqualTo(8);
        assertThat(ByteBuffer.wrap(read(s, 0, 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getDouble()).isEqualTo(2.0);
        assertThatThrownBy(() -> s.copyTo(4, ByteBuffer.allocate(5))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> FrameSource.ofArray(new double[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        boolean[] flags = {true, false, true};
        assertThat(read(FrameSource.ofArray(flags, 0, 3), 0, 3)).containsExactly(1, 0, 1);
    }
}
