package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The dataframe module's configuration keys are documented in docs/config.md with their real defaults. */
class DataFrameConfigDocsTest {
    @Test
    void splitEveryIsDocumentedWithItsDefault() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "config.md"));
        assertThat(Config.getInt(Reduction.SPLIT_EVERY)).isEqualTo(8);
        assertThat(doc).contains("| `dataframe.split-every` | int | `8` |");
        assertThat(Config.getInt(LazyMerge.BROADCAST)).isEqualTo(1);
        assertThat(doc).contains("| `dataframe.merge.broadcast-npartitions` | int | `1` |");
        assertThat(Config.getInt(Shuffles.MAX_BRANCH)).isEqualTo(32);
        assertThat(doc).contains("| `dataframe.shuffle.max-branch` | int | `32` |");
    }
}
