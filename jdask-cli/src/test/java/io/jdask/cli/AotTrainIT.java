package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdask aot-train} with the distribution's real launcher (Java 25+, so Failsafe runs it
 * after {@code package}): it writes a worker cache and a cache of the jdask JVM; a local cluster of
 * worker processes started afterwards runs them and computes what it computed without; damaged
 * caches are ignored.
 */
class AotTrainIT {
    private static final long TIMEOUT_SECONDS = 240;
    private static final Path REPO = Path.of(System.getProperty("jdask.repo.root", "..")).toAbsolutePath().normalize();
    private static final Path DIST = Path.of(System.getProperty("jdask.dist.dir", "target/none")).toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void trainedCachesAreUsedByTheJdaskJvmAndItsWorkersAndDamagedOnesAreIgnored() throws Exception {
        Path aot = temp.resolve("aot");
        Result version = run(List.of(DIST.resolve("bin/jdask").toString(), "--version"), env -> {}, null);
        assumeThat(version.out()).as("the launcher found Java 25+").containsPattern("(?m)^Java (2[5-9]|[3-9]\\d)");

        Result train = run(List.of(DIST.resolve("bin/jdask").toString(), "aot-train", "--tasks", "300"),
                env -> env.put("JDASK_AOT_DIR", aot.toString()), null);

        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(train.out()).containsPattern("(?m)^worker AOT cache " + java.util.regex.Pattern.quote(aot.toString())
                + "/worker-[0-9a-f]{16}\\.aot \\([0-9.]+ MB\\), trained in [0-9.]+ s$");
        Path workerCache = only(aot, "worker-");
        Path jdaskCache = only(aot, "jdask-");
        try (Stream<Path> files = Files.list(aot)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no configuration left behind")
                    .allMatch(n -> n.endsWith(".aot"));
        }

        Path cliLog = temp.resolve("cli-aot.log");
        Set<String> workerCommands = ConcurrentHashMap.newKeySet();
        Result withCaches = correlation(aot, "-Xlog:aot=info:file=" + cliLog, workerCommands);
        assertThat(withCaches.exitCode()).as(withCaches.toString()).isZero();
        assertThat(Files.readString(cliLog)).as("the jdask JVM ran with its cache").contains("Using AOT-linked classes: true");
        assertThat(workerCommands).as("the worker processes were started with theirs")
                .anyMatch(c -> c.contains("-XX:AOTCache=" + workerCache)); // the jdask JVM's is jdask-<key>.aot

        Files.writeString(workerCache, "damaged");
        Files.write(jdaskCache, new byte[4096]);
        Result damaged = correlation(aot, null, ConcurrentHashMap.newKeySet());
        assertThat(damaged.exitCode()).as(damaged.toString()).isZero();
        assertThat(damaged.out()).doesNotContain("[aot]");
        assertThat(damaged.err()).doesNotContain("[aot]", "ERROR", "Exception");

        Result off = run(List.of(DIST.resolve("bin/jdask").toString(), "--version"), env -> {
            env.put("JDASK_AOT_DIR", aot.toString());
            env.put("JDASK_AOT", "off");
            env.put("JAVA_OPTS", "-XshowSettings:properties");
        }, null);
        assertThat(off.exitCode()).isZero();
        assertThat(off.err()).contains("java.class.path").doesNotContain("jdask.aot.dir");
    }

    /** The correlation demo on 2 worker processes, with the caches in {@code aot}. */
    private Result correlation(Path aot, String jdaskJavaOpts, Set<String> workerCommands) throws Exception {
        Path db = Files.createTempFile(temp, "stocks", ".duckdb");
        Files.delete(db);
        Result r = run(List.of(DIST.resolve("bin/jdask").toString(), "demo", "correlation", "--stocks", "20", "--years", "1",
                "--partitions", "3", "--db", db.toString(), "--workers", "2", "--memory-limit", "512MiB", "--dashboard-address", "none"),
                env -> {
                    env.remove("JDASK_TOKEN");
                    env.put("JDASK_AOT_DIR", aot.toString());
                    if (jdaskJavaOpts != null) {
                        env.put("JDASK_JAVA_OPTS", jdaskJavaOpts);
                    }
                }, workerCommands);
        assertThat(r.out()).as(r.toString())
                .containsPattern("(?m)^Check: 20 random pairs recomputed by a plain loop differ by at most [0-9.e+-]+ \\(ok\\)$");
        return r;
    }

    private static Path only(Path dir, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".aot"))
                    .toList();
            assertThat(found).as(prefix + "*.aot in " + dir).hasSize(1);
            assertThat(Files.size(found.get(0))).isGreaterThan(1 << 20);
            return found.get(0);
        }
    }

    /** Runs a command; while it runs, collects the command lines of its descendant processes into {@code descendants}. */
    private Result run(List<String> command, Consumer<Map<String, String>> environment, Set<String> descendants) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = LauncherProcess.builder(command, REPO, out, err);
        environment.accept(builder.environment());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
            if (descendants != null) {
                process.descendants().forEach(p -> p.info().commandLine().ifPresent(descendants::add));
            }
            if (System.nanoTime() > deadline) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {}
}
