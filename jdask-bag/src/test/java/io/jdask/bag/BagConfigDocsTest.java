package io.jdask.bag;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/config.md documents jdask-bag's keys with their defaults. */
class BagConfigDocsTest {
    @Test
    void everyBagKeyIsDocumentedWithItsDefault() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "config.md"));
        Map<String, String> keys = Map.of(
                Reductions.SPLIT_EVERY, "8",
                BagConfig.SPILL_THRESHOLD, "64MiB",
                BagConfig.SPILL_DIRECTORY, "\"\"");
        var defaults = Config.load(Map.of(), List.of());
        for (Map.Entry<String, String> e : keys.entrySet()) {
            assertThat(defaults.get(e.getKey())).as("default of %s", e.getKey()).isNotNull();
            assertThat(doc).contains("| `" + e.getKey() + "` |");
            assertThat(doc).contains("| `" + e.getValue() + "` |");
        }
        assertThat(Config.getInt(Reductions.SPLIT_EVERY)).isEqualTo(8);
        assertThat(Config.getBytes(BagConfig.SPILL_THRESHOLD)).isEqualTo(64L << 20);
    }
}
