package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The array module's configuration keys are documented in docs/config.md with their real defaults. */
class ArrayConfigDocsTest {
    @Test
    void arrayKeysAreDocumentedWithTheirDefaults() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "config.md"));
        assertThat(Config.getBytes(Chunks.CHUNK_SIZE_KEY)).isEqualTo(128L << 20);
        assertThat(Config.getInt(Reductions.SPLIT_EVERY_KEY)).isEqualTo(8);
        assertThat(doc).contains("| `array.chunk-size` | bytes | `128MiB` |").contains("| `array.split-every` | int | `8` |");
    }

    @Test
    void autoChunksFollowTheConfiguredSize() {
        try (Config.Scope s = Config.set(Chunks.CHUNK_SIZE_KEY, "8KiB")) {
            Array a = Array.zeros(DType.F64, new int[] {1000, 1000});
            assertThat(a.chunkSizes()[0][0] * a.chunkSizes()[1][0] * 8L).isLessThanOrEqualTo(8192).isGreaterThan(4096);
            Array b = Array.zeros(DType.F64, new int[] {3, 100_000});
            assertThat(b.chunkSizes()[0]).containsExactly(3);
        }
        assertThat(Array.zeros(DType.F64, new int[] {1000, 1000}).numBlocks()).isEqualTo(1);
    }
}
