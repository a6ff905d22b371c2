package io.jdask.serialize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Memory sizes: exact for blocks, layout-based or estimated for the rest. */
class SerializationSizeOfTest {
    private final Serialization s = Serialization.get();

    @Test
    void blocksAreExact() {
        assertThat(s.sizeOf(new double[1000])).isEqualTo(16 + 8000);
        assertThat(s.sizeOf(new float[3])).isEqualTo(16 + 16);
        assertThat(s.sizeOf(new long[0])).isEqualTo(16);
        assertThat(s.sizeOf(new int[5])).isEqualTo(16 + 24);
        assertThat(s.sizeOf(new byte[3])).isEqualTo(24);
        assertThat(s.sizeOf(new byte[1 << 20])).isEqualTo(16 + (1 << 20));
        assertThat(s.sizeOf("")).isEqualTo(24 + 16);
        assertThat(s.sizeOf("abcdefghij")).isEqualTo(24 + 32);
        assertThat(s.sizeOf("é")).as("Latin-1 stays one byte per char").isEqualTo(24 + 24);
        assertThat(s.sizeOf("日本語日本語日本語")).as("two bytes per char beyond Latin-1").isEqualTo(24 + 16 + 24);
        assertThat(s.sizeOf(new TestVector("v", new double[10]))).isEqualTo(1000 + 80);
    }

    @Test
    void boxedValuesAndOtherPrimitiveArraysFollowTheHeapLayout() {
        assertThat(s.sizeOf(null)).isZero();
        assertThat(s.sizeOf(1)).isEqualTo(16);
        assertThat(s.sizeOf(1L)).isEqualTo(24);
        assertThat(s.sizeOf(2.0)).isEqualTo(24);
        assertThat(s.sizeOf(new short[4])).isEqualTo(24);
        assertThat(s.sizeOf(new char[5])).isEqualTo(32);
        assertThat(s.sizeOf(new boolean[9])).isEqualTo(32);
    }

    @Test
    void collectionsAreEstimatedFromASampleOfTheirElements() {
        List<double[]> blocks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            blocks.add(new double[100]);
        }
        long size = s.sizeOf(blocks);
        long elements = 1000L * (16 + 800);
        assertThat(size).isBetween(elements, elements + 10_000);

        Map<String, long[]> map = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            map.put("key-" + i, new long[50]);
        }
        long mapElements = 500L * (16 + 400);
        assertThat(s.sizeOf(map)).isBetween(mapElements, mapElements * 2);

        Object[] mixed = {new int[100], null, "abc"};
        assertThat(s.sizeOf(mixed)).isEqualTo(16 + 16 + (16 + 400) + 0 + (24 + 24));
    }

    record Row(String name, double value) {}

    @Test
    void otherObjectsAreSizedByTheirSerializedForm() {
        long small = s.sizeOf(new Row("a", 1));
        long large = s.sizeOf(new Row("a".repeat(10_000), 1));
        assertThat(small).isPositive();
        assertThat(large).isGreaterThan(small + 9_000);
        assertThat(s.sizeOf(new com.example.app.Order("refused by the allow-list", 1)))
                .as("cannot be serialized: a fixed guess")
                .isEqualTo(SizeEstimator.UNKNOWN);
    }
}
