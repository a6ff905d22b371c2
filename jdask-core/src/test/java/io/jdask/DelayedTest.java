package io.jdask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Key;
import io.jdask.scheduler.Schedulers;
import io.jdask.scheduler.TaskFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DelayedTest {
    static final AtomicInteger CALLS = new AtomicInteger();

    record Pair(int left, String right) {}

    static int countedSquare(int x) {
        CALLS.incrementAndGet();
        return x * x;
    }

    @Test
    void callsComputeOnTheDefaultScheduler() {
        Delayed<Integer> a = Delayed.value(1);
        Delayed<Integer> b = Delayed.call(x -> x + 1, a);
        Delayed<Integer> c = Delayed.call((x, y) -> x * y, a, b);
        assertThat(c.compute()).isEqualTo(2);
        assertThat(Schedulers.current().name()).isEqualTo("threads");
    }

    @Test
    void callsOfEveryArityPassArgumentsInOrder() {
        Delayed<Integer> one = Delayed.value(1);
        Delayed<Integer> two = Delayed.value(2);
        Delayed<Integer> three = Delayed.value(3);
        Delayed<String> s = Delayed.call((a, b, c, d, e, f) -> "" + a + b + c + d + e + f, one, two, three, two, one, three);
        assertThat(s.compute()).isEqualTo("123213");
        assertThat(Delayed.call((a, b, c, d, e) -> a * 10000 + b * 1000 + c * 100 + d * 10 + e, one, two, three, one, two).compute())
                .isEqualTo(12312);
        assertThat(Delayed.call((a, b, c, d) -> a - b - c - d, three, one, one, one).compute()).isZero();
        assertThat(Delayed.call((a, b, c) -> a * b * c, two, three, two).compute()).isEqualTo(12);
    }

    @Test
    void applyMixesDelayedPlainAndListArguments() {
        Delayed<Integer> a = Delayed.value(5);
        Delayed<Integer> b = Delayed.call(x -> x * 2, a);
        Delayed<Integer> r = Delayed.apply(args -> {
            int plain = (Integer) args[1];
            @SuppressWarnings("unchecked")
            List<Integer> list = (List<Integer>) args[2];
            return (Integer) args[0] + plain + list.stream().mapToInt(Integer::intValue).sum();
        }, a, 100, List.of(a, b, 7));
        assertThat(r.compute()).isEqualTo(5 + 100 + 5 + 10 + 7);
    }

    @Test
    void pureCallsShareKeysAndAreComputedOnce() {
        Delayed<Integer> a = Delayed.value(7);
        Delayed<Integer> s1 = Delayed.pure().call(DelayedTest::countedSquare, a);
        Delayed<Integer> s2 = Delayed.pure().call(DelayedTest::countedSquare, a);
        assertThat(s1.key()).isEqualTo(s2.key());
        assertThat(s1.key().prefix()).isEqualTo("countedSquare");
        Delayed<Integer> sum = Delayed.call(Integer::sum, s1, s2);
        CALLS.set(0);
        assertThat(sum.compute()).isEqualTo(98);
        assertThat(CALLS.get()).isEqualTo(1);
    }

    @Test
    void impureCallsGetFreshKeys() {
        Delayed<Integer> a = Delayed.value(7);
        assertThat(Delayed.call(x -> x + 1, a).key()).isNotEqualTo(Delayed.call(x -> x + 1, a).key());
    }

    @Test
    void pureKeysDependOnCapturedValuesAndArguments() {
        Delayed<Integer> a = Delayed.value(7);
        int k1 = 1;
        int k2 = 2;
        Key add1 = Delayed.pure().call(x -> x + k1, a).key();
        Key add2 = Delayed.pure().call(x -> x + k2, a).key();
        assertThat(add1).isNotEqualTo(add2);
        assertThat(Delayed.pure().call(x -> x + k1, Delayed.value(8)).key()).isNotEqualTo(add1);
    }

    @Test
    void namesAndUserKeys() {
        Delayed<Integer> a = Delayed.value(1, "my-input");
        Delayed<Integer> inc = Delayed.named("inc").call(x -> x + 1, a);
        assertThat(inc.key().prefix()).isEqualTo("inc");
        Delayed<Integer> fixed = Delayed.withKey("result").call(x -> x + 1, inc);
        assertThat(fixed.key()).isEqualTo(Key.of("result"));
        assertThat(fixed.compute()).isEqualTo(3);
        assertThat(a.key()).isEqualTo(Key.of("my-input"));
    }

    @Test
    void splitsTupleLikeResults() {
        Delayed<Pair> p = Delayed.call(x -> new Pair(x, "v" + x), Delayed.value(4));
        List<Delayed<Object>> parts = p.split(2);
        assertThat(parts.get(0).compute()).isEqualTo(4);
        assertThat(parts.get(1).compute()).isEqualTo("v4");
        Delayed<List<Integer>> list = Delayed.call(x -> List.of(x, x + 1, x + 2), Delayed.value(1));
        assertThat(list.get(2, Integer.class).compute()).isEqualTo(3);
        Delayed<Map.Entry<String, Integer>> e = Delayed.value(Map.entry("k", 9));
        assertThat(e.get(1).compute()).isEqualTo(9);
        assertThatThrownBy(() -> Delayed.value("text").get(0).compute())
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("getitem")
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allCollectsResultsInOrder() {
        List<Delayed<Integer>> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(Delayed.call(x -> x * 3, Delayed.value(i)));
        }
        List<Integer> out = Delayed.all(items).compute();
        assertThat(out).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(out.get(i)).isEqualTo(i * 3);
        }
    }

    @Test
    void persistComputesOnceAndKeepsTheKey() {
        Delayed<Integer> s = Delayed.call(DelayedTest::countedSquare, Delayed.value(3));
        CALLS.set(0);
        Delayed<Integer> p = s.persist();
        assertThat(CALLS.get()).isEqualTo(1);
        assertThat(p.key()).isEqualTo(s.key());
        assertThat(Delayed.call(x -> x + 1, p).compute()).isEqualTo(10);
        assertThat(p.compute()).isEqualTo(9);
        assertThat(CALLS.get()).isEqualTo(1);
    }

    @Test
    void computeSeveralCollectionsSharesIntermediates() {
        Delayed<Integer> shared = Delayed.call(DelayedTest::countedSquare, Delayed.value(6));
        Delayed<Integer> plus = Delayed.call(x -> x + 1, shared);
        Delayed<Integer> minus = Delayed.call(x -> x - 1, shared);
        CALLS.set(0);
        Computed r = Jdask.compute(plus, minus, shared);
        assertThat(CALLS.get()).isEqualTo(1);
        assertThat(r.get(plus)).isEqualTo(37);
        assertThat(r.get(minus)).isEqualTo(35);
        assertThat(r.asList()).containsExactly(37, 35, 36);
        Persisted p = Jdask.persist(plus, minus);
        assertThat(p.get(plus).compute()).isEqualTo(37);
        assertThat(p.asList()).hasSize(2);
    }

    @Test
    void visualizeWritesTheGraphAsDot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Delayed<int[]> a = Delayed.value(new int[] {2}, "input"); // not a cheap constant: stays a node
        Delayed<Integer> b = Delayed.named("double").call(x -> x[0] * 2, a);
        java.nio.file.Path dot = dir.resolve("g.dot");
        b.visualize(dot);
        String text = java.nio.file.Files.readString(dot);
        assertThat(text).startsWith("digraph").contains("input").contains("double");
        assertThat(text).contains("->");
    }

    @Test
    void cheapConstantsAreCopiedIntoTasksButLargeValuesStayShared() {
        Delayed<Integer> small = Delayed.value(3);
        Delayed<long[]> big = Delayed.value(new long[10_000]);
        Delayed<Long> a = Delayed.call((s, x) -> (long) (s + x.length), small, big);
        Delayed<Long> b = Delayed.call((s, x) -> (long) s * x.length, small, big);
        var nodes = io.jdask.graph.Graph.merge(List.of(a.graph(), b.graph())).materialize().nodes();
        assertThat(nodes).containsKey(big.key()).doesNotContainKey(small.key()).hasSize(3);
        assertThat(Jdask.compute(a, b).asList()).containsExactly(10_003L, 30_000L);
    }

    @Test
    void thenChainsAndNullResultsPassThrough() {
        Delayed<String> s = Delayed.value("abc").then(String::toUpperCase).then(x -> x + "!");
        assertThat(s.compute()).isEqualTo("ABC!");
        Delayed<Object> nothing = Delayed.call(x -> null, Delayed.value(1));
        assertThat(nothing.compute()).isNull();
        assertThat(Delayed.value(null).compute()).isNull();
    }
}
