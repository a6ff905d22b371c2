package io.jdask.bag;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** groupBy's shuffle through spill files, forced by a tiny threshold. */
class GroupBySpillTest {
    @TempDir
    Path spillDir;

    private static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void spilledShuffleGivesTheSameGroupsAndCleansUp() throws IOException {
        Random r = new Random(5);
        List<String> words = IntStream.range(0, 30_000).mapToObj(i -> "w" + (r.nextInt(4) == 0 ? r.nextInt(3000) : r.nextInt(5))).toList();
        Map<String, List<String>> expected = words.stream().collect(Collectors.groupingBy(w -> w));
        try (Config.Scope s = Config.set(BagConfig.SPILL_THRESHOLD, 1);
                Config.Scope d = Config.set(BagConfig.SPILL_DIRECTORY, spillDir.toString())) {
            Bag<Map.Entry<String, List<String>>> g = Bag.fromSequence(words, 6).groupBy(w -> w, 5);

            // collecting only output partition 0 leaves the other buckets' files behind: proof of spilling
            g.take(1, 1);
            long left = files(spillDir);
            assertThat(left).as("spill files of uncollected buckets").isGreaterThan(0).isLessThanOrEqualTo(6 * 4);

            List<Map.Entry<String, List<String>>> got = g.compute();
            assertThat(got).hasSize(expected.size());
            for (Map.Entry<String, List<String>> e : got) {
                assertThat(e.getValue()).isEqualTo(expected.get(e.getKey()));
            }
            assertThat(files(spillDir)).as("every collected spill file is deleted").isEqualTo(left);
        }
    }

    @Test
    void belowTheThresholdNothingIsWritten() throws IOException {
        try (Config.Scope d = Config.set(BagConfig.SPILL_DIRECTORY, spillDir.toString())) {
            List<Map.Entry<Integer, List<Long>>> got = Bag.range(1000, 4).groupBy(x -> (int) (x % 7)).compute();
            assertThat(got).hasSize(7);
            assertThat(got.stream().mapToInt(e -> e.getValue().size()).sum()).isEqualTo(1000);
            assertThat(files(spillDir)).isZero();
        }
    }
}
