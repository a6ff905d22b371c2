package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.serialize.BlockSink;
import io.jdask.serialize.Serialization;
import io.jdask.serialize.SerializationException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameSerializer}'s streaming sink: a partition's bytes, cut into pieces of any size (every
 * split point of a small one, one byte at a time, slices around the 1 MiB a transport reads), give
 * the same partition as reading the whole bytes; corrupt or truncated bytes are refused with a
 * message that says what is wrong.
 */
class FrameStreamingTest {
    private static final Serialization SER = Serialization.get();
    private static final FrameSerializer FRAMES = new FrameSerializer();

    private static BlockSink<Object> sink(byte[] packed) {
        return SER.packedSink(ByteBuffer.wrap(packed, 0, Math.min(packed.length, 1 << 16)), packed.length).orElseThrow();
    }

    private static Frame feed(byte[] packed, Random rnd, int bigPiece) {
        BlockSink<Object> sink = sink(packed);
        int at = 0;
        while (at < packed.length) {
            int n = Math.min(rnd.nextBoolean() ? 1 + rnd.nextInt(13) : bigPiece + rnd.nextInt(9) - 4, packed.length - at);
            sink.accept(ByteBuffer.wrap(packed, at, n));
            at += n;
        }
        return (Frame) sink.finish();
    }

    private static void assertSame(Frame expected, Frame back) {
        assertThat(back).isEqualTo(expected);
        assertThat(back.isSorted()).isEqualTo(expected.isSorted());
        assertThat(back.indexName()).isEqualTo(expected.indexName());
        assertThat(SER.toBytes(back)).isEqualTo(SER.toBytes(expected));
    }

    @Test
    void everyColumnTypeArrivesInPiecesOfAnySize() {
        Random rnd = new Random(11);
        for (int n : new int[] {0, 1, 64, 1000, 5000}) {
            Frame f = RandomColumns.frame(n, n);
            byte[] packed = SER.toBytes(f);
            assertSame(f, feed(packed, rnd, 1 + rnd.nextInt(4096)));
            for (DType t : DType.values()) {
                Column c = RandomColumns.of(t, n, rnd);
                for (Frame one : List.of(Frame.builder().column("x y", c).build(), Frame.builder().index(null, c).build(),
                        Frame.builder().sortedIndex("i", Column.ofLongs(java.util.stream.LongStream.range(0, n).toArray()))
                                .column(t.label(), c).build())) {
                    assertSame(one, feed(SER.toBytes(one), rnd, 1 + rnd.nextInt(300)));
                }
            }
        }
    }

    @Test
    void aPartitionSplitAtEveryByteGivesTheSameFrame() {
        Frame f = RandomColumns.frame(5, 3);
        byte[] packed = SER.toBytes(f);
        for (int cut = 0; cut <= packed.length; cut++) {
            BlockSink<Object> sink = sink(packed);
            sink.accept(ByteBuffer.wrap(packed, 0, cut));
            sink.accept(ByteBuffer.wrap(packed, cut, packed.length - cut));
            assertSame(f, (Frame) sink.finish());
        }
        BlockSink<Object> bytewise = sink(packed);
        for (int i = 0; i < packed.length; i++) {
            bytewise.accept(ByteBuffer.wrap(packed, i, 1));
        }
        assertSame(f, (Frame) bytewise.finish());
    }

    @Test
    void aPartitionLargerThanSeveralReadBuffers() {
        int n = 1_500_001; // 12 MB of doubles: many 1 MiB reads, element boundaries inside the reads
        Random rnd = new Random(7);
        double[] d = new double[n];
        long[] l = new long[n];
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextGaussian();
            l[i] = rnd.nextLong();
            s[i] = i % 17 == 0 ? null : "s" + (i % 100);
        }
        Frame f = Frame.builder().sortedIndex("i", Column.ofLongs(java.util.stream.LongStream.range(0, n).toArray()))
                .column("d", Column.ofDoubles(d)).column("l", Column.ofLongs(l)).column("s", Column.ofStrings(s)).build();
        byte[] packed = SER.toBytes(f);
        assertSame(f, feed(packed, rnd, 1 << 20));
        // the direct buffers a socket fills, not only heap arrays
        BlockSink<Object> sink = sink(packed);
        ByteBuffer direct = ByteBuffer.allocateDirect(1 << 20);
        for (int at = 0; at < packed.length; ) {
            int k = Math.min(direct.capacity() - 3, packed.length - at);
            direct.clear();
            direct.put(packed, at, k).flip();
            sink.accept(direct);
            assertThat(direct.hasRemaining()).isFalse();
            at += k;
        }
        assertSame(f, (Frame) sink.finish());
    }

    /** @return where the partition's header frame starts in its packed bytes */
    private static int headerAt(Frame f, byte[] packed) {
        long frames = 0;
        for (ByteBuffer b : FRAMES.toFrames(f)) {
            frames += b.remaining();
        }
        return (int) (packed.length - frames);
    }

    @Test
    void corruptOrTruncatedPartitionsAreRefused() {
        Frame f = Frame.builder().column("d", Column.ofDoubles(1, 2, 3)).column("s", Column.ofStrings("ab", null, "cd")).build();
        byte[] packed = SER.toBytes(f);
        int h = headerAt(f, packed);

        byte[] badVersion = packed.clone();
        ByteBuffer.wrap(badVersion).order(ByteOrder.LITTLE_ENDIAN).putInt(h, 9);
        assertThatThrownBy(() -> sink(badVersion).accept(ByteBuffer.wrap(badVersion)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("invalid Frame header (version 9");

        byte[] badRows = packed.clone();
        ByteBuffer.wrap(badRows).order(ByteOrder.LITTLE_ENDIAN).putInt(h + 4, 4); // 4 rows, but 24 bytes of doubles
        assertThatThrownBy(() -> sink(badRows).accept(ByteBuffer.wrap(badRows)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("column d (f64, 4 rows) needs 32 bytes, the frame holds 24");

        BlockSink<Object> truncated = sink(packed);
        truncated.accept(ByteBuffer.wrap(packed, 0, packed.length - 1));
        assertThatThrownBy(truncated::finish).isInstanceOf(SerializationException.class)
                .hasMessageContaining("'jdask.frame' is truncated");

        BlockSink<Object> onlyHeader = sink(packed);
        onlyHeader.accept(ByteBuffer.wrap(packed, 0, h + 3));
        assertThatThrownBy(onlyHeader::finish).isInstanceOf(SerializationException.class).hasMessageContaining("truncated");

        byte[] badCodes = packed.clone();
        int codesAt = packed.length - 2 * (4 + 2) - 8 - 3 * 4; // s's codes: before its validity and its dictionary
        ByteBuffer.wrap(badCodes).order(ByteOrder.LITTLE_ENDIAN).putInt(codesAt, 7);
        assertThat(ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).getInt(codesAt)).isZero();
        BlockSink<Object> codes = sink(badCodes);
        codes.accept(ByteBuffer.wrap(badCodes));
        assertThatThrownBy(codes::finish).isInstanceOf(SerializationException.class)
                .hasMessageContaining("column s row 0: code 7 outside a dictionary of 2");

        BlockSink<Object> tooMuch = sink(packed);
        byte[] longer = java.util.Arrays.copyOf(packed, packed.length + 1);
        assertThatThrownBy(() -> tooMuch.accept(ByteBuffer.wrap(longer))).isInstanceOf(SerializationException.class)
                .hasMessageContaining("got more bytes");
    }

    @Test
    void theSinkAndTheWholeFramesReaderAgreeOnWhatTheyRefuse() {
        Frame f = RandomColumns.frame(10, 1);
        List<ByteBuffer> frames = FRAMES.toFrames(f);
        long[] lengths = frames.stream().mapToLong(ByteBuffer::remaining).toArray();
        lengths[4] = 3; // a column's data frame of the wrong size
        BlockSink<Frame> sink = FRAMES.newSink(lengths);
        ByteBuffer header = frames.get(0).duplicate();
        assertThatThrownBy(() -> sink.accept(header)).isInstanceOf(SerializationException.class).hasMessageContaining("the frame holds 3");
        assertThatThrownBy(() -> FRAMES.newSink(new long[0])).isInstanceOf(SerializationException.class)
                .hasMessageContaining("at least a header frame");
    }
}
