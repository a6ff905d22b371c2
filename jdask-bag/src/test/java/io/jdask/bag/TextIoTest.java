package io.jdask.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.scheduler.TaskFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** readText and toTextFiles: line endings, encodings, blocks, compression, globs. */
class TextIoTest {
    @TempDir
    Path dir;

    private static final String[] PIECES = {"a", "héllo", "wörld", "日本語", "😀", "x y", " ", "ü€", "plain ascii text", ""};

    /** Random text of multi-byte lines, LF or CRLF, with or without a final newline. */
    private static String randomText(long seed, boolean crlf, boolean trailingNewline) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        int lines = 1 + r.nextInt(40);
        for (int i = 0; i < lines; i++) {
            int words = r.nextInt(6);
            for (int w = 0; w < words; w++) {
                sb.append(PIECES[r.nextInt(PIECES.length)]);
            }
            if (i < lines - 1 || trailingNewline) {
                sb.append(crlf && r.nextBoolean() ? "\r\n" : "\n");
            }
        }
        return sb.toString();
    }

    /** The lines a reader must give: split at \n, \r\n dropped, no empty line after a final newline. */
    private static List<String> expectedLines(String text) {
        List<String> out = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void lineEndingsAndEmptyFiles() throws IOException {
        write("1.txt", "a\nb\nc");
        write("2.txt", "d\r\ne\r\n");
        write("3.txt", "");
        write("4.txt", "\n\nf\n");
        write("5.txt", "lone\rreturn\n");
        Bag<String> b = Bag.readText(dir + "/*.txt");
        assertThat(b.npartitions()).isEqualTo(5);
        assertThat(b.compute()).containsExactly("a", "b", "c", "d", "e", "", "", "f", "lone\rreturn");
        assertThat(TextInput.of(dir + "/[12].txt").readWithPath().compute()).containsExactly(
                new TextLine("a", dir.resolve("1.txt").toString()), new TextLine("b", dir.resolve("1.txt").toString()),
                new TextLine("c", dir.resolve("1.txt").toString()), new TextLine("d", dir.resolve("2.txt").toString()),
                new TextLine("e", dir.resolve("2.txt").toString()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void blocksOfEverySizeGiveTheSameLines(long seed) throws IOException {
        String text = randomText(seed, seed % 2 == 0, seed % 3 != 0);
        Path f = write("f.txt", text);
        List<String> expected = expectedLines(text);
        assertThat(Bag.readText(f.toString()).compute()).isEqualTo(expected);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        for (int block = 1; block <= bytes + 1; block += (block < 40 ? 1 : 7)) {
            Bag<String> b = TextInput.of(f.toString()).blockSize(block).read();
            assertThat(b.npartitions()).isEqualTo(Math.max(1, (bytes + block - 1) / block));
            assertThat(b.compute()).as("block size %d of %d bytes", block, bytes).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"out-*.txt", "out-*.txt.gz", "out-*.txt.bz2", "out-*.txt.zst"})
    void writtenFilesReadBackCompressedByExtension(String pattern) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            lines.add("line " + i + " ünïcödé 😀");
        }
        Bag<String> b = Bag.fromSequence(lines, 11);
        List<Path> files = b.toTextFiles(dir.resolve("sub").resolve(pattern).toString());
        assertThat(files).hasSize(11);
        assertThat(files.get(0).getFileName().toString()).startsWith("out-00.");
        assertThat(files).allMatch(Files::exists);
        Bag<String> back = Bag.readText(dir.resolve("sub").resolve(pattern).toString());
        assertThat(back.npartitions()).isEqualTo(11);
        assertThat(back.compute()).isEqualTo(lines);
        if (!pattern.endsWith(".txt")) {
            assertThat(TextInput.of(files.get(0).toString()).blockSize(10).read().npartitions())
                    .as("compressed files are never split").isEqualTo(1);
        }
    }

    @Test
    void lazyWritingWritesOnlyWhenComputed() {
        Item<List<String>> w = Bag.range(5, 2).toTextFilesLazy(dir.resolve("lazy").toString());
        assertThat(Files.exists(dir.resolve("lazy"))).isFalse();
        List<String> paths = w.compute();
        assertThat(paths).containsExactly(dir.resolve("lazy/0.part").toString(), dir.resolve("lazy/1.part").toString());
        assertThat(Bag.readText(dir + "/lazy/*.part").compute()).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void encodings() throws IOException {
        Files.write(dir.resolve("latin.txt"), "café\nnaïve\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(TextInput.of(dir + "/latin.txt").encoding(StandardCharsets.ISO_8859_1).blockSize(3).read().compute())
                .containsExactly("café", "naïve");
        Files.write(dir.resolve("utf16.txt"), "one\ntwo\n".getBytes(StandardCharsets.UTF_16));
        assertThat(TextInput.of(dir + "/utf16.txt").encoding(StandardCharsets.UTF_16).read().compute()).containsExactly("one", "two");
        assertThatThrownBy(() -> TextInput.of(dir + "/utf16.txt").encoding(StandardCharsets.UTF_16).blockSize(4).read())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bag.readText(dir + "/latin.txt").compute())
                .isInstanceOf(TaskFailedException.class).hasStackTraceContaining("latin.txt is not valid UTF-8");
        write("replacement.txt", "a real \uFFFD replacement character\n");
        assertThat(Bag.readText(dir + "/replacement.txt").compute()).containsExactly("a real \uFFFD replacement character");
    }

    @Test
    void globs() throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        write("a/x1.log", "1\n");
        write("a/b/x2.log", "2\n");
        write("a/y.txt", "3\n");
        assertThat(Bag.readText(dir + "/a/*.log").compute()).containsExactly("1");
        assertThat(Bag.readText(dir + "/a/**.log").compute()).containsExactly("2", "1");
        assertThat(Bag.readText(dir + "/a/*.{log,txt}").compute()).containsExactly("1", "3");
        assertThat(Bag.readText(dir + "/a/y.txt", dir + "/a/*.log", dir + "/a/y.txt").compute()).containsExactly("3", "1");
        assertThatThrownBy(() -> Bag.readText(dir + "/nothing*.txt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no files match");
    }

    @Test
    void wordsSplitLikePythonsStrSplit() {
        assertThat(Text.words("  the quick\tbrown\u00a0fox \r\n")).containsExactly("the", "quick", "brown", "fox");
        assertThat(Text.words("")).isEmpty();
        assertThat(Text.words(" \t ")).isEmpty();
        assertThat(Text.words("日本語 テキスト\u3000全角")).containsExactly("日本語", "テキスト", "全角");
        Random r = new Random(3);
        for (int i = 0; i < 200; i++) {
            String s = randomText(i, true, r.nextBoolean()).replace('\n', r.nextBoolean() ? ' ' : '\t');
            List<String> expected = Stream.of(s.strip().split("[ \\t\\n\\r]+")).filter(w -> !w.isEmpty()).toList();
            assertThat(Text.words(s)).isEqualTo(expected);
        }
    }
}
