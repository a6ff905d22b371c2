package io.jdask.bag;

import io.jdask.graph.TaskFunction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code readText(...).map(Text::words).flatten().frequencies()} fused down to one task per block:
 * the words are counted straight from the block's UTF-8 bytes, with no decoding, no string per
 * line and no string per word for ASCII text. Runs of non-ASCII bytes are decoded strictly and
 * split like {@link Text#words}, so the counts equal the unfused pipeline's, and invalid UTF-8 is
 * still an error naming the file.
 *
 * @param read the block to read
 * @param frequencies the aggregation whose partition state is produced
 */
record WordBlockCount(TextReading.ReadBlock read, Aggregations.Frequencies frequencies) implements TaskFunction {

    /** @return whether a block in this encoding can be counted from its bytes */
    static boolean supports(TextReading.ReadBlock read) {
        return !read.withPath() && read.charset().equals(StandardCharsets.UTF_8.name());
    }

    @Override
    public Object apply(Object[] args) throws IOException {
        byte[] bytes = read.bytes();
        Counts counts = frequencies.begin();
        counts.addUtf8Words(bytes, read.path());
        return counts;
    }

    @Override
    public String toString() {
        return "WordBlockCount[" + read.path() + " " + read.start() + ".." + read.end() + "]";
    }
}
