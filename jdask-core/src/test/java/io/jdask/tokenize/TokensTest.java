package io.jdask.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.function.Fn1;
import io.jdask.graph.Key;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokensTest {
    record Point(int x, double y, String label) {}

    enum Color { RED, GREEN }

    static int twice(int x) {
        return 2 * x;
    }

    /** Values whose tokens must be the same in every JVM: printed by {@link #main} in a child JVM. */
    static List<Object> stableValues() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            m.put("k" + i, i);
        }
        Fn1<Integer, Integer> lambda = x -> x + 1;
        int captured = 41;
        Fn1<Integer, Integer> capturing = x -> x + captured;
        return List.of(1, 1L, 1.5, "text", List.of(1, 2, 3), m, new Point(1, 2.5, "p"), Color.GREEN,
                new double[] {1, 2, 3}, new long[1000], Key.of("x", 1, 2), Optional.of("o"), Set.of(3, 1, 2),
                lambda, capturing, (Fn1<Integer, Integer>) TokensTest::twice);
    }

    public static void main(String[] args) {
        for (Object v : stableValues()) {
            System.out.println(Tokens.token(v));
        }
    }

    @Test
    void tokensAreStableAcrossJvms() throws Exception {
        List<String> here = new ArrayList<>();
        for (Object v : stableValues()) {
            here.add(Tokens.token(v));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TokensTest.class.getName())
                .redirectErrorStream(true)
                .start();
        List<String> there = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                there.add(line);
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(there).isEqualTo(here);
        assertThat(new HashSet<>(here)).hasSize(here.size());
    }

    @Test
    void equalContentsGiveEqualTokensAndDifferentContentsDiffer() {
        assertThat(Tokens.token(List.of(1, 2))).isEqualTo(Tokens.token(new ArrayList<>(List.of(1, 2))));
        assertThat(Tokens.token(List.of(1, 2))).isNotEqualTo(Tokens.token(List.of(2, 1)));
        assertThat(Tokens.token(1)).isNotEqualTo(Tokens.token(1L)).isNotEqualTo(Tokens.token("1"));
        assertThat(Tokens.token("ab", "c")).isNotEqualTo(Tokens.token("a", "bc"));
        assertThat(Tokens.token(new double[] {1, 2})).isEqualTo(Tokens.token(new double[] {1, 2}));
        assertThat(Tokens.token(new double[] {1, 2})).isNotEqualTo(Tokens.token(new float[] {1, 2}));
        assertThat(Tokens.token(new Point(1, 2, "a"))).isNotEqualTo(Tokens.token(new Point(1, 2, "b")));
        Map<String, Integer> a = new LinkedHashMap<>();
        a.put("x", 1);
        a.put("y", 2);
        Map<String, Integer> b = new LinkedHashMap<>();
        b.put("y", 2);
        b.put("x", 1);
        assertThat(Tokens.token(a)).isEqualTo(Tokens.token(b)).isEqualTo(Tokens.token(new HashMap<>(a)));
        assertThat(Tokens.token(new TreeMap<>(a))).isNotEqualTo(Tokens.token(new TreeMap<>(Map.of("x", 1, "y", 3))));
        assertThat(Tokens.token(Set.of(1, 2, 3))).isEqualTo(Tokens.token(new HashSet<>(List.of(3, 2, 1))));
        assertThat(Tokens.token(Tokens.token(1))).hasSize(32).matches("[0-9a-f]{32}");
    }

    @Test
    void largeArraysAreHashedByEveryElement() {
        double[] x = new double[100_000];
        String before = Tokens.token((Object) x);
        x[99_999] = 1;
        assertThat(Tokens.token((Object) x)).isNotEqualTo(before);
    }

    @Test
    void functionsAreIdentifiedByCodeAndCapturedValues() {
        int one = 1;
        int two = 2;
        Fn1<Integer, Integer> f1 = x -> x + one;
        Fn1<Integer, Integer> f2 = x -> x + two;
        List<Fn1<Integer, Integer>> same = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            same.add(x -> x * 3);
        }
        assertThat(Tokens.functionToken(f1)).isNotEqualTo(Tokens.functionToken(f2));
        assertThat(Tokens.functionToken(same.get(0))).isEqualTo(Tokens.functionToken(same.get(1)));
        Fn1<Integer, Integer> ref1 = TokensTest::twice;
        Fn1<Integer, Integer> ref2 = TokensTest::twice;
        assertThat(Tokens.functionToken(ref1)).isEqualTo(Tokens.functionToken(ref2));
        assertThat(Tokens.functionName(ref1)).isEqualTo("twice");
        assertThat(Tokens.functionName(f1)).isEqualTo("lambda");
    }

    @Test
    void unserializableObjectsGetRandomTokensUnlessDeterminismIsRequired() {
        Object opaque = new Object() {
            final int state = 1;
        };
        assertThat(Tokens.token(opaque)).isNotEqualTo(Tokens.token(opaque));
        try (var s = io.jdask.config.Config.set("tokenize.ensure-deterministic", true)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tokens.token(opaque))
                    .isInstanceOf(NonDeterministicTokenException.class)
                    .hasMessageContaining("tokenize.ensure-deterministic");
        }
    }

    @Test
    void tokenizableObjectsDescribeThemselves() {
        Tokenizable t = sink -> sink.putString("content").putLong(7);
        Tokenizable u = sink -> sink.putString("content").putLong(8);
        assertThat(Tokens.token(t)).isNotEqualTo(Tokens.token(u));
        assertThat(Tokens.random()).isNotEqualTo(Tokens.random()).hasSize(32);
    }
}
