package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jdask scheduler} and {@code jdask worker} on 127.0.0.1, run in this JVM. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterCommandsTest {
    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void schedulerAndWorkerEachPrintOneLineSayingWhatTheyAre() throws Exception {
        Path file = dir.resolve("scheduler.txt");
        CompletableFuture<CliRun> scheduler = CompletableFuture.supplyAsync(() -> CliRun.of(
                "scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file", file.toString(), "--idle-timeout", "20s",
                "--dashboard-address", "127.0.0.1:0"));
        CliRun worker = CliRun.of("worker", "--scheduler-file", file.toString(), "--name", "slow-box", "--nthreads", "1",
                "--memory-limit", "24GiB", "--host", "127.0.0.1", "--resources", "GPU=1");
        CliRun s = scheduler.get(30, TimeUnit.SECONDS);
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(s.out()).matches("scheduler tcp://127\\.0\\.0\\.1:\\d+, no token, plain TCP, dashboard http://127\\.0\\.0\\.1:\\d+/status, idle timeout 20s, address written to .*scheduler\\.txt\\R");
        String address = s.out().substring("scheduler ".length(), s.out().indexOf(','));
        assertThat(worker.exitCode()).as(worker.err()).isZero();
        // the worker process's line, forwarded by its nanny, and the nanny's own (two threads print them: either order)
        assertThat(worker.out().lines().sorted().toList()).as(worker.out()).satisfiesExactly(
                l -> assertThat(l).matches("nanny slow-box \\(pid \\d+\\) -> " + address.replace(".", "\\.")
                        + ", worker process (\\d+|none), restarted when it dies or passes 95% of its memory limit"),
                l -> assertThat(l).matches("worker slow-box tcp://127\\.0\\.0\\.1:\\d+ -> " + address.replace(".", "\\.")
                        + ", 1 thread, 24 GiB, resources \\{GPU=1\\.0\\}"));
        assertThat(worker.err()).contains("the scheduler asked it to close");
        assertThat(file).doesNotExist();
    }

    @Test
    void aWorkerWithoutAReachableSchedulerSaysSoRetriesAndGivesUpAfterItsDeathTimeout() throws Exception {
        int port = freePort();
        // in this process (--no-nanny): a worker process's JVM start under load would eat the short death timeout
        CliRun w = CliRun.of("worker", "tcp://127.0.0.1:" + port, "--death-timeout", "1500ms", "--memory-limit", "0", "--host", "127.0.0.1", "--no-nanny");
        assertThat(w.exitCode()).isEqualTo(1);
        assertThat(w.out()).isEmpty();
        assertThat(w.err()).contains("cannot reach the scheduler at tcp://127.0.0.1:" + port).contains("retrying in")
                .contains("could not reach the scheduler at tcp://127.0.0.1:" + port + " within the death timeout of 1.5 s")
                .contains("giving up");
    }

    @Test
    void aWorkerWithTheWrongTokenIsRefusedWithAClearMessage() throws Exception {
        Path file = dir.resolve("s.txt");
        CompletableFuture<CliRun> scheduler = CompletableFuture.supplyAsync(() -> CliRun.of(
                "scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file", file.toString(), "--idle-timeout", "6s", "--token", "right",
                "--dashboard-address", "none"));
        CliRun w = CliRun.of("worker", "--scheduler-file", file.toString(), "--token", "wrong", "--memory-limit", "0", "--host", "127.0.0.1", "--no-nanny");
        assertThat(w.exitCode()).isEqualTo(1);
        assertThat(w.err()).contains("was refused by the scheduler").contains("wrong or missing token");
        CliRun s = scheduler.get(30, TimeUnit.SECONDS);
        assertThat(s.out()).contains("token required");
    }

    @Test
    void badOptionsAreNamed() {
        assertThat(CliRun.of("worker").err()).contains("give the scheduler's ADDRESS or --scheduler-file FILE");
        assertThat(CliRun.of("worker", "tcp://x:1", "--resources", "GPU").err()).contains("--resources: 'GPU' is not NAME=AMOUNT");
        assertThat(CliRun.of("worker", "tcp://x:1", "--memory-limit", "lots").err()).contains("--memory-limit:");
        assertThat(Files.exists(dir)).isTrue();
    }
}
