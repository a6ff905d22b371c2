package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Block summaries (quote-to-quote jumps over every start state at once) against the plain byte-by-byte automaton. */
class CsvBoundariesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void summariesEqualTheByteByByteAutomaton(int seed) throws Exception {
        Random r = new Random(seed);
        byte[] alphabet = "ab,\"\"\n\r\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] data = new byte[seed <= 3 ? 5_000 : 3_000_000];
        int quoteWeight = seed % 3; // 0: few quotes, 2: many
        for (int i = 0; i < data.length; i++) {
            int c = r.nextInt(alphabet.length + 20);
            data[i] = c < alphabet.length ? alphabet[c] : (quoteWeight == 2 && r.nextInt(3) == 0 ? (byte) '"' : (byte) 'x');
            if (quoteWeight == 0 && data[i] == '"' && r.nextInt(10) != 0) {
                data[i] = 'y';
            }
        }
        Path f = dir.resolve("d.bin");
        Files.write(f, data);
        byte[] cls = CsvBoundaries.classes((byte) ',', (byte) '"');
        try (FileChannel ch = FileChannel.open(f)) {
            for (int t = 0; t < 40; t++) {
                int from = r.nextInt(data.length);
                int to = from + r.nextInt(Math.min(data.length - from, t < 20 ? 50 : data.length) + 1);
                byte[] got = CsvBoundaries.summary(ch, new CsvBoundaries.Key(f.toString() + seed, data.length, t, from, to,
                        (byte) ',', (byte) '"'));
                for (byte s = 0; s < CsvBoundaries.STATES; s++) {
                    byte e = s;
                    for (int i = from; i < to; i++) {
                        e = CsvBoundaries.step(e, data[i], cls);
                    }
                    assertThat(got[s]).as("range [%d, %d) from state %d", from, to, s).isEqualTo(e);
                }
            }
        }
    }
}
