package io.jdask.distributed.nanny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which AOT cache a worker process is started with: the key that ties a cache to its JDK and class
 * path, the cases that start a worker without one, and the command line that carries it.
 */
class AotCacheTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty(AotCache.DIR_PROPERTY);
        System.clearProperty(AotCache.ENABLED_PROPERTY);
        System.clearProperty(AotCache.PROFILES_PROPERTY);
    }

    @Test
    void theKeyChangesWithTheClassPathAndItsJarsButNotWithTheCacheFolder() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "one");
        String cp = jar + java.io.File.pathSeparator + dir.resolve("b.jar");
        List<String> opts = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED");
        String key = AotCache.key(cp, opts);

        assertThat(key).matches("[0-9a-f]{16}").isEqualTo(AotCache.key(cp, opts));
        assertThat(AotCache.key(cp, List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djdask.aot.dir=/elsewhere", "-Djdask.aot=on",
                "-Djdask.aot.profiles=on")))
                .as("naming the cache folder does not change what the JVM loads").isEqualTo(key);
        assertThat(AotCache.key(cp, List.of())).as("module options are part of it").isNotEqualTo(key);
        assertThat(AotCache.key(jar.toString(), opts)).as("another class path").isNotEqualTo(key);

        Files.writeString(jar, "two, longer");
        assertThat(AotCache.key(cp, opts)).as("a rebuilt jar").isNotEqualTo(key);
        String rebuilt = AotCache.key(cp, opts);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertThat(AotCache.key(cp, opts)).as("a jar of the same size from another time").isNotEqualTo(rebuilt);
    }

    @Test
    void aWorkerGetsTheCacheOnlyWhenItsFileExistsForThisJvm() throws IOException {
        assertThat(AotCache.workerOptions(List.of(), 25)).as("no folder named").isEmpty();

        System.setProperty(AotCache.DIR_PROPERTY, dir.toString());
        assertThat(AotCache.workerOptions(List.of(), 25)).as("no cache of this key in the folder").isEmpty();
        Files.writeString(dir.resolve("worker-0123456789abcdef.aot"), "a cache of another JDK or class path");
        assertThat(AotCache.workerOptions(List.of(), 25)).as("another key's cache is not used").isEmpty();

        Path cache = Files.writeString(AotCache.workerCache(dir), "stands for a cache");
        assertThat(AotCache.workerCacheInUse(25)).contains(cache.toAbsolutePath());
        assertThat(AotCache.workerOptions(List.of("-Xmx1g"), 25)).containsExactly("-XX:AOTCache=" + cache.toAbsolutePath(), "-Xlog:aot*=off",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining");
        System.setProperty(AotCache.PROFILES_PROPERTY, "on");
        assertThat(AotCache.workerOptions(List.of(), 25)).as("with the training profiles")
                .containsExactly("-XX:AOTCache=" + cache.toAbsolutePath(), "-Xlog:aot*=off");
        System.clearProperty(AotCache.PROFILES_PROPERTY);

        assertThat(AotCache.workerOptions(List.of(), 21)).as("Java 21 has no AOT cache").isEmpty();
        assertThat(AotCache.workerOptions(List.of(), 24)).as("nor Java 24's one-step training and profiles").isEmpty();
        assertThat(AotCache.workerOptions(List.of("-XX:AOTCache=/mine.aot"), 25)).as("the worker's own AOT options win").isEmpty();
        assertThat(AotCache.workerOptions(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=x"), 25)).isEmpty();
        assertThat(AotCache.workerOptions(List.of("-Xshare:off"), 25)).isEmpty();
        System.setProperty(AotCache.ENABLED_PROPERTY, "off");
        assertThat(AotCache.workerOptions(List.of(), 25)).as("switched off").isEmpty();
    }

    @Test
    void theWorkerCommandLineCarriesTheCacheBeforeTheWorkersOwnOptions() throws IOException {
        System.setProperty(AotCache.DIR_PROPERTY, dir.toString());
        Nanny.Builder b = Nanny.builder().scheduler("tcp://127.0.0.1:1").jvmOptions(List.of("-Xlog:aot"));
        assertThat(WorkerCommandLine.command(b)).noneMatch(a -> a.startsWith("-XX:AOT"));

        Path cache = Files.writeString(AotCache.workerCache(dir), "stands for a cache");
        List<String> cmd = WorkerCommandLine.command(b);
        if (AotCache.supported()) {
            int at = cmd.indexOf("-XX:AOTCache=" + cache.toAbsolutePath());
            assertThat(at).isPositive();
            assertThat(cmd.indexOf("-Xlog:aot")).as("a worker option -Xlog:aot shows what the cache does").isGreaterThan(at);
            assertThat(cmd.indexOf("-cp")).isGreaterThan(at);
        } else {
            assertThat(cmd).noneMatch(a -> a.startsWith("-XX:AOT"));
        }
    }

    @Test
    void trainingOptionsRecordOneConfigurationPerWorkerProcess() {
        Path conf = AotCache.recordedConfigurations(dir);
        assertThat(conf.getFileName().toString()).isEqualTo("worker-" + AotCache.key() + "-%p.aotconf");
        assertThat(AotCache.records(List.of("java", "-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf, "-cp", "a.jar"))).isTrue();
        assertThat(AotCache.records(List.of("java", "-XX:AOTCacheOutput=x.aot", "-cp", "a.jar"))).isTrue();
        assertThat(AotCache.records(List.of("java", "-XX:AOTCache=x.aot", "-cp", "a.jar"))).isFalse();
    }

    @Test
    void trainingNeedsAClassPathOfJars() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "jar");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        AotCache.requireJars(jar + java.io.File.pathSeparator + empty + java.io.File.pathSeparator + dir.resolve("missing.jar"));

        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(classes.resolve("A.class"), "class");
        assertThatThrownBy(() -> AotCache.requireJars(jar + java.io.File.pathSeparator + classes))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(classes + " on it is a folder of classes");
    }

    @Test
    void assemblingWithoutARecordedConfigurationFailsNamingTheFolder() throws IOException {
        Files.createFile(dir.resolve("worker-" + AotCache.key() + "-pid7.aotconf")); // a worker killed before it wrote it
        if (AotCache.supported()) {
            assertThatThrownBy(() -> AotCache.assembleRecorded(dir)).isInstanceOf(IOException.class)
                    .hasMessageContaining("no worker recorded an AOT configuration in " + dir);
            assertThat(dir).isEmptyDirectory();
        }
    }
}
