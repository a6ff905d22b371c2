package io.jdask.distributed.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/config.md documents jdask-distributed's keys with their defaults, which the module ships. */
class DistributedConfigDocsTest {
    @Test
    void everyMemoryKeyIsDocumentedWithItsDefault() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "config.md"));
        Map<String, String> keys = Map.of(
                MemoryThresholds.TARGET_KEY, "0.6",
                MemoryThresholds.SPILL_KEY, "0.7",
                MemoryThresholds.PAUSE_KEY, "0.8",
                MemoryThresholds.TERMINATE_KEY, "0.95");
        var defaults = Config.load(Map.of(), List.of());
        for (Map.Entry<String, String> e : keys.entrySet()) {
            assertThat(defaults.getDouble(e.getKey())).as("default of %s", e.getKey()).isEqualTo(Double.parseDouble(e.getValue()));
            assertThat(doc).contains("| `" + e.getKey() + "` | double | `" + e.getValue() + "` |");
        }
    }
}
