package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real launchers, {@code ./jdask} at the repository root and the distribution's
 * {@code bin/jdask}, as a user would: in a child process, after {@code package} has built the
 * distribution (so Failsafe, not Surefire, runs this class).
 */
class LauncherIT {
    private static final long TIMEOUT_SECONDS = 120;
    private static final Path REPO = Path.of(System.getProperty("jdask.repo.root", "..")).toAbsolutePath().normalize();
    private static final Path DIST = Path.of(System.getProperty("jdask.dist.dir", "target/none")).toAbsolutePath();
    private static final String VERSION = System.getProperty("jdask.expected.version");

    @TempDir
    Path temp;

    @BeforeAll
    static void distributionWasBuilt() {
        assertThat(DIST.resolve("bin/jdask")).as("package builds the distribution").isExecutable();
        assertThat(DIST.resolve("conf/jvm.options")).isRegularFile();
        assertThat(DIST.resolve("lib/jdask-cli-" + VERSION + ".jar")).isRegularFile();
        assertThat(DIST.resolve("lib/jdask-core-" + VERSION + ".jar")).isRegularFile();
        assertThat(DIST.resolveSibling(DIST.getFileName() + ".tar.gz")).isRegularFile();
    }

    @Test
    void repositoryLauncherPrintsTheVersion() throws Exception {
        Result result = run(List.of("bash", REPO.resolve("jdask").toString(), "--version"), env -> {});

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("jdask " + VERSION + "\n");
        assertThat(result.out().lines().skip(1).findFirst().orElseThrow()).matches("Java (\\d+)[.+\\d].*");
        assertThat(javaFeatureIn(result.out())).isGreaterThanOrEqualTo(21);
    }

    @Test
    void repositoryLauncherRunsTheDelayedDemo() throws Exception {
        Result result = run(List.of("bash", REPO.resolve("jdask").toString(), "demo", "delayed", "--tasks", "1000"), env -> {});

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("plain loop  332,833,500  (match)").contains("slow-square ran 1 time");
        assertThat(result.err()).as("nothing on stderr: no build, no JVM warnings").isEmpty();
    }

    @Test
    void distributionLauncherListsTheCommands() throws Exception {
        Result result = run(List.of(DIST.resolve("bin/jdask").toString(), "--help"), env -> {});

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Usage: jdask").containsPattern("(?m)^\\s+demo\\s");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void javaOptionsFromTheEnvironmentReachTheJvm() throws Exception {
        Result result = run(List.of(DIST.resolve("bin/jdask").toString(), "--version"), env -> {
            env.put("JAVA_OPTS", "-Djdask.it.a=from-java-opts -XshowSettings:properties");
            env.put("JDASK_JAVA_OPTS", "-Djdask.it.b=from-jdask-java-opts");
        });

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("jdask.it.a = from-java-opts").contains("jdask.it.b = from-jdask-java-opts");
        assertThat(result.out()).startsWith("jdask " + VERSION);
    }

    @Test
    void findsANewEnoughJdkWhenJavaHomeAndThePathHaveAnOldOne() throws Exception {
        Path old = fakeJdk(temp.resolve("old-jdk"), "17.0.9");
        Path jdks = Files.createDirectories(temp.resolve("jdks"));
        Path current = Path.of(System.getProperty("java.home")).toRealPath();
        Path link = Files.createSymbolicLink(jdks.resolve("current"), current);
        fakeJdk(jdks.resolve("ancient"), "11.0.2");

        Result result;
        try {
            result = run(List.of(DIST.resolve("bin/jdask").toString(), "--version"), env -> {
                env.put("JAVA_HOME", old.toString());
                env.put("PATH", old.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
                env.put("JDASK_JDK_DIRS", jdks.toString());
            });
        } finally {
            Files.delete(link); // the link only, never the JDK it points to
        }

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(" at " + current);
    }

    @Test
    void saysWhatItFoundWhenNoJdkIsNewEnough() throws Exception {
        Path old = fakeJdk(temp.resolve("old-jdk"), "17.0.9");
        Path jdks = Files.createDirectories(temp.resolve("jdks"));
        fakeJdk(jdks.resolve("ancient"), "1.8.0_402");

        Result result = run(List.of(DIST.resolve("bin/jdask").toString(), "--version"), env -> {
            env.put("JAVA_HOME", old.toString());
            env.put("PATH", old.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("JDASK_JDK_DIRS", jdks.toString());
        });

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .contains("needs a JDK 21 or newer")
                .contains("JAVA_HOME=" + old + " (Java 17)")
                .contains("java on the PATH: " + old.resolve("bin/java") + " (Java 17)")
                .contains(jdks.resolve("ancient") + " (Java 8)");
    }

    @Test
    void schedulerAndWorkerProcessesEachPrintTheirLine() throws Exception {
        Path file = temp.resolve("scheduler.txt");
        java.util.concurrent.CompletableFuture<Result> scheduler = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return run(List.of(DIST.resolve("bin/jdask").toString(), "scheduler", "--host", "127.0.0.1", "--port", "0",
                        "--scheduler-file", file.toString(), "--idle-timeout", "20s", "--dashboard-address", "127.0.0.1:0"), env -> env.remove("JDASK_TOKEN"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Result worker = run(List.of(DIST.resolve("bin/jdask").toString(), "worker", "--scheduler-file", file.toString(),
                "--host", "127.0.0.1", "--name", "it-worker", "--nthreads", "2", "--memory-limit", "1GiB"), env -> env.remove("JDASK_TOKEN"));
        Result s = scheduler.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(s.exitCode()).as(s.toString()).isZero();
        assertThat(s.out()).startsWith("scheduler tcp://127.0.0.1:").contains("no token, plain TCP")
                .containsPattern("dashboard http://127\\.0\\.0\\.1:\\d+/status"); // the distribution carries the dashboard
        String address = s.out().substring("scheduler ".length(), s.out().indexOf(','));
        assertThat(worker.exitCode()).as(worker.toString()).isZero();
        // the worker process's line and its nanny's, printed by two threads: either order
        assertThat(worker.out().lines().sorted().toList()).as(worker.out()).satisfiesExactly(
                l -> assertThat(l).matches("nanny it-worker \\(pid \\d+\\) -> " + java.util.regex.Pattern.quote(address)
                        + ", worker process (\\d+|none), restarted when it dies or passes 95% of its memory limit"),
                l -> assertThat(l).matches("worker it-worker tcp://127\\.0\\.0\\.1:\\d+ -> " + java.util.regex.Pattern.quote(address) + ", 2 threads, 1 GiB"));
        assertThat(worker.err()).contains("the scheduler asked it to close");
    }

    @Test
    void aSchedulerServingTheDashboardStartsWithoutAGarbageCollectionThatShrinksItsHeap() throws Exception {
        // jvm.options raises the class-metadata threshold above what the scheduler and its dashboard load (~26 MB);
        // below it, G1 starts a concurrent cycle at start-up whose remark shrinks the heap to a few tens of MB
        Path withDefaults = temp.resolve("gc-defaults.log");
        Path withLowThreshold = temp.resolve("gc-low-threshold.log");

        Result defaults = runSchedulerWithDashboard("-Xlog:gc:file=" + withDefaults);
        Result low = runSchedulerWithDashboard("-XX:MetaspaceSize=16m -Xlog:gc:file=" + withLowThreshold); // JAVA_OPTS come last: this wins

        assertThat(defaults.exitCode()).as(defaults.toString()).isZero();
        assertThat(defaults.out()).containsPattern("dashboard http://127\\.0\\.0\\.1:\\d+/status");
        assertThat(Files.readString(withDefaults)).as("the scheduler's GC log").contains("Using G1").doesNotContain("Metadata GC Threshold");
        assertThat(low.exitCode()).as(low.toString()).isZero();
        assertThat(Files.readString(withLowThreshold)).as("the check sees the collection when the threshold is low")
                .contains("Metadata GC Threshold");
    }

    private Result runSchedulerWithDashboard(String javaOptions) throws Exception {
        return run(List.of(DIST.resolve("bin/jdask").toString(), "scheduler", "--host", "127.0.0.1", "--port", "0",
                "--idle-timeout", "3s", "--dashboard-address", "127.0.0.1:0"), env -> {
                    env.remove("JDASK_TOKEN");
                    env.put("JAVA_OPTS", javaOptions);
                });
    }

    @Test
    void distributionRunsTheCorrelationDemoOnALocalClusterOfWorkerProcesses() throws Exception {
        // the workers are started from the distribution's lib/ alone: the demo's classes and the DuckDB driver are there
        Path db = temp.resolve("stocks.duckdb");
        Result result = run(List.of(DIST.resolve("bin/jdask").toString(), "demo", "correlation", "--stocks", "20", "--years", "1",
                "--partitions", "3", "--db", db.toString(), "--workers", "2", "--memory-limit", "512MiB",
                "--dashboard-address", "127.0.0.1:0"), env -> env.remove("JDASK_TOKEN"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .containsPattern("(?m)^Cluster: 2 worker processes on 127\\.0\\.0\\.1, 1 thread each, memory limit 512 MiB each,"
                        + " scheduler tcp://127\\.0\\.0\\.1:\\d+ \\(started in [0-9.]+ s\\)$")
                .containsPattern("(?m)^  dashboard http://127\\.0\\.0\\.1:\\d+/status$")
                .contains("generated ", "pairs written to correlations")
                .containsPattern("(?m)^Check: 20 random pairs recomputed by a plain loop differ by at most [0-9.e+-]+ \\(ok\\)$");
        assertThat(result.err()).as("no warnings or errors on stderr").doesNotContain("WARN", "ERROR", "Exception");
    }

    @Test
    void aWorkerProcessWithoutASchedulerExitsAfterItsDeathTimeout() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result result = run(List.of(DIST.resolve("bin/jdask").toString(), "worker", "tcp://127.0.0.1:" + port, "--death-timeout", "2s",
                "--host", "127.0.0.1", "--memory-limit", "0"), env -> {});

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("cannot reach the scheduler at tcp://127.0.0.1:" + port)
                .contains("jdask: error: ").contains("within the death timeout of 2 s").contains("giving up");
    }

    /** A folder that looks like a JDK of the given version; its java only prints that version. */
    private static Path fakeJdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        for (String tool : List.of("java", "javac")) {
            Path exe = home.resolve("bin").resolve(tool);
            Files.writeString(exe, "#!/bin/sh\necho 'openjdk version \"" + version + "\"' >&2\nexit 3\n");
            assertThat(exe.toFile().setExecutable(true)).isTrue();
        }
        return home;
    }

    private static int javaFeatureIn(String versionOutput) {
        String javaLine = versionOutput.lines().filter(l -> l.startsWith("Java ")).findFirst().orElseThrow();
        return Integer.parseInt(javaLine.substring("Java ".length()).split("[.+\\-]")[0]);
    }

    private Result run(List<String> command, Consumer<Map<String, String>> environment) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = LauncherProcess.builder(command, REPO, out, err);
        Map<String, String> env = builder.environment();
        env.put("JDASK_SKIP_BUILD", "1"); // the distribution was just built by this very build
        environment.accept(env);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {}
}
