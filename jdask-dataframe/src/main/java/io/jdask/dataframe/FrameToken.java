package io.jdask.dataframe;

import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.List;

/** Content tokens of frames (names, types, raw arrays, validity and dictionaries), for task keys. */
final class FrameToken {
    private FrameToken() {}

    static String of(Frame f, int salt) {
        List<Object> parts = new ArrayList<>();
        parts.add(salt);
        parts.add(f.numRows());
        parts.add(f.indexName());
        if (f.hasIndex()) {
            add(parts, f.index());
        }
        for (int i = 0; i < f.numColumns(); i++) {
            parts.add(f.columnNames().get(i));
            add(parts, f.column(i));
        }
        return Tokens.token(parts);
    }

    private static void add(List<Object> parts, Column c) {
        parts.add(c.dtype());
        parts.add(c.data());
        parts.add(c.validity());
        parts.add(c.dictionaryRef());
    }
}
