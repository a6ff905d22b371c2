package io.jdask.serialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Values of every common kind survive both general fallbacks, through frames and through bytes. */
class SerializationRoundTripTest {
    private static final Map<String, Serialization> BY_FALLBACK = new ConcurrentHashMap<>();

    record Point(int x, int y) implements Serializable {}

    record Shape(String name, List<Point> corners, Map<String, Object> tags) implements Serializable {}

    static Serialization with(String fallback) {
        return BY_FALLBACK.computeIfAbsent(fallback, f -> Serialization.builder().fallback(f).build());
    }

    static Object first(Object[] args) {
        return args[0];
    }

    static Stream<Arguments> values() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", Map.of("b", List.of(1, 2, Map.of("c", "d"))));
        nested.put("empty", new TreeMap<>());
        nested.put("nothing", null);
        List<Object> samples = List.of(
                42, -7L, 2.5, Double.NaN, 1.5f, (short) 3, (byte) -1, true, 'x',
                new BigDecimal("12345.678901234567890"),
                "",
                "héllo 世界 \uD83D\uDE00",
                new Point(1, 2),
                new Shape("tri", List.of(new Point(0, 0), new Point(1, 0), new Point(0, 1)), Map.of("color", "red")),
                List.of(1, "a", 2.5),
                new ArrayList<>(List.of("x", "y")),
                new HashSet<>(Set.of(1, 2, 3)),
                new TreeMap<>(Map.of("k", 1, "j", 2)),
                nested,
                new Object[] {1, "two", new Point(3, 3), null},
                new int[][] {{1, 2}, {3}},
                new String[] {"a", null, "c"},
                new short[] {1, 2},
                new char[] {'a', 'b'},
                new boolean[] {true, false},
                Instant.ofEpochSecond(1_700_000_000L, 5),
                Duration.ofMillis(1500),
                LocalDate.of(2024, 2, 29),
                TimeUnit.SECONDS,
                Key.of("inc-3f2a9c0142aa"),
                Key.of("x-4d2e", 0, 1),
                new Literal(Key.of("lit"), List.of(1, 2)),
                new Alias(Key.of("a"), Key.of("b", 3)));
        return Stream.of("fory", "java").flatMap(f -> samples.stream().map(v -> Arguments.of(f, v)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("values")
    void roundTrips(String fallback, Object value) {
        Serialization s = with(fallback);
        Object back = s.deserialize(s.serialize(value));
        assertThat(Objects.deepEquals(value, back)).as("%s came back as %s", value, back).isTrue();
        Object fromBytes = s.fromBytes(s.toBytes(value));
        assertThat(Objects.deepEquals(value, fromBytes)).as("%s through bytes came back as %s", value, fromBytes).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void nullRoundTrips(String fallback) {
        Serialization s = with(fallback);
        assertThat(s.deserialize(s.serialize(null))).isNull();
        assertThat(s.fromBytes(s.toBytes(null))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void objectsWithoutABlockSerializerUseTheConfiguredFallback(String fallback) {
        Serialized out = with(fallback).serialize(new Point(1, 2));
        assertThat(out.typeId()).isEqualTo("jdask." + fallback);
        assertThat(out.totalBytes()).isPositive();
    }

    @Test
    void eitherInstanceReadsWhatTheOtherWrote() {
        Point p = new Point(5, 6);
        assertThat(with("java").deserialize(with("fory").serialize(p))).isEqualTo(p);
        assertThat(with("fory").deserialize(with("java").serialize(p))).isEqualTo(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void sharedAndCyclicReferencesSurvive(String fallback) {
        Serialization s = with(fallback);
        List<Object> shared = new ArrayList<>(List.of("s"));
        List<Object> outer = new ArrayList<>();
        outer.add(shared);
        outer.add(shared);
        outer.add(outer);
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) s.deserialize(s.serialize(outer));
        assertThat(back.get(0)).isSameAs(back.get(1)).isEqualTo(List.of("s"));
        assertThat(back.get(2)).isSameAs(back);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void lambdasCapturingValuesCanBeCalledAfterTheTrip(String fallback) throws Exception {
        Serialization s = with(fallback);
        int offset = 41;
        String label = "n=";
        Point captured = new Point(3, 4);
        TaskFunction f = args -> label + ((Integer) args[0] + offset + captured.x() * captured.y());
        TaskFunction back = (TaskFunction) s.fromBytes(s.toBytes(f));
        assertThat(back.apply(new Object[] {1})).isEqualTo("n=54");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void methodReferencesCanBeCalledAfterTheTrip(String fallback) throws Exception {
        Serialization s = with(fallback);
        TaskFunction staticRef = SerializationRoundTripTest::first;
        Function<String, Integer> unbound = (Function<String, Integer> & Serializable) String::length;
        String prefix = "ab";
        Function<String, Boolean> bound = (Function<String, Boolean> & Serializable) prefix::equals;
        BiFunction<Integer, Integer, Integer> jdk = (BiFunction<Integer, Integer, Integer> & Serializable) Math::max;

        assertThat(((TaskFunction) s.deserialize(s.serialize(staticRef))).apply(new Object[] {"x", "y"})).isEqualTo("x");
        @SuppressWarnings("unchecked")
        Function<String, Integer> unboundBack = (Function<String, Integer>) s.deserialize(s.serialize(unbound));
        assertThat(unboundBack.apply("four")).isEqualTo(4);
        @SuppressWarnings("unchecked")
        Function<String, Boolean> boundBack = (Function<String, Boolean>) s.deserialize(s.serialize(bound));
        assertThat(boundBack.apply("ab")).isTrue();
        assertThat(boundBack.apply("abc")).isFalse();
        @SuppressWarnings("unchecked")
        BiFunction<Integer, Integer, Integer> jdkBack = (BiFunction<Integer, Integer, Integer>) s.deserialize(s.serialize(jdk));
        assertThat(jdkBack.apply(3, 9)).isEqualTo(9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void tasksKeepTheirKeyArgumentsAndFunction(String fallback) throws Exception {
        Serialization s = with(fallback);
        double scale = 2.0;
        Task task = new Task(Key.of("scale-1a2b3c4d5e", 0), args -> ((double[]) args[0]).length * scale + (Integer) args[1]
                + ((List<?>) args[2]).size(),
                Arg.ref(Key.of("x-4d2e", 0)), Arg.value(10), Arg.many(List.of(Arg.ref(Key.of("y")), Arg.value("z"))));
        Task back = (Task) s.fromBytes(s.toBytes(task));
        assertThat(back.key()).isEqualTo(task.key());
        assertThat(back.dependencies()).containsExactly(Key.of("x-4d2e", 0), Key.of("y"));
        assertThat(back.args()).isEqualTo(task.args());
        Map<Key, Object> results = Map.of(Key.of("x-4d2e", 0), new double[3], Key.of("y"), "why");
        assertThat(back.run(results::get)).isEqualTo(task.run(results::get)).isEqualTo(18.0);
    }

    @Test
    void largeArraysInsideObjectsTravelAsSeparateFrames() {
        Serialization s = with("fory");
        double[] big = new double[20_000];
        Arrays.setAll(big, i -> i * 0.5);
        Map<String, Object> value = Map.of("big", big, "small", new long[] {1, 2, 3});
        Serialized out = s.serialize(value);
        assertThat(out.frames()).hasSize(2);
        assertThat(out.frames().get(1).remaining()).isGreaterThanOrEqualTo(big.length * 8);
        assertThat(out.frames().get(0).remaining()).isLessThan(1024);
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) s.fromBytes(out.toBytes());
        assertThat((double[]) back.get("big")).isEqualTo(big);
        assertThat((long[]) back.get("small")).containsExactly(1, 2, 3);
    }

    @Test
    void nonSerializableLambdasFailWithAHint() {
        Runnable r = () -> {};
        assertThatThrownBy(() -> with("fory").serialize(r))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not Serializable")
                .hasMessageContaining("TaskFunction");
        assertThatThrownBy(() -> with("java").serialize(new Object()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("Serializable");
    }

    @Test
    void isThreadSafe() throws Exception {
        Serialization s = Serialization.get();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int v = id * 1000 + i;
                        TaskFunction f = args -> (Integer) args[0] + v;
                        Object back = s.fromBytes(s.toBytes(List.of(new Point(v, i), f, new double[] {v})));
                        List<?> list = (List<?>) back;
                        assertThat(list.get(0)).isEqualTo(new Point(v, i));
                        assertThat(((TaskFunction) list.get(1)).apply(new Object[] {1})).isEqualTo(v + 1);
                        assertThat((double[]) list.get(2)).containsExactly(v);
                    }
                    return null;
                }));
            }
            for (Future<Object> f : results) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
