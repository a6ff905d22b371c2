package io.jdask.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.scheduler.TaskFailedException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bag operation against java.util.stream on seeded data with empty, single and skewed partitions. */
class BagOperationsTest {
    record Sale(String shop, int amount) implements Serializable {}

    /** Seeded partitionings: random sizes with empty partitions, a single element, one partition. */
    static Stream<List<List<Integer>>> partitionings() {
        List<List<List<Integer>>> cases = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            int parts = 1 + r.nextInt(12);
            List<List<Integer>> p = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                int size = r.nextInt(4) == 0 ? 0 : r.nextInt(200);
                List<Integer> part = new ArrayList<>();
                for (int j = 0; j < size; j++) {
                    // skewed: half of all values are 7
                    part.add(r.nextBoolean() ? 7 : r.nextInt(1000) - 300);
                }
                p.add(part);
            }
            cases.add(p);
        }
        cases.add(List.of(List.of(42)));
        cases.add(List.of(List.of(), List.of(5), List.of()));
        cases.add(List.of(List.of(), List.of()));
        return cases.stream();
    }

    private static List<Integer> flat(List<List<Integer>> parts) {
        return parts.stream().flatMap(List::stream).toList();
    }

    @ParameterizedTest
    @MethodSource("partitionings")
    void elementwiseOperationsMatchStreams(List<List<Integer>> parts) {
        List<Integer> all = flat(parts);
        Bag<Integer> b = Bag.ofPartitions(parts);
        assertThat(b.npartitions()).isEqualTo(parts.size());
        assertThat(b.compute()).isEqualTo(all);
        assertThat(b.map(x -> x * 2).filter(x -> x % 3 == 0).map(x -> "v" + x).compute())
                .isEqualTo(all.stream().map(x -> x * 2).filter(x -> x % 3 == 0).map(x -> "v" + x).toList());
        assertThat(b.flatMap(x -> List.of(x, -x)).compute()).isEqualTo(all.stream().flatMap(x -> Stream.of(x, -x)).toList());
        assertThat(b.map(x -> List.of(x, x + 1)).<Integer>flatten().compute())
                .isEqualTo(all.stream().flatMap(x -> Stream.of(x, x + 1)).toList());
        assertThat(b.map(x -> Map.of("v", x)).<Integer>pluck("v").compute()).isEqualTo(all);
        assertThat(b.map(x -> List.of(x, x * 3)).<Integer>pluck(1).compute()).isEqualTo(all.stream().map(x -> x * 3).toList());
        assertThat(b.map(x -> new Sale("s" + x, x)).<Integer>pluck("amount").compute()).isEqualTo(all);
        assertThat(b.mapPartitions(p -> List.of(p.size())).compute()).isEqualTo(parts.stream().map(List::size).toList());
        assertThat(b.map(x -> Map.entry(x, 10)).<Integer, Integer, Integer>mapPairs((x, y) -> x * y).compute())
                .isEqualTo(all.stream().map(x -> x * 10).toList());
        Bag<Map.Entry<Integer, String>> zipped = b.zip(b.map(x -> "s" + x));
        assertThat(zipped.compute()).isEqualTo(all.stream().map(x -> Map.entry(x, "s" + x)).toList());
        for (int n : new int[] {1, 2, 3, 17}) {
            Bag<Integer> re = b.repartition(n);
            assertThat(re.npartitions()).isEqualTo(n);
            assertThat(re.compute()).isEqualTo(all);
        }
    }

    @ParameterizedTest
    @MethodSource("partitionings")
    void aggregationsMatchStreams(List<List<Integer>> parts) {
        List<Integer> all = flat(parts);
        Bag<Integer> b = Bag.ofPartitions(parts);
        assertThat(b.count().compute()).isEqualTo((long) all.size());
        assertThat(b.sum().compute()).isEqualTo(all.stream().mapToLong(x -> x).sum());
        assertThat(b.map(x -> x / 2.0).sum().compute().doubleValue())
                .isCloseTo(all.stream().mapToDouble(x -> x / 2.0).sum(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.any(x -> x > 600).compute()).isEqualTo(all.stream().anyMatch(x -> x > 600));
        assertThat(b.all(x -> x > -300).compute()).isEqualTo(all.stream().allMatch(x -> x > -300));
        assertThat(b.map(x -> x == 7).any().compute()).isEqualTo(all.contains(7));
        assertThat(b.fold((acc, x) -> acc + x, Long::sum, 0L).compute()).isEqualTo(all.stream().mapToLong(x -> x).sum());
        assertThat(b.reduction(p -> p.size(), (List<Integer> counts) -> counts.stream().mapToInt(c -> c).sum()).compute())
                .isEqualTo(all.size());
        Map<Integer, Long> counts = all.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(b.frequencies().compute()).containsExactlyInAnyOrderElementsOf(counts.entrySet());
        assertThat(new ArrayList<>(b.frequencies(true).compute().stream().map(Map.Entry::getValue).toList()))
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(b.distinct().compute()).isEqualTo(new ArrayList<>(new LinkedHashSet<>(all)));
        assertThat(b.distinct(x -> Math.floorMod(x, 5)).compute())
                .isEqualTo(new ArrayList<>(all.stream().collect(Collectors.toMap(x -> Math.floorMod(x, 5), x -> x, (x, y) -> x, LinkedHashMap::new)).values()));
        assertThat(b.topK(5, Comparator.<Integer>naturalOrder()).compute())
                .isEqualTo(all.stream().sorted(Comparator.reverseOrder()).limit(5).toList());
        assertThat(b.topK(3, x -> -x).compute().stream().map(x -> -x).toList())
                .isEqualTo(all.stream().map(x -> -x).sorted(Comparator.reverseOrder()).limit(3).toList());
        Map<Boolean, Integer> sums = all.stream().collect(Collectors.groupingBy(x -> x % 2 == 0, Collectors.summingInt(x -> x)));
        assertThat(b.foldBy(x -> x % 2 == 0, (Integer acc, Integer x) -> acc + x, 0, Integer::sum).compute())
                .containsExactlyInAnyOrderElementsOf(sums.entrySet());
        Map<Integer, List<Integer>> groups = all.stream().collect(Collectors.groupingBy(x -> Math.floorMod(x, 13)));
        List<Map.Entry<Integer, List<Integer>>> grouped = b.groupBy(x -> Math.floorMod(x, 13)).compute();
        assertThat(grouped).hasSize(groups.size());
        for (Map.Entry<Integer, List<Integer>> e : grouped) {
            assertThat(e.getValue()).as("group %s, in order", e.getKey()).isEqualTo(groups.get(e.getKey()));
        }
        if (all.isEmpty()) {
            assertThatThrownBy(() -> b.mean().compute()).isInstanceOf(TaskFailedException.class);
            assertThatThrownBy(() -> b.max().compute()).isInstanceOf(TaskFailedException.class);
            assertThat(b.take(3)).isEmpty();
            return;
        }
        assertThat(b.min().compute()).isEqualTo(all.stream().min(Comparator.naturalOrder()).orElseThrow());
        assertThat(b.max().compute()).isEqualTo(all.stream().max(Comparator.naturalOrder()).orElseThrow());
        assertThat(b.max(Comparator.comparing((Integer x) -> -x)).compute()).isEqualTo(all.stream().min(Comparator.naturalOrder()).orElseThrow());
        double mean = all.stream().mapToDouble(x -> x).average().orElseThrow();
        double var = all.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / all.size();
        assertThat(b.mean().compute()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.var().compute()).isCloseTo(var, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b.std().compute()).isCloseTo(Math.sqrt(var), org.assertj.core.data.Offset.offset(1e-6));
        if (all.size() > 1) {
            assertThat(b.var(1).compute()).isCloseTo(var * all.size() / (all.size() - 1), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(b.fold(Math::max).compute()).isEqualTo(all.stream().max(Comparator.naturalOrder()).orElseThrow());
        assertThat(b.take(3)).isEqualTo(all.subList(0, Math.min(3, all.size())));
        assertThat(b.take(all.size() + 5)).isEqualTo(all);
    }

    @Test
    void groupByShufflesSkewedKeysAcrossPartitions() {
        Random r = new Random(11);
        List<Integer> data = IntStream.range(0, 20_000).map(i -> r.nextInt(10) < 8 ? 0 : r.nextInt(500)).boxed().toList();
        Bag<Integer> b = Bag.fromSequence(data, 9);
        Bag<Map.Entry<Integer, List<Integer>>> g = b.groupBy(x -> x, 4);
        assertThat(g.npartitions()).isEqualTo(4);
        Map<Integer, List<Integer>> expected = data.stream().collect(Collectors.groupingBy(x -> x));
        List<Map.Entry<Integer, List<Integer>>> got = g.compute();
        assertThat(got.stream().map(Map.Entry::getKey).toList()).doesNotHaveDuplicates().hasSize(expected.size());
        for (Map.Entry<Integer, List<Integer>> e : got) {
            assertThat(e.getValue()).isEqualTo(expected.get(e.getKey()));
        }
        // every group lands whole in the partition of its key's hash
        List<Delayed<List<Map.Entry<Integer, List<Integer>>>>> parts = g.toDelayed();
        for (int j = 0; j < parts.size(); j++) {
            for (Map.Entry<Integer, List<Integer>> e : parts.get(j).compute()) {
                assertThat(Shuffle.bucket(e.getKey(), 4)).isEqualTo(j);
            }
        }
    }

    @Test
    void sourcesAndResults() {
        assertThat(Bag.range(10, 3).compute()).isEqualTo(LongStreamList.of(10));
        assertThat(Bag.range(10, 3).npartitions()).isEqualTo(3);
        assertThat(Bag.range(2, 5).npartitions()).isEqualTo(2);
        assertThat(Bag.range(0, 5).compute()).isEmpty();
        assertThat(Bag.fromSequence(List.of(1, 2, 3)).npartitions()).isEqualTo(3);
        assertThat(Bag.fromSequence(IntStream.range(0, 1000).boxed().toList()).npartitions()).isEqualTo(100);
        assertThat(Bag.fromSequenceBySize(IntStream.range(0, 10).boxed().toList(), 4).npartitions()).isEqualTo(3);
        assertThat(Bag.fromSequence(List.of()).compute()).isEmpty();

        Delayed<List<Integer>> d1 = Delayed.value(List.of(1, 2));
        Delayed<List<Integer>> d2 = Delayed.call(x -> List.of(x.size(), 9), d1);
        Bag<Integer> fromDelayed = Bag.fromDelayed(List.of(d1, d2));
        assertThat(fromDelayed.compute()).containsExactly(1, 2, 2, 9);
        assertThat(fromDelayed.toDelayed().get(1).compute()).containsExactly(2, 9);
        assertThat(fromDelayed.count().toDelayed().then(n -> n * 10).compute()).isEqualTo(40L);
        assertThat(fromDelayed.count().then(n -> n + 1).compute()).isEqualTo(5L);

        Bag<Sale> sales = Bag.fromSequence(List.of(new Sale("a", 1), new Sale("b", 2), new Sale("a", 3)), 2);
        List<String> shops = List.of("a", "c");
        assertThat(sales.join(List.of("a", "c", "a"), s -> s, Sale::shop).compute())
                .containsExactly(Map.entry(new Sale("a", 1), "a"), Map.entry(new Sale("a", 1), "a"),
                        Map.entry(new Sale("a", 3), "a"), Map.entry(new Sale("a", 3), "a"));
        assertThat(shops).hasSize(2);

        Bag<Integer> persisted = Bag.range(100, 4).map(x -> (int) (x * 2)).persist();
        assertThat(persisted.sum().compute()).isEqualTo(9900L);
        var both = Jdask.compute(persisted.count(), persisted.max());
        assertThat(both.get(0)).isEqualTo(100L);
        assertThat(both.get(1)).isEqualTo(198);
        io.jdask.function.Fn1<Long, Long> inc = x -> x + 1;
        assertThat(Bag.range(5, 2).map(inc).name()).as("same operations, same keys").isEqualTo(Bag.range(5, 2).map(inc).name());
    }

    @Test
    void takeComputesOnlyThePartitionsItNeeds() {
        java.util.concurrent.atomic.AtomicInteger calls = Counter.CALLS;
        calls.set(0);
        Bag<Long> b = Bag.range(1000, 10).mapPartitions(Counter::count);
        assertThat(b.take(5)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(calls.get()).isEqualTo(1);
        calls.set(0);
        assertThat(b.take(250)).hasSize(250);
        assertThat(calls.get()).isEqualTo(3); // partition 0, then partitions 1-2
        calls.set(0);
        assertThat(b.take(3, 2)).containsExactly(0L, 1L, 2L);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void failuresNameTheirTaskAndBadArgumentsFailEarly() {
        Bag<Integer> b = Bag.fromSequence(List.of(1, 2, 0), 3);
        assertThatThrownBy(() -> b.map(x -> 10 / x).compute()).isInstanceOf(TaskFailedException.class);
        assertThatThrownBy(() -> b.zip(Bag.fromSequence(List.of(1), 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.zip(Bag.fromSequenceBySize(List.of(1, 2, 3, 4, 5, 6), 2)).compute())
                .isInstanceOf(TaskFailedException.class);
        assertThatThrownBy(() -> b.topK(2, (x, y) -> x - y)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serializable");
        assertThatThrownBy(() -> b.<Object>flatten().compute()).isInstanceOf(TaskFailedException.class);
    }

    /** Counts partition calls, for take. */
    static final class Counter {
        static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();

        static List<Long> count(List<Long> part) {
            CALLS.incrementAndGet();
            return part;
        }
    }

    /** 0..n-1 as Longs. */
    static final class LongStreamList {
        static List<Long> of(long n) {
            return java.util.stream.LongStream.range(0, n).boxed().toList();
        }
    }
}
