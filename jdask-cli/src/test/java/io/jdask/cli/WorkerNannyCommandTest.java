package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.scheduler.SchedulerServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code jdask worker --nworkers 2} runs two worker processes, each under a nanny that starts it
 * again after a SIGKILL; closing the scheduler closes them all and leaves no process behind.
 * {@code --no-nanny} runs the workers in this process.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WorkerNannyCommandTest {
    static boolean waitFor(BooleanSupplier condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    static List<ProcessHandle> workerProcesses() {
        return ProcessHandle.current().descendants()
                .filter(h -> commandLine(h).contains("io.jdask.distributed.worker.WorkerMain"))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    @Test
    void eachWorkerProcessRunsUnderANannyThatStartsItAgainAfterASigkill() throws Exception {
        SchedulerServer scheduler = SchedulerServer.builder().host("127.0.0.1").port(0).start();
        CompletableFuture<CliRun> run;
        List<ProcessHandle> first;
        try {
            run = CompletableFuture.supplyAsync(() -> CliRun.of("worker", scheduler.address(), "--nworkers", "2", "--name", "n",
                    "--memory-limit", "256MiB", "--host", "127.0.0.1"));
            assertThat(waitFor(() -> scheduler.workers().size() == 2 && workerProcesses().size() == 2, 90))
                    .as("workers %s, processes %s", scheduler.workers().size(), workerProcesses()).isTrue();
            first = workerProcesses();
            first.get(0).destroyForcibly(); // SIGKILL
            assertThat(waitFor(() -> !first.get(0).isAlive(), 30)).isTrue();
            assertThat(waitFor(() -> scheduler.workers().size() == 2 && workerProcesses().size() == 2
                    && !workerProcesses().contains(first.get(0)), 90)).as("the nanny started the worker again").isTrue();
        } finally {
            scheduler.close(); // tells the workers to close: they exit, and so do their nannies
        }
        CliRun r = run.get(60, TimeUnit.SECONDS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        // two, and the restarted one; the killed worker may die after registering but before printing its line
        assertThat(r.out().lines().filter(l -> l.startsWith("worker n-")).count()).as(r.out()).isBetween(2L, 3L);
        assertThat(r.out().lines().filter(l -> l.startsWith("nanny n-")).toList()).as(r.out()).hasSize(2)
                .allMatch(l -> l.matches("nanny n-[01] \\(pid " + ProcessHandle.current().pid() + "\\) -> "
                        + scheduler.address().replace(".", "\\.") + ", worker process \\d+, restarted when it dies or passes 95% of its memory limit"));
        assertThat(r.err()).contains("(pid " + first.get(0).pid() + ") was killed by signal 9 (SIGKILL); starting it again");
        assertThat(waitFor(() -> workerProcesses().isEmpty(), 30)).as("worker processes left").isTrue();
    }

    @Test
    void noNannyRunsTheWorkersInThisProcess() throws Exception {
        SchedulerServer scheduler = SchedulerServer.builder().host("127.0.0.1").port(0).start();
        CompletableFuture<CliRun> run;
        try {
            run = CompletableFuture.supplyAsync(() -> CliRun.of("worker", scheduler.address(), "--nworkers", "2", "--name", "t",
                    "--no-nanny", "--memory-limit", "0", "--host", "127.0.0.1"));
            assertThat(waitFor(() -> scheduler.workers().size() == 2, 60)).isTrue();
            assertThat(workerProcesses()).isEmpty();
        } finally {
            scheduler.close();
        }
        CliRun r = run.get(60, TimeUnit.SECONDS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2).allMatch(l -> l.startsWith("worker t-"));
    }

    /** @return the process's arguments from {@code /proc} (ProcessHandle.Info leaves out long command lines), or "" */
    static String commandLine(ProcessHandle h) {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", String.valueOf(h.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }
}
