package io.jdask.serialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Core's block serializers, and collections' ones found through ServiceLoader. */
class SerializationBlocksTest {
    private final Serialization s = Serialization.get();

    @Test
    void doubleArraysAreOneLittleEndianFrame() {
        double[] a = {1.5, -2.25, Double.NaN, Double.MAX_VALUE};
        Serialized out = s.serialize(a);
        assertThat(out.typeId()).isEqualTo("jdask.double[]");
        assertThat(out.frames()).hasSize(1);
        ByteBuffer frame = out.frames().get(0).duplicate().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(frame.remaining()).isEqualTo(a.length * 8);
        for (double d : a) {
            assertThat(Double.doubleToRawLongBits(frame.getDouble())).isEqualTo(Double.doubleToRawLongBits(d));
        }
        assertThat((double[]) s.deserialize(out)).isEqualTo(a);
    }

    @Test
    void everyPrimitiveBlockRoundTripsWithItsTypeId() {
        float[] f = {1f, -0f, Float.MIN_VALUE};
        long[] l = {Long.MIN_VALUE, 0, 7};
        int[] i = IntStream.range(-50, 50).toArray();
        byte[] b = {0, -128, 127};
        assertThat(s.serialize(f).typeId()).isEqualTo("jdask.float[]");
        assertThat(s.serialize(l).typeId()).isEqualTo("jdask.long[]");
        assertThat(s.serialize(i).typeId()).isEqualTo("jdask.int[]");
        assertThat(s.serialize(b).typeId()).isEqualTo("jdask.byte[]");
        assertThat(s.serialize("x").typeId()).isEqualTo("jdask.string");
        assertThat((float[]) s.deserialize(s.serialize(f))).isEqualTo(f);
        assertThat((long[]) s.deserialize(s.serialize(l))).isEqualTo(l);
        assertThat((int[]) s.deserialize(s.serialize(i))).isEqualTo(i);
        assertThat((byte[]) s.deserialize(s.serialize(b))).isEqualTo(b);
        assertThat((double[]) s.deserialize(s.serialize(new double[0]))).isEmpty();
    }

    @Test
    void byteArraysAreWrittenWithoutCopying() {
        byte[] b = new byte[1000];
        Serialized out = s.serialize(b);
        ByteBuffer frame = out.frames().get(0);
        assertThat(frame.hasArray()).isTrue();
        assertThat(frame.array()).isSameAs(b);
        byte[] back = (byte[]) s.deserialize(out);
        assertThat(back).isEqualTo(b).isNotSameAs(b);
    }

    @Test
    void largeArraysAreSplitIntoFramesOfBoundedSize() {
        Serialization small = Serialization.builder().frameBytes(64).build();
        long[] l = new long[20];
        for (int k = 0; k < l.length; k++) {
            l[k] = k * 1_000_003L;
        }
        Serialized out = small.serialize(l);
        assertThat(out.frames()).extracting(ByteBuffer::remaining).containsExactly(64, 64, 32);
        assertThat((long[]) small.deserialize(out)).isEqualTo(l);
        assertThat((long[]) small.fromBytes(out.toBytes())).isEqualTo(l);
        byte[] bytes = new byte[130];
        assertThat(small.serialize(bytes).frames()).extracting(ByteBuffer::remaining).containsExactly(64, 64, 2);
        // a reader with the default frame size reads what the small one wrote
        assertThat((long[]) s.deserialize(out)).isEqualTo(l);
    }

    @Test
    void framesWithPartialElementsAreRejected() {
        Serialized bad = new Serialized("jdask.int[]", List.of(ByteBuffer.allocate(7)));
        assertThatThrownBy(() -> s.deserialize(bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("jdask.int[]")
                .hasMessageContaining("7 bytes");
    }

    @Test
    void deserializingLeavesTheFramesUntouched() {
        Serialized out = s.serialize(new int[] {1, 2, 3});
        s.deserialize(out);
        assertThat((int[]) s.deserialize(out)).containsExactly(1, 2, 3);
        assertThat(out.frames().get(0).position()).isZero();
    }

    @Test
    void stringsRoundTripExactlyEvenWithUnpairedSurrogates() {
        for (String text : List.of("", "ascii", "naïve café", "日本語テキスト", "emoji \uD83D\uDE00", "lone \uD800 high",
                "\uDC00 lone low")) {
            Serialized out = s.serialize(text);
            assertThat(s.deserialize(out)).isEqualTo(text);
            assertThat(s.fromBytes(out.toBytes())).isEqualTo(text);
        }
        assertThat(s.serialize("naïve").frames().get(1).remaining()).isEqualTo("naïve".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void invalidUtf8IsAnError() {
        Serialized bad = new Serialized("jdask.string", List.of(ByteBuffer.wrap(new byte[] {8}),
                ByteBuffer.wrap(new byte[] {(byte) 0xC3})));
        assertThatThrownBy(() -> s.deserialize(bad)).isInstanceOf(SerializationException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void serializersListedInMetaInfServicesAreFound() {
        TestVector v = new TestVector("prices", new double[] {1, 2, 3});
        Serialized out = s.serialize(v);
        assertThat(out.typeId()).isEqualTo("test.vector");
        assertThat(out.frames()).hasSize(2);
        TestVector back = (TestVector) s.fromBytes(out.toBytes());
        assertThat(back.name()).isEqualTo("prices");
        assertThat(back.values()).containsExactly(1, 2, 3);
        assertThat(s.sizeOf(v)).isEqualTo(1024);
    }

    @Test
    void discoveryCanBeTurnedOff() {
        Serialization plain = Serialization.builder().discoverBlockSerializers(false).build();
        assertThat(plain.serialize(new TestVector("x", new double[0])).typeId()).isEqualTo("jdask.fory");
        assertThatThrownBy(() -> plain.deserialize(s.serialize(new TestVector("x", new double[0]))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown type id 'test.vector'");
    }

    interface Shape {
        double area();
    }

    record Square(double side) implements Shape {
        @Override
        public double area() {
            return side * side;
        }
    }

    /** Handles every {@link Shape} that is a {@link Square}; registered through the builder. */
    static class ShapeSerializer implements BlockSerializer<Shape> {
        @Override
        public Class<Shape> type() {
            return Shape.class;
        }

        @Override
        public String typeId() {
            return "test.shape";
        }

        @Override
        public List<ByteBuffer> toFrames(Shape value) {
            return List.of(ByteBuffer.allocate(8).putDouble(0, ((Square) value).side()));
        }

        @Override
        public Shape fromFrames(List<ByteBuffer> frames) {
            return new Square(frames.get(0).getDouble(frames.get(0).position()));
        }

        @Override
        public long sizeOf(Shape value) {
            return 16;
        }
    }

    @Test
    void aSerializerForAnInterfaceHandlesItsImplementations() {
        Serialization withShapes = Serialization.builder().register(new ShapeSerializer()).build();
        Serialized out = withShapes.serialize(new Square(3));
        assertThat(out.typeId()).isEqualTo("test.shape");
        assertThat(withShapes.deserialize(out)).isEqualTo(new Square(3));
        assertThat(withShapes.sizeOf(new Square(3))).isEqualTo(16);
    }

    @Test
    void twoSerializersForOneIdOrTypeAreRefused() {
        assertThatThrownBy(() -> Serialization.builder().register(new TestVectorSerializer()).build())
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("test.vector");
        BlockSerializer<double[]> doubles = new PrimitiveArrayBlocks.Doubles(64);
        BlockSerializer<double[]> rival = new BlockSerializer<>() {
            @Override
            public Class<double[]> type() {
                return double[].class;
            }

            @Override
            public String typeId() {
                return "test.rival";
            }

            @Override
            public List<ByteBuffer> toFrames(double[] value) {
                return doubles.toFrames(value);
            }

            @Override
            public double[] fromFrames(List<ByteBuffer> frames) {
                return doubles.fromFrames(frames);
            }

            @Override
            public long sizeOf(double[] value) {
                return doubles.sizeOf(value);
            }
        };
        assertThatThrownBy(() -> Serialization.builder().register(rival).build())
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("both handle double[]");
        assertThatThrownBy(() -> Serialization.builder().register(new ShapeSerializer() {
                    @Override
                    public String typeId() {
                        return "jdask.fory";
                    }
                }).build())
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("reserved");
    }
}
