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
    void wordCountsStraightFromLinesMatchSplittingThenCounting() {
        java.util.Random r = new java.util.Random(21);
        String[] pieces = {"a", "bb", "ccc", "a-word-much-longer-than-sixteen", "sixteen-chars-xx", "seventeen-chars-x",
            "日本", "ünï", "\u00a0", " ", "  ", "\t", "\u3000", "x\u0085y", "\u2028"};
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = r.nextInt(12); w > 0; w--) {
                sb.append(pieces[r.nextInt(pieces.length)]).append(r.nextInt(3) == 0 ? "" : " ");
            }
            lines.add(sb.toString());
        }
        Map<String, Long> expected = lines.stream().flatMap(l -> Text.words(l).stream())
                .collect(java.util.stream.Collectors.groupingBy(w -> w, java.util.stream.Collectors.counting()));
        Bag<String> bag = Bag.fromSequence(lines, 7);
        Bag<Map.Entry<String, Long>> viaMap = bag.map(Text::words).<String>flatten().frequencies();
        Bag<Map.Entry<String, Long>> viaFlatMap = bag.flatMap(Text::words).frequencies();
        for (Bag<Map.Entry<String, Long>> f : List.of(viaMap, viaFlatMap)) {
            List<PipelineFusion.Pipeline> p = pipelines(f.optimize(f.graph().materialize(), f.keys()));
            assertThat(p).hasSize(7).allMatch(PipelineFusion.Pipeline::countWords).allMatch(x -> x.ops().length == 0);
            assertThat(f.compute()).containsExactlyInAnyOrderElementsOf(expected.entrySet());
        }
        Bag<Map.Entry<String, Long>> other = bag.map(l -> List.of(l.split(" "))).<String>flatten().frequencies();
        assertThat(pipelines(other.optimize(other.graph().materialize(), other.keys()))).noneMatch(PipelineFusion.Pipeline::countWords);
    }

    @Test
    void wordCountsOfTextFilesComeStraightFromTheBytesAndMatchSplittingLines(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.util.Random r = new java.util.Random(5);
        String[] pieces = {"a", "bb", "ccc", "a-word-much-longer-than-sixteen", "sixteen-chars-xx", "seventeen-chars-x",
            "日本", "ünï", "\u00a0", " ", "  ", "\t", "\u3000", "x\u0085y", "\u2028", "\r", "\u0001ctl", "\u001cfs", "\uFFFD",
            "\uD83D\uDE00", "sevenxx", "eight-xx", "nine-xxxx", "fifteen-chars-x", "\u001f", "\u000b", "~!@#$%^&*()_+{}|:<>?"};
        for (int f = 0; f < 3; f++) {
            StringBuilder sb = new StringBuilder(f == 1 ? "\uFEFFbom " : "");
            for (int i = 0; i < 2000; i++) {
                for (int w = r.nextInt(12); w > 0; w--) {
                    sb.append(pieces[r.nextInt(pieces.length)]).append(r.nextInt(3) == 0 ? "" : " ");
                }
                sb.append(r.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            if (f == 2) {
                sb.append("no trailing newline");
            }
            java.nio.file.Files.writeString(dir.resolve("t" + f + ".txt"), sb.toString());
        }
        Map<String, Long> expected = new java.util.HashMap<>();
        for (int f = 0; f < 3; f++) {
            for (String line : java.nio.file.Files.readAllLines(dir.resolve("t" + f + ".txt"))) {
                for (String w : Text.words(line)) {
                    expected.merge(w, 1L, Long::sum);
                }
            }
        }
        for (long block : new long[] {97, 1000, 1 << 20}) {
            Bag<Map.Entry<String, Long>> f = TextInput.of(dir + "/*.txt").blockSize(block).read().map(Text::words).<String>flatten()
                    .frequencies();
            TaskGraph g = f.optimize(f.graph().materialize(), f.keys());
            assertThat(g.nodes().values()).anyMatch(n -> n instanceof Task t && t.function() instanceof WordBlockCount);
            assertThat(g.nodes().values()).noneMatch(n -> n instanceof Task t && t.function() instanceof TextReading.ReadBlock);
            assertThat(f.compute()).as("block size %d", block).containsExactlyInAnyOrderElementsOf(expected.entrySet());
        }
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheFileOnTheByteWordCountPathToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path bad = dir.resolve("bad.txt");
        java.nio.file.Files.write(bad, new byte[] {'o', 'k', ' ', 'b', (byte) 0xC3, (byte) 0x28, ' ', 'x', '\n'});
        Bag<Map.Entry<String, Long>> f = Bag.readText(bad.toString()).map(Text::words).<String>flatten().frequencies();
        org.assertj.core.api.Assertions.assertThatThrownBy(f::compute).hasStackTraceContaining(bad.toString())
                .hasStackTraceContaining("not valid UTF-8");
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
