package io.jdask.bag;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.Jdask;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskGraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Element-wise chains become one push pipeline per partition, and only where nothing else needs the steps. */
class PipelineFusionTest {
    private static List<PipelineFusion.Pipeline> pipelines(TaskGraph g) {
        return g.nodes().values().stream().filter(n -> n instanceof Task t && t.function() instanceof PipelineFusion.Pipeline)
                .map(n -> (PipelineFusion.Pipeline) ((Task) n).function()).toList();
    }

    @Test
    void aChainAndItsAggregationFuseIntoOnePipelinePerPartition() {
        Bag<Map.Entry<String, Long>> freq = Bag.fromSequence(List.of("a b", "b c", "c c"), 3).map(Text::words).<String>flatten()
                .filter(w -> !w.equals("a")).frequencies();
        TaskGraph g = freq.optimize(freq.graph().materialize(), freq.keys());
        List<PipelineFusion.Pipeline> p = pipelines(g);
        assertThat(p).hasSize(3);
        assertThat(p.get(0).ops()).hasSize(3);
        assertThat(p.get(0).terminal()).isInstanceOf(Aggregations.Frequencies.class);
        assertThat(freq.compute()).containsExactlyInAnyOrder(Map.entry("b", 2L), Map.entry("c", 3L));
    }

    @Test
    void stepsThatOthersUseOrThatAreAskedForStay() {
        Bag<Integer> base = Bag.range(20, 2).map(x -> (int) (x * 1));
        Bag<Integer> doubled = base.map(x -> x * 2);
        Item<Long> n = base.filter(x -> x > 3).count();
        TaskGraph merged = io.jdask.graph.Graph.merge(List.of(doubled.graph(), n.graph())).materialize();
        List<Key> outputs = new java.util.ArrayList<>(doubled.keys());
        outputs.addAll(n.keys());
        TaskGraph g = PipelineFusion.fuse(merged, outputs);
        for (Key k : base.keys()) {
            assertThat(g.contains(k)).as("%s has two users and stays", k).isTrue();
        }
        var r = Jdask.compute(doubled, n, base);
        assertThat(r.get(doubled)).hasSize(20).startsWith(0, 2, 4);
        assertThat(r.get(n)).isEqualTo(16L);
        assertThat(r.get(base)).hasSize(20);
        TaskGraph own = doubled.optimize(doubled.graph().materialize(), doubled.keys());
        assertThat(own.nodes().keySet()).containsAll(doubled.keys());
        for (Node node : own.nodes().values()) {
            assertThat(node.key().name()).doesNotStartWith(base.name());
        }
    }
}
