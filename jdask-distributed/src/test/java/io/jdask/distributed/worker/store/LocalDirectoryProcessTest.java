package io.jdask.distributed.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live worker process's directory is kept; once it is killed with SIGKILL, the next worker removes
 * it. Processes that open directories side by side never remove each other's.
 */
class LocalDirectoryProcessTest {
    @TempDir
    Path root;

    @Test
    void aKilledWorkersDirectoryIsRemovedByTheNextOne() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LocalDirectoryChild.class.getName(), root.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ExecutorService io = Executors.newSingleThreadExecutor();
        try {
            Future<String> line = io.submit(() -> new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine());
            String out = line.get(120, TimeUnit.SECONDS);
            assertThat(out).startsWith("DIR ");
            Path childDir = Path.of(out.substring(4));
            assertThat(childDir.resolve("spill").resolve("0.spill")).exists();

            try (LocalDirectory mine = LocalDirectory.open(root)) {
                assertThat(mine.removedStale()).isEmpty();
                assertThat(childDir).exists();                    // its worker is alive
            }

            child.destroyForcibly();                              // SIGKILL: no clean-up runs
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(childDir).exists();

            try (LocalDirectory next = LocalDirectory.open(root)) {
                assertThat(next.removedStale()).containsExactly(childDir);
                assertThat(childDir).doesNotExist();
            }
        } finally {
            child.destroyForcibly();
            io.shutdownNow();
        }
    }

    @Test
    void workersStartingSideBySideNeverTakeEachOthersNewDirectoryForADeadOne() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<Process> churners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            churners.add(new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    LocalDirectoryChild.class.getName(), root.toString(), "400")).redirectErrorStream(true).start());
        }
        for (int i = 0; i < 400; i++) {
            LocalDirectory.open(root).close();
        }
        for (Process p : churners) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).as(out).contains("CHURNED");
        }
        try (var left = Files.list(root)) {
            assertThat(left).isEmpty();
        }
    }
}
