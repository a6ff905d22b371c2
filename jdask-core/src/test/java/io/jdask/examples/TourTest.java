package io.jdask.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.Computed;
import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.config.Config;
import io.jdask.diagnostics.Callbacks;
import io.jdask.diagnostics.Profiler;
import io.jdask.function.Fn1;
import io.jdask.scheduler.Schedulers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API tour of the README. Each block between {@code // tour:NAME} and {@code // end} appears
 * verbatim (less indentation) in README.md; {@code ReadmeTourTest} checks that they agree.
 */
class TourTest {
    static int inc(int x) {
        return x + 1;
    }

    @Test
    void delayed() {
        // tour:delayed
        Delayed<Integer> a = Delayed.value(1);
        Delayed<Integer> b = Delayed.call(x -> x + 1, a);           // lazy: nothing runs yet
        Delayed<Integer> c = Delayed.call((x, y) -> x * y, a, b);
        int r = c.compute();                                        // 2, on the threaded scheduler
        // end
        assertThat(r).isEqualTo(2);
    }

    @Test
    void treeReduction() {
        // tour:tree
        List<Delayed<Integer>> level = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            level.add(Delayed.call(TourTest::inc, Delayed.value(i)));
        }
        while (level.size() > 1) {                                  // pairwise sums, like Dask's tree reduction
            List<Delayed<Integer>> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(Delayed.call(Integer::sum, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        int total = level.get(0).compute();                         // 500500
        // end
        assertThat(total).isEqualTo(500_500);
    }

    @Test
    void pureAndShared() {
        // tour:pure
        Fn1<Integer, Integer> square = v -> v * v;
        Delayed<Integer> x = Delayed.value(6);
        Delayed<Integer> sq1 = Delayed.pure().call(square, x);      // pure: the key is a content token
        Delayed<Integer> sq2 = Delayed.pure().call(square, x);      // same call, same key: computed once
        Delayed<Integer> plus = Delayed.call(v -> v + 1, sq1);
        Computed both = Jdask.compute(plus, sq2);                   // one merged graph
        int p = both.get(plus);                                     // 37
        int s = both.get(sq2);                                      // 36
        // end
        assertThat(sq1.key()).isEqualTo(sq2.key());
        assertThat(p).isEqualTo(37);
        assertThat(s).isEqualTo(36);
    }

    @Test
    void schedulersConfigAndDiagnostics(@TempDir Path dir) throws Exception {
        Delayed<Integer> c = Delayed.call(TourTest::inc, Delayed.value(41));
        // tour:schedulers
        try (var sync = Schedulers.use(Schedulers.sync())) {          // one thread, deterministic: for debugging
            c.compute();
        }
        try (var threads = Config.set("scheduler.threads", 4)) {     // or JDASK_SCHEDULER__THREADS=4
            c.compute();
        }
        Profiler profiler = new Profiler();
        try (var registration = Callbacks.add(profiler)) {
            c.compute();
        }
        profiler.writeCsv(dir.resolve("profile.csv"));              // per-task timings (also writeJson)
        c.visualize(dir.resolve("graph.dot"));                     // .svg/.png when Graphviz is installed
        // end
        assertThat(profiler.tasks()).hasSize(1);
        assertThat(Files.readString(dir.resolve("profile.csv"))).startsWith("key,prefix,thread");
        assertThat(Files.readString(dir.resolve("graph.dot"))).startsWith("digraph");
    }
}
