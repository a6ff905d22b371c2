package io.jdask.distributed.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.client.TaskOptions;
import io.jdask.distributed.comm.Security;
import io.jdask.distributed.comm.TlsOptions;
import io.jdask.distributed.scheduler.SchedulerServer;
import io.jdask.distributed.worker.Worker;
import io.jdask.distributed.worker.transfer.SharedMemoryTransfers;
import io.jdask.distributed.worker.transfer.ShmSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large values between two workers of this JVM (a real scheduler, workers and client over TCP):
 * through the shared-memory ring when the path is on, on the socket when it is turned off or the
 * cluster uses TLS; the values arrive equal either way.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedMemoryClusterTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        for (String p : List.of("", ".dir", ".ring-bytes")) {
            System.clearProperty(ShmSettings.PROPERTY + p);
        }
    }

    /** Its elements' sum by a plain loop, computed where the value is. */
    static double checksum(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * (i % 7 + 1);
        }
        return s;
    }

    static double[] make(int n, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextDouble();
        }
        return d;
    }

    private Client cluster(Security security) throws Exception {
        SchedulerServer scheduler = SchedulerServer.builder().host("127.0.0.1").port(0).security(security).start();
        open.add(scheduler);
        open.add(Worker.builder().scheduler(scheduler.address()).host("127.0.0.1").name("a").nthreads(1).security(security).log(l -> { }).start());
        open.add(Worker.builder().scheduler(scheduler.address()).host("127.0.0.1").name("b").nthreads(1).security(security).log(l -> { }).start());
        Client client = Client.builder().address(scheduler.address()).security(security).asDefault(false).connect();
        open.add(client);
        return client;
    }

    /** Values made on worker a and read on worker b, back to back; each checked against a local computation. */
    private void transfersArriveEqual(Client client, int[] sizes) {
        for (int i = 0; i < sizes.length; i++) {
            int n = sizes[i];
            long seed = 100 + i;
            ClusterFuture<double[]> made = client.submit(TaskOptions.onWorkers("a"), (Integer len, Long s) -> make(len, s), n, seed);
            ClusterFuture<Double> read = client.submit(TaskOptions.onWorkers("b"), SharedMemoryClusterTest::checksum, made);
            assertThat(client.gather(read)).as("value %d of %d doubles", i, n).isEqualTo(checksum(make(n, seed)));
            made.release();
            read.release();
        }
    }

    private List<Path> ringFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("jdask-ring-")).toList();
        }
    }

    @Test
    void largeValuesGoThroughTheRingAndArriveEqual() throws Exception {
        System.setProperty(ShmSettings.PROPERTY + ".dir", dir.toString());
        System.setProperty(ShmSettings.PROPERTY + ".ring-bytes", String.valueOf(1 << 20));
        Client client = cluster(Security.none());
        long before = SharedMemoryTransfers.valuesReceived();
        // 5 MiB + 3 doubles, 12 MiB (12 rings), 4.5 MiB: none a multiple of the ring or chunk
        transfersArriveEqual(client, new int[] {(5 << 20) / 8 + 3, (12 << 20) / 8, (9 << 19) / 8 + 1});
        assertThat(SharedMemoryTransfers.valuesReceived() - before).isEqualTo(3);
        assertThat(ringFiles()).as("unlinked once both workers mapped it").isEmpty();
    }

    @Test
    void turnedOffValuesStayOnTheSocket() throws Exception {
        System.setProperty(ShmSettings.PROPERTY, "false");
        System.setProperty(ShmSettings.PROPERTY + ".dir", dir.toString());
        Client client = cluster(Security.none());
        long before = SharedMemoryTransfers.valuesReceived();
        transfersArriveEqual(client, new int[] {(5 << 20) / 8 + 3});
        assertThat(SharedMemoryTransfers.valuesReceived()).isEqualTo(before);
        assertThat(ringFiles()).isEmpty();
    }

    @Test
    void tlsClustersKeepValuesOnTheEncryptedSocket() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "1", "-subj", "/CN=ca");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "node.key", "-out", "node.csr",
                "-subj", "/CN=node");
        openssl("x509", "-req", "-in", "node.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "node.pem", "-days", "1");
        System.setProperty(ShmSettings.PROPERTY + ".dir", dir.toString());
        Security tls = Security.token("t").withTls(new TlsOptions(dir.resolve("node.pem"), dir.resolve("node.key"), dir.resolve("ca.pem")));
        Client client = cluster(tls);
        long before = SharedMemoryTransfers.valuesReceived();
        transfersArriveEqual(client, new int[] {(5 << 20) / 8 + 3});
        assertThat(SharedMemoryTransfers.valuesReceived()).isEqualTo(before);
        assertThat(ringFiles()).isEmpty();
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("openssl %s: %s", args[0], out).isZero();
    }
}
