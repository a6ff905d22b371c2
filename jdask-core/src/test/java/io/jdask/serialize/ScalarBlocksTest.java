package io.jdask.serialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Boxed numbers and booleans as blocks: the direct packing gives the bytes of the general path,
 * every value of every type round-trips through every entry point, and other types are untouched.
 */
class ScalarBlocksTest {
    private final Serialization s = Serialization.get();

    private static List<Object> scalars() {
        List<Object> out = new ArrayList<>(List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0L, -7L, Long.MIN_VALUE, Long.MAX_VALUE, 0.0,
                -0.0, 1.5, Double.NaN, Double.longBitsToDouble(0x7FF0_0000_0000_0001L), Double.POSITIVE_INFINITY, Double.MIN_VALUE, true, false));
        Random r = new Random(42);
        for (int i = 0; i < 50; i++) {
            out.add(r.nextInt());
            out.add(r.nextLong());
            out.add(Double.longBitsToDouble(r.nextLong()));
        }
        return out;
    }

    @Test
    void directBytesAreThoseOfTheGeneralPath() {
        for (Object v : scalars()) {
            Serialized general = s.serialize(v);
            assertThat(general.typeId()).isEqualTo(switch (v) {
                case Integer i -> "jdask.i32";
                case Long l -> "jdask.i64";
                case Double d -> "jdask.f64";
                default -> "jdask.bool";
            });
            assertThat(s.toBytes(v)).as("%s", v).isEqualTo(FrameFormat.pack(general));
            ByteBuffer packed = ByteBuffer.allocate((int) s.packedSource(v).length());
            s.packedSource(v).copyTo(0, packed);
            assertThat(packed.array()).isEqualTo(s.toBytes(v));
        }
    }

    @Test
    void everyValueRoundTripsThroughEveryReader() {
        for (Object v : scalars()) {
            byte[] bytes = s.toBytes(v);
            assertSame(v, s.fromBytes(bytes));
            assertSame(v, s.deserialize(Serialized.fromBytes(bytes)));
            assertSame(v, s.deserialize(s.serialize(v)));
            byte[] inside = new byte[bytes.length + 10];
            System.arraycopy(bytes, 0, inside, 7, bytes.length);
            assertSame(v, s.fromBytes(inside, 7, bytes.length));
            Serialization own = Serialization.builder().discoverBlockSerializers(false).fallback("java").build();
            assertSame(v, own.fromBytes(bytes));
        }
    }

    private static void assertSame(Object expected, Object actual) {
        assertThat(actual).isInstanceOf(expected.getClass());
        if (expected instanceof Double d) {
            assertThat(Double.doubleToRawLongBits((Double) actual)).isEqualTo(Double.doubleToRawLongBits(d));
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void otherTypesKeepTheirSerializers() {
        List<Object> others = List.of("text", "", (short) 3, (byte) 4, 'c', 2.5f, List.of(1, 2L, 3.0, true), Map.of("k", 1), new int[] {1, 2},
                new TestVector("v", new double[] {1}));
        for (Object v : others) {
            byte[] bytes = s.toBytes(v);
            Object back = s.fromBytes(bytes);
            if (v instanceof int[] a) {
                assertThat((int[]) back).containsExactly(a);
            } else if (v instanceof TestVector t) {
                assertThat(((TestVector) back).name()).isEqualTo(t.name());
            } else {
                assertThat(back).isEqualTo(v);
            }
            byte[] inside = new byte[bytes.length + 3];
            System.arraycopy(bytes, 0, inside, 3, bytes.length);
            Object fromPart = s.fromBytes(inside, 3, bytes.length);
            assertThat(fromPart.getClass()).isEqualTo(back.getClass());
        }
        assertThat(s.serialize((short) 3).typeId()).isEqualTo("jdask.fory");
        assertThat(s.fromBytes(s.toBytes(null))).isNull();
        assertThat(s.fromBytes(s.toBytes(null), 0, s.toBytes(null).length)).isNull();
    }

    @Test
    void sizesAreThoseOfBoxedValues() {
        assertThat(s.sizeOf(7)).isEqualTo(16);
        assertThat(s.sizeOf(true)).isEqualTo(16);
        assertThat(s.sizeOf(7L)).isEqualTo(24);
        assertThat(s.sizeOf(7.0)).isEqualTo(24);
    }

    @Test
    void corruptScalarsAreReportedNotMisread() {
        byte[] bool = s.toBytes(true);
        bool[bool.length - 1] = 2;
        assertThatThrownBy(() -> s.fromBytes(bool)).isInstanceOf(SerializationException.class).hasMessageContaining("jdask.bool");
        byte[] cut = Arrays.copyOf(s.toBytes(5), s.toBytes(5).length - 1);
        assertThatThrownBy(() -> s.fromBytes(cut)).isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
        // a long's bytes with the frame length of an int: the general reader rejects the frame
        byte[] longBytes = s.toBytes(5L);
        Serialized wrongWidth = new Serialized("jdask.i64", List.of(ByteBuffer.allocate(4)));
        assertThatThrownBy(() -> s.deserialize(wrongWidth)).isInstanceOf(SerializationException.class).hasMessageContaining("8 bytes");
        assertThat(s.fromBytes(longBytes)).isEqualTo(5L);
        assertThatThrownBy(() -> s.fromBytes(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aUserSerializerCannotClaimABoxedType() {
        BlockSerializer<Integer> mine = new BlockSerializer<>() {
            @Override
            public Class<Integer> type() {
                return Integer.class;
            }

            @Override
            public String typeId() {
                return "my.int";
            }

            @Override
            public List<ByteBuffer> toFrames(Integer value) {
                return List.of();
            }

            @Override
            public Integer fromFrames(List<ByteBuffer> frames) {
                return 0;
            }

            @Override
            public long sizeOf(Integer value) {
                return 0;
            }
        };
        assertThatThrownBy(() -> Serialization.builder().register(mine).build()).isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.Integer");
    }
}
