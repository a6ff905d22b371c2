package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT flags the launcher passes ({@code jdask_aot_flags} in libexec/jdask-java.sh, run by
 * bash over a fake distribution), and {@code jdask aot-train} refusing what it cannot train.
 */
class AotLauncherTest {
    private static final Path SCRIPT = Path.of("src/main/dist/libexec/jdask-java.sh").toAbsolutePath();

    @TempDir
    Path home;

    @BeforeEach
    void fakeDistribution() throws Exception {
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/jdask-core.jar"), "a jar");
        Files.createDirectories(home.resolve("jdk"));
        Files.writeString(home.resolve("jdk/release"), "JAVA_VERSION=\"25.0.3\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\n");
    }

    /** @return the flags, one per line, that jdask_aot_flags gives for Java {@code feature} and these jdask arguments */
    private List<String> flags(int feature, String env, String... args) throws Exception {
        String script = ". '" + SCRIPT + "'; JDASK_JAVA_HOME='" + home.resolve("jdk") + "'; JDASK_JVM_FLAGS=(--enable-native-access=ALL-UNNAMED); "
                + env + " jdask_aot_flags \"$@\"; printf '%s\\n' ${JDASK_AOT_FLAGS[@]+\"${JDASK_AOT_FLAGS[@]}\"}";
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "set -euo pipefail; " + script, "bash", home.toString(), String.valueOf(feature)));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeAll(List.of("JDASK_AOT", "JDASK_AOT_DIR", "JDASK_AOT_PROFILES", "JAVA_OPTS", "JDASK_JAVA_OPTS"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> !l.isEmpty()).toList(); // printf of no flags prints one empty line
    }

    @Test
    void java25GetsTheCacheFolderAndTheJdaskCacheOnceItExists() throws Exception {
        String dir = "-Djdask.aot.dir=" + home.resolve("aot");
        assertThat(flags(25, "", "scheduler")).containsExactly(dir);

        List<String> training = flags(25, "", "aot-train", "--tasks", "10");
        assertThat(training).hasSize(3).startsWith(dir).contains("-Xlog:aot*=off");
        assertThat(training.get(1)).matches("-XX:AOTCacheOutput=" + java.util.regex.Pattern.quote(home.resolve("aot").toString()) + "/jdask-\\d+\\.aot");
        assertThat(home.resolve("aot")).isDirectory();
        String cache = training.get(1).substring("-XX:AOTCacheOutput=".length());

        Files.writeString(Path.of(cache), "stands for a cache");
        assertThat(flags(25, "", "scheduler")).containsExactly(dir, "-XX:AOTCache=" + cache, "-Xlog:aot*=off",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining");
        assertThat(flags(25, "JDASK_AOT_PROFILES=on", "scheduler")).as("with the training's profiles, for the workers too")
                .containsExactly(dir, "-XX:AOTCache=" + cache, "-Xlog:aot*=off", "-Djdask.aot.profiles=on");
        assertThat(flags(25, "", "aot-train", "--help")).as("help trains nothing").containsExactly(dir);

        Files.writeString(home.resolve("lib/jdask-core.jar"), "a rebuilt jar");
        assertThat(flags(25, "", "scheduler")).as("a cache of other jars is not passed").containsExactly(dir);
    }

    @Test
    void olderJavaSwitchedOffOrTheUsersOwnAotOptionsGetNoCache() throws Exception {
        assertThat(flags(21, "", "aot-train")).isEmpty();
        assertThat(flags(24, "", "scheduler")).isEmpty();
        assertThat(flags(25, "JDASK_AOT=off", "scheduler")).isEmpty();
        assertThat(flags(25, "JDASK_AOT_DIR=/somewhere/else", "scheduler")).containsExactly("-Djdask.aot.dir=/somewhere/else");
        assertThat(flags(25, "JAVA_OPTS='-Xmx1g -XX:AOTCache=/mine.aot'", "aot-train"))
                .as("workers still get theirs; this JVM keeps the user's").containsExactly("-Djdask.aot.dir=" + home.resolve("aot"));
        assertThat(flags(25, "JDASK_JAVA_OPTS=-Xshare:off", "scheduler")).containsExactly("-Djdask.aot.dir=" + home.resolve("aot"));
    }

    @Test
    void aotTrainRefusesAClassPathWithFoldersOfClasses() {
        // the tests run from target/classes: the JVM cannot cache classes from a folder
        CliRun r = CliRun.of("aot-train", "--dir", home.resolve("aot").toString(), "--tasks", "10");
        if (Runtime.version().feature() >= 25) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("jdask: error: an AOT cache needs a class path of jars").contains("is a folder of classes");
        } else {
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("need Java 25 or newer");
        }
    }

    @Test
    void aotTrainChecksItsOptions() {
        CliRun r = CliRun.of("aot-train", "--dir", home.resolve("aot").toString(), "--workers", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--workers and --tasks must be at least 1");
    }
}
