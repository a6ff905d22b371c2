package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.config.Config;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShuffleTest {
    private static Frame data(int n, long seed) {
        Random r = new Random(seed);
        return Frame.builder()
                .column("k", RandomKeys.of(DType.STRING, n, r, 10))
                .column("row", RandomKeys.rowNumbers(n, 0, r))
                .build();
    }

    /** Every row lands in the partition of its key's hash, rows keep their input order, and none is lost or repeated. */
    @ParameterizedTest(name = "{0} partitions in, {1} out, max-branch {2}")
    @CsvSource({"1, 1, 32", "5, 3, 32", "3, 7, 32", "7, 7, 3", "2, 20, 3", "20, 2, 3", "30, 30, 4", "1, 9, 2"})
    void hashShuffleRoutesEveryRowToItsKeysPartitionInOrder(int nin, int nout, int maxBranch) {
        Frame f = data(400, nin * 100L + nout);
        DataFrame df = DataFrame.fromFrame(f, nin);
        Parts out;
        try (Config.Scope s = Config.set(Shuffles.MAX_BRANCH, maxBranch)) {
            out = Shuffles.shuffle(df.parts(), new Shuffles.HashRouter(List.of("k")), null, nout, "test-shuffle");
        }
        assertThat(out.npartitions()).isEqualTo(nout);
        List<Frame> parts = out.computePartitions(0, nout);
        Frame[] split = Partitioning.split(f, List.of("k"), nout);
        for (int j = 0; j < nout; j++) {
            assertThat(parts.get(j)).as("partition %d", j).isEqualTo(split[j]);
        }
    }

    @org.junit.jupiter.api.Test
    void publicShuffleGroupsEqualKeysInOnePartition() {
        Random r = new Random(4);
        Frame f = data(500, 4);
        DataFrame df = FrameRows.randomParts(f, r, 6);
        DataFrame s = df.shuffle(List.of("k"), 5);
        assertThat(s.npartitions()).isEqualTo(5);
        assertThat(s.knownDivisions()).isFalse();
        java.util.Map<Object, Integer> home = new java.util.HashMap<>();
        List<Frame> parts = s.parts().computePartitions(0, 5);
        for (int p = 0; p < parts.size(); p++) {
            for (int i = 0; i < parts.get(p).numRows(); i++) {
                Object key = String.valueOf(parts.get(p).column("k").get(i));
                assertThat(home.putIfAbsent(key, p)).as("key %s", key).isIn(null, p);
            }
        }
        assertThat(FrameRows.sorted(s.compute())).isEqualTo(FrameRows.sorted(f));
        assertThat(df.shuffle("k").npartitions()).isEqualTo(df.npartitions());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> df.shuffle("nope"));
    }

    /** The staged shuffle keeps the graph near n log n tasks where a one-stage shuffle would need n^2 picks. */
    @ParameterizedTest(name = "{0} partitions")
    @CsvSource({"100", "300", "1000"})
    void graphSizeStaysBounded(int n) {
        DataFrame df = DataFrame.fromFrame(data(n, 1), n);
        Parts out = Shuffles.shuffle(df.parts(), new Shuffles.HashRouter(List.of("k")), null, n, "test-shuffle");
        int tasks = out.taskCount() - df.parts().taskCount();
        int stages = (int) Math.ceil(Math.log(n) / Math.log(32));
        int k = (int) Math.ceil(Math.pow(n, 1.0 / stages));
        while (Math.pow(k, stages) < n) {
            k++;
        }
        long bound = (long) stages * (2 + k) * (long) Math.pow(k, stages);
        assertThat(tasks).isLessThanOrEqualTo((int) bound).isLessThan(n * n / 2);
    }
}
