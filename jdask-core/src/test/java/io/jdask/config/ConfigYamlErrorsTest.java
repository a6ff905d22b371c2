package io.jdask.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files fail with messages that name the file and the line. */
class ConfigYamlErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        Path f = Files.writeString(tmp.resolve("broken.yaml"), """
                scheduler:
                  threads: 4
                  default: [threads
                progress:
                  enabled: true
                """);
        assertThatThrownBy(() -> Config.load(Map.of(), List.of(f)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("malformed YAML")
                .hasMessageContaining(f.toString())
                .hasMessageMatching("(?s).*at line [45], column \\d+.*");
    }

    @Test
    void badIndentationNamesItsLine() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("conf"));
        Path f = Files.writeString(dir.resolve("x.yaml"), "a:\n  b: 1\n c: 2\n");
        assertThatThrownBy(() -> Config.load(Map.of(), List.of(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("line 3");
    }

    @Test
    void duplicateKeysAreAnError() throws IOException {
        Path f = Files.writeString(tmp.resolve("dup.yaml"), "scheduler:\n  threads: 1\n  threads: 2\n");
        assertThatThrownBy(() -> Config.load(Map.of(), List.of(f)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("threads")
                .hasMessageContaining("line 3");
    }

    @Test
    void aTopLevelListIsRejected() throws IOException {
        Path f = Files.writeString(tmp.resolve("list.yaml"), "- a\n- b\n");
        assertThatThrownBy(() -> Config.load(Map.of("JDASK_CONFIG", f.toString()), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("mapping");
    }

    @Test
    void emptyFilesAreFine() throws IOException {
        Path f = Files.writeString(tmp.resolve("empty.yaml"), "# nothing yet\n");
        assertThat(Config.load(Map.of(), List.of(f)).getString("scheduler.default")).isEqualTo("threads");
    }
}
