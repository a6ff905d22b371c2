package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.array.NDArray;
import io.jdask.dataframe.Column;
import io.jdask.dataframe.Frame;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.client.TaskOptions;
import io.jdask.distributed.scheduler.SchedulerServer;
import io.jdask.distributed.worker.Worker;
import io.jdask.distributed.worker.transfer.SharedMemoryTransfers;
import io.jdask.distributed.worker.transfer.ShmSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code NDArray} and {@code Frame} blocks made on one worker and read on another of this JVM
 * through the shared-memory ring (a 1 MiB ring, so each block is many rings): the reading task
 * compares what arrived with the block rebuilt from its seed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedMemoryBlocksTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        System.clearProperty(ShmSettings.PROPERTY + ".dir");
        System.clearProperty(ShmSettings.PROPERTY + ".ring-bytes");
    }

    static NDArray array(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return NDArray.of(d, rows, cols);
    }

    static Frame frame(int rows, long seed) {
        Random r = new Random(seed);
        double[] x = new double[rows];
        long[] n = new long[rows];
        boolean[] valid = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = r.nextDouble();
            n[i] = r.nextLong();
            valid[i] = i % 11 != 0;
        }
        return Frame.builder().column("x", Column.ofDoubles(x)).column("n", Column.ofLongs(n, valid)).build();
    }

    static boolean sameArray(NDArray got, int rows, int cols, long seed) {
        NDArray want = array(rows, cols, seed);
        return Arrays.equals(got.shape(), want.shape()) && Arrays.equals(got.toDoubleArray(), want.toDoubleArray());
    }

    @Test
    void ndarraysAndFramesArriveEqualThroughTheRing() throws Exception {
        System.setProperty(ShmSettings.PROPERTY + ".dir", dir.toString());
        System.setProperty(ShmSettings.PROPERTY + ".ring-bytes", String.valueOf(1 << 20));
        SchedulerServer scheduler = SchedulerServer.builder().host("127.0.0.1").port(0).start();
        open.add(scheduler);
        open.add(Worker.builder().scheduler(scheduler.address()).host("127.0.0.1").name("a").nthreads(1).log(l -> { }).start());
        open.add(Worker.builder().scheduler(scheduler.address()).host("127.0.0.1").name("b").nthreads(1).log(l -> { }).start());
        Client client = Client.builder().address(scheduler.address()).asDefault(false).connect();
        open.add(client);
        long before = SharedMemoryTransfers.valuesReceived();
        // 1001 x 777 doubles (~6.2 MB), 12 MiB-ish, then a frame of ~7.4 MB with nulls
        int[][] shapes = {{1001, 777}, {1536, 1025}};
        for (int i = 0; i < shapes.length; i++) {
            int rows = shapes[i][0];
            int cols = shapes[i][1];
            long seed = 7 + i;
            ClusterFuture<NDArray> made = client.submit(TaskOptions.onWorkers("a"), (Integer r, Integer c) -> array(r, c, seed), rows, cols);
            ClusterFuture<Boolean> same = client.submit(TaskOptions.onWorkers("b"), (NDArray got) -> sameArray(got, rows, cols, seed), made);
            assertThat(client.gather(same)).as("NDArray %dx%d", rows, cols).isTrue();
        }
        int rows = 460_003;
        ClusterFuture<Frame> made = client.submit(TaskOptions.onWorkers("a"), (Integer r) -> frame(r, 99), rows);
        ClusterFuture<Boolean> same = client.submit(TaskOptions.onWorkers("b"), (Frame got) -> got.equals(frame(rows, 99)), made);
        assertThat(client.gather(same)).as("Frame of %d rows", rows).isTrue();
        assertThat(SharedMemoryTransfers.valuesReceived() - before).isEqualTo(3);
    }
}
