package io.jdask.serialize;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Sizes of values in memory: exact for blocks (their serializer says), computed from the heap
 * layout for boxed numbers and primitive arrays, sampled for collections, maps and object arrays
 * (up to {@link #SAMPLES} elements, scaled to the size), and for anything else the length of its
 * serialized form, or {@link #UNKNOWN} when it cannot be serialized.
 */
final class SizeEstimator {
    static final int SAMPLES = 16;
    static final long UNKNOWN = 64;
    private static final int MAX_DEPTH = 4;
    private static final long LIST_OVERHEAD = 40;
    private static final long MAP_OVERHEAD = 64;
    private static final long MAP_ENTRY = 32;

    private final Function<Object, BlockSerializer<Object>> blocks;
    private final ToLongFunction<Object> serializedLength;

    /**
     * @param blocks finds a value's block serializer, or null
     * @param serializedLength the serialized length of a value; may throw
     */
    SizeEstimator(Function<Object, BlockSerializer<Object>> blocks, ToLongFunction<Object> serializedLength) {
        this.blocks = blocks;
        this.serializedLength = serializedLength;
    }

    long sizeOf(Object value) {
        return sizeOf(value, 0);
    }

    private long sizeOf(Object v, int depth) {
        if (v == null) {
            return 0;
        }
        BlockSerializer<Object> block = blocks.apply(v);
        if (block != null) {
            return block.sizeOf(v);
        }
        if (v instanceof Boolean || v instanceof Byte) {
            return HeapSizes.boxed(1);
        }
        if (v instanceof Short || v instanceof Character) {
            return HeapSizes.boxed(2);
        }
        if (v instanceof Integer || v instanceof Float) {
            return HeapSizes.boxed(4);
        }
        if (v instanceof Long || v instanceof Double) {
            return HeapSizes.boxed(8);
        }
        if (v instanceof Enum<?>) {
            return 0;
        }
        if (v instanceof BigInteger b) {
            return 40 + HeapSizes.array((b.bitLength() + 31) / 32, 4);
        }
        if (v instanceof BigDecimal d) {
            return 40 + sizeOf(d.unscaledValue(), depth);
        }
        Class<?> c = v.getClass();
        if (c.isArray()) {
            return arraySize(v, c.getComponentType(), depth);
        }
        if (depth >= MAX_DEPTH) {
            return UNKNOWN;
        }
        if (v instanceof Collection<?> coll) {
            return LIST_OVERHEAD + (long) coll.size() * HeapSizes.REFERENCE + sampled(coll, coll.size(), depth);
        }
        if (v instanceof Map<?, ?> map) {
            return MAP_OVERHEAD + (long) map.size() * MAP_ENTRY + sampled(map.keySet(), map.size(), depth)
                    + sampled(map.values(), map.size(), depth);
        }
        try {
            return Math.max(HeapSizes.OBJECT_HEADER, serializedLength.applyAsLong(v));
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }

    private long arraySize(Object array, Class<?> component, int depth) {
        int length = Array.getLength(array);
        if (component.isPrimitive()) {
            int width = component == long.class || component == double.class ? 8
                    : component == int.class || component == float.class ? 4
                    : component == char.class || component == short.class ? 2 : 1;
            return HeapSizes.array(length, width);
        }
        long shell = HeapSizes.array(length, HeapSizes.REFERENCE);
        if (depth >= MAX_DEPTH) {
            return shell + length * UNKNOWN;
        }
        return shell + sampled(Arrays.asList((Object[]) array), length, depth);
    }

    /** Estimates the total size of {@code n} elements from up to {@link #SAMPLES} of them. */
    private long sampled(Collection<?> items, int n, int depth) {
        if (n == 0) {
            return 0;
        }
        int samples = Math.min(SAMPLES, n);
        long sum = 0;
        if (items instanceof List<?> list && items instanceof RandomAccess) {
            for (int i = 0; i < samples; i++) {
                sum += sizeOf(list.get((int) ((long) i * n / samples)), depth + 1);
            }
        } else {
            Iterator<?> it = items.iterator();
            for (int i = 0; i < samples && it.hasNext(); i++) {
                sum += sizeOf(it.next(), depth + 1);
            }
        }
        return n == samples ? sum : (long) ((double) sum / samples * n);
    }
}
