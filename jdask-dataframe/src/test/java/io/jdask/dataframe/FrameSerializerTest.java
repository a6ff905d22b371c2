package io.jdask.dataframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdask.serialize.Serialization;
import io.jdask.serialize.SerializationException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameSerializerTest {
    private final FrameSerializer serializer = new FrameSerializer();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 64, 1000})
    void roundTripsThroughSerialization(int n) {
        Frame f = RandomColumns.frame(n, n);
        Serialization s = Serialization.get();
        Frame back = (Frame) s.deserialize(s.serialize(f));
        assertEquals(f, back);
        assertEquals(f.isSorted(), back.isSorted());
        assertEquals(f.indexName(), back.indexName());
        Frame viaBytes = (Frame) s.fromBytes(s.toBytes(f));
        assertEquals(f, viaBytes);
        for (int c = 0; c < f.numColumns(); c++) {
            assertEquals(f.column(c).dtype(), viaBytes.column(c).dtype());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 64, 1000})
    void frameSourcesGiveTheBytesOfToBytesAtAnyOffset(int n) {
        Frame f = RandomColumns.frame(n, n);
        Serialization s = Serialization.get();
        byte[] packed = s.toBytes(f);
        io.jdask.serialize.FrameSource src = s.packedSource(f);
        assertEquals(packed.length, src.length());
        java.nio.ByteBuffer all = java.nio.ByteBuffer.allocate(packed.length);
        src.copyTo(0, all);
        org.junit.jupiter.api.Assertions.assertArrayEquals(packed, all.array());
        Random r = new Random(n);
        for (int k = 0; k < 20; k++) {
            int from = r.nextInt(packed.length);
            int len = r.nextInt(packed.length - from + 1);
            java.nio.ByteBuffer part = java.nio.ByteBuffer.allocate(len);
            src.copyTo(from, part);
            org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(packed, from, from + len), part.array());
        }
        assertEquals(f, s.fromBytes(all.array()));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyTypeAlone(DType t) {
        Random r = new Random(t.ordinal());
        for (int n : new int[] {0, 1, 65}) {
            Column c = RandomColumns.of(t, n, r);
            Frame asColumn = Frame.builder().column("x y", c).build();
            Frame asIndex = Frame.builder().index(null, c).build();
            for (Frame f : List.of(asColumn, asIndex)) {
                Frame back = (Frame) Serialization.get().fromBytes(Serialization.get().toBytes(f));
                assertEquals(f, back);
                for (int i = 0; i < n; i++) {
                    assertEquals(c.isNull(i), (f.hasIndex() ? back.index() : back.column(0)).isNull(i));
                }
            }
        }
    }

    @Test
    void framesAreRawBuffers() {
        Frame f = Frame.builder().column("d", Column.ofDoubles(1, 2, 3))
                .column("s", Column.ofStrings("ab", null, "ab")).build();
        List<ByteBuffer> frames = serializer.toFrames(f);
        assertEquals(7, frames.size());
        assertEquals(24, frames.get(1).remaining());
        assertEquals(0, frames.get(2).remaining());
        assertEquals(0, frames.get(3).remaining());
        assertEquals(12, frames.get(4).remaining());
        assertEquals(8, frames.get(5).remaining());
        assertEquals(6, frames.get(6).remaining());
        assertEquals(64 + 64 + 24 + 64 + 12 + 8 + 48 + 4, serializer.sizeOf(f));
        assertEquals(serializer.sizeOf(f), Serialization.get().sizeOf(f));
        assertInstanceOf(Frame.class, serializer.fromFrames(frames));
    }

    @Test
    void rejectsCorruptFrames() {
        Frame f = RandomColumns.frame(10, 1);
        List<ByteBuffer> good = serializer.toFrames(f);
        assertThrows(SerializationException.class, () -> serializer.fromFrames(List.of()));
        assertThrows(SerializationException.class, () -> serializer.fromFrames(good.subList(0, 4)));
        List<ByteBuffer> shortData = new ArrayList<>(good);
        shortData.set(4, ByteBuffer.allocate(3));
        assertThrows(SerializationException.class, () -> serializer.fromFrames(shortData));
        List<ByteBuffer> badHeader = new ArrayList<>(good);
        badHeader.set(0, ByteBuffer.allocate(5));
        assertThrows(SerializationException.class, () -> serializer.fromFrames(badHeader));
        int stringCol = 1 + 3 * (1 + DType.STRING.ordinal());
        List<ByteBuffer> badCodes = new ArrayList<>(good);
        ByteBuffer codes = ByteBuffer.allocate(40).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 10; i++) codes.putInt(1_000_000);
        badCodes.set(stringCol, codes.flip());
        badCodes.set(stringCol + 1, ByteBuffer.allocate(0));
        SerializationException e = assertThrows(SerializationException.class, () -> serializer.fromFrames(badCodes));
        assertTrue(e.getMessage().contains("outside a dictionary"), e.getMessage());
    }
}
