package io.jdask.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence of the layers: defaults < user files < $JDASK_CONFIG < JDASK_* < overrides. */
class ConfigLayersTest {
    @TempDir
    Path tmp;

    private Path write(String relative, String yaml) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, yaml);
    }

    @Test
    void defaultsAloneGiveTheDocumentedValues() {
        ConfigView c = Config.load(Map.of(), List.of());
        assertThat(c.getString("scheduler.default")).isEqualTo("threads");
        assertThat(c.getInt("scheduler.threads")).isZero();
        assertThat(c.getBoolean("optimization.fuse.active")).isTrue();
        assertThat(c.getBoolean("optimization.inline.active")).isTrue();
        assertThat(c.getBoolean("progress.enabled")).isTrue();
        assertThat(c.getDouble("progress.min-seconds")).isEqualTo(1.0);
        assertThat(c.getBoolean("tokenize.ensure-deterministic")).isFalse();
        assertThat(c.getList("serialization.allowed-packages")).containsExactly("java.", "javax.", "io.jdask.");
        assertThat(c.getString("serialization.fallback")).isEqualTo("fory");
        assertThat(c.origin("scheduler.threads")).isEqualTo("built-in defaults");
    }

    @Test
    void everyLayerOverridesTheOneBelowLeafByLeaf() throws IOException {
        Path user = tmp.resolve("home/.config/jdask");
        write("home/.config/jdask/a.yaml", """
                scheduler: {threads: 1, default: sync}
                progress: {min-seconds: 5}
                tokenize: {ensure-deterministic: true}
                """);
        Path named = write("named.yaml", """
                scheduler: {threads: 2}
                progress: {min-seconds: 6}
                """);
        Map<String, String> env = Map.of(
                "JDASK_CONFIG", named.toString(),
                "JDASK_SCHEDULER__THREADS", "3",
                "HOME", "/nowhere");
        ConfigView c = Config.load(env, List.of(user));

        assertThat(c.getInt("scheduler.threads")).isEqualTo(3);
        assertThat(c.origin("scheduler.threads")).isEqualTo("environment variable JDASK_SCHEDULER__THREADS");
        assertThat(c.getDouble("progress.min-seconds")).isEqualTo(6.0);
        assertThat(c.origin("progress.min-seconds")).isEqualTo("file " + named + " (from JDASK_CONFIG)");
        assertThat(c.getString("scheduler.default")).isEqualTo("sync");
        assertThat(c.origin("scheduler.default")).isEqualTo("file " + user.resolve("a.yaml"));
        assertThat(c.getBoolean("tokenize.ensure-deterministic")).isTrue();
        // untouched keys keep their defaults: nested maps are merged, not replaced
        assertThat(c.getBoolean("optimization.fuse.active")).isTrue();

        ConfigView overridden = c.with(Map.of("scheduler.threads", 4, "progress", Map.of("enabled", false)));
        assertThat(overridden.getInt("scheduler.threads")).isEqualTo(4);
        assertThat(overridden.getBoolean("progress.enabled")).isFalse();
        assertThat(overridden.getDouble("progress.min-seconds")).isEqualTo(6.0);
        assertThat(overridden.origin("scheduler.threads")).isEqualTo("override");
        assertThat(c.getInt("scheduler.threads")).as("the original view is immutable").isEqualTo(3);
    }

    @Test
    void userDirectoryFilesApplyInNameOrderAndOnlyYaml() throws IOException {
        write("conf/20-b.yml", "scheduler: {threads: 20}\n");
        write("conf/10-a.yaml", "scheduler: {threads: 10, default: a}\n");
        write("conf/30-c.txt", "scheduler: {threads: 30}\n");
        ConfigView c = Config.load(Map.of(), List.of(tmp.resolve("conf")));
        assertThat(c.getInt("scheduler.threads")).isEqualTo(20);
        assertThat(c.getString("scheduler.default")).isEqualTo("a");
    }

    @Test
    void laterPathsWinAndMissingPathsAreSkipped() throws IOException {
        Path a = write("a.yaml", "scheduler: {threads: 1}\n");
        Path b = write("b.yaml", "scheduler: {threads: 2}\n");
        ConfigView c = Config.load(Map.of(), List.of(tmp.resolve("absent"), a, b));
        assertThat(c.getInt("scheduler.threads")).isEqualTo(2);
    }

    @Test
    void jdaskConfigMayNameADirectory() throws IOException {
        write("cfg/1.yaml", "scheduler: {threads: 7}\n");
        write("cfg/2.yaml", "custom: {answer: 42}\n");
        ConfigView c = Config.load(Map.of("JDASK_CONFIG", tmp.resolve("cfg").toString()), List.of());
        assertThat(c.getInt("scheduler.threads")).isEqualTo(7);
        assertThat(c.getInt("custom.answer")).isEqualTo(42);
    }

    @Test
    void jdaskConfigNamingNothingIsAnError() {
        Path missing = tmp.resolve("no-such.yaml");
        assertThatThrownBy(() -> Config.load(Map.of("JDASK_CONFIG", missing.toString()), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("JDASK_CONFIG")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void filesMayWriteDottedKeysAndAnyCase() throws IOException {
        Path f = write("a.yaml", """
                scheduler.threads: 5
                Progress:
                  Min_Seconds: 2.5
                """);
        ConfigView c = Config.load(Map.of(), List.of(f));
        assertThat(c.getInt("scheduler.threads")).isEqualTo(5);
        assertThat(c.getDouble("progress.min-seconds")).isEqualTo(2.5);
        assertThat(c.snapshot()).containsKey("progress.min-seconds").doesNotContainKey("progress.min_seconds");
    }

    @Test
    void aLeafReplacesASectionAndASectionReplacesALeaf() throws IOException {
        Path f = write("a.yaml", "optimization: {fuse: false}\n");
        ConfigView c = Config.load(Map.of(), List.of(f));
        assertThat(c.getBoolean("optimization.fuse")).isFalse();
        assertThat(c.contains("optimization.fuse.active")).isFalse();
        assertThat(c.getBoolean("optimization.inline.active")).isTrue();

        ConfigView back = c.with(Map.of("optimization.fuse.active", true));
        assertThat(back.getBoolean("optimization.fuse.active")).isTrue();
        assertThat(back.get("optimization.fuse")).isEqualTo(Map.of("active", true));
    }

    @Test
    void modulesContributeDefaultsThroughTheClassPath() throws IOException {
        write("mod/META-INF/jdask/config-defaults.yaml", "distributed: {worker: {memory-target: 0.6}}\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.resolve("mod").toUri().toURL()}, null)) {
            ConfigView c = ConfigLoader.load(Map.of(), List.of(), loader);
            assertThat(c.getDouble("distributed.worker.memory-target")).isEqualTo(0.6);
            assertThat(c.origin("distributed.worker.memory-target")).startsWith("defaults in ");
            assertThat(c.getString("scheduler.default")).isEqualTo("threads");
        }
    }

    @Test
    void twoDefaultsForOneKeyAreAnError() throws IOException {
        write("mod/META-INF/jdask/config-defaults.yaml", "scheduler: {threads: 8}\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.resolve("mod").toUri().toURL()}, null)) {
            assertThatThrownBy(() -> ConfigLoader.load(Map.of(), List.of(), loader))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("scheduler.threads")
                    .hasMessageContaining("twice");
        }
    }
}
